#include "daemon/review/review_report_markdown.h"

#include "daemon/review/review_report_text.h"

namespace proofgate {

namespace {

std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|' || c == '\\' || c == '`' || c == '<' || c == '*' || c == '_' ||
        c == '[' || c == ']') {
      out += '\\';
    }
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

std::string N(long long n) { return std::to_string(n); }

void Volume(const ReviewReport& r, std::string& out) {
  const ReportVolume& v = r.volume;
  out += "## Volume\n\n" + N(v.submissions) + " submissions of " + N(v.drafts) +
         " drafts; first-pass yield " + PercentText(v.first_pass_yield) +
         ".\n\n";
  out +=
      "| day | submissions | drafts | pass | fail | review | first-pass "
      "yield |\n|---|--:|--:|--:|--:|--:|--:|\n";
  for (const ReportDay& d : v.days) {
    auto n = [&](const char* k) {
      auto it = d.verdicts.find(k);
      return N(it == d.verdicts.end() ? 0 : it->second);
    };
    out += "| " + d.date + " | " + N(d.submissions) + " | " + N(d.drafts) +
           " | " + n("pass") + " | " + n("fail") + " | " + n("review") + " | " +
           PercentText(d.first_pass_yield) + " |\n";
  }
}

void Rules(const ReviewReport& r, std::string& out) {
  out +=
      "\n## Failures by rule\n\n| rule | drafts | submissions | findings "
      "|\n|---|--:|--:|--:|\n";
  for (const ReportFailure& f : r.failures) {
    out += "| " + Cell(f.rule) + " | " + N(f.drafts) + " | " +
           N(f.submissions) + " | " + N(f.findings) + " |\n";
  }
  out +=
      "\n## Rule health\n\n| rule | findings | drafts flagged | decisions "
      "| approvals | returns | override rate | flag "
      "|\n|---|--:|--:|--:|--:|--:|--:|---|\n";
  for (const ReportRuleHealth& h : r.rules) {
    out += "| " + Cell(h.rule) + " | " + N(h.findings) + " | " +
           N(h.drafts_flagged) + " | " + N(h.decisions) + " | " +
           N(h.approvals) + " | " + N(h.returns) + " | " +
           PercentText(h.override_rate) + " | " + RuleFlags(h) + " |\n";
  }
}

void Escalations(const ReviewReport& r, std::string& out) {
  out += "\n## Escalations by reviewer\n\n";
  if (r.escalations.empty()) {
    out += "No draft of this window was escalated to a reviewer.\n";
    return;
  }
  out +=
      "| reviewer | submissions | drafts | "
      "decisions | approvals | returns |\n|---|--:|--:|--:|--:|--:|\n";
  for (const auto& [k, e] : r.escalations) {
    out += "| " + Cell(k) + " | " + N(e.submissions) + " | " + N(e.drafts) +
           " | " + N(e.decisions) + " | " + N(e.approvals) + " | " +
           N(e.returns) + " |\n";
  }
}

void Latency(const char* title, const ReportLatency& l, std::string& out) {
  out += std::string("\n## ") + title +
         "\n\np50 / p90 (count): " + PercentilesText(l.all) +
         "\n\n| by | group | p50 / p90 (count) "
         "|\n|---|---|---|\n";
  for (const auto& [k, p] : l.by_folder) {
    out += "| folder | " + Cell(FolderText(k)) + " | " + PercentilesText(p) +
           " |\n";
  }
  for (const auto& [k, p] : l.by_rulebook) {
    out += "| rulebook | " + Cell(k) + " | " + PercentilesText(p) + " |\n";
  }
}

void Queue(const ReviewReport& r, std::string& out) {
  const ReportQueue& q = r.queue;
  out += "\n## Queue now\n\n" + N(q.all.depth) + " waiting, " +
         N(q.all.overdue) + " overdue; oldest " +
         SecondsText(q.all.oldest_seconds) +
         (q.oldest_path ? " (" + Cell(*q.oldest_path) + ")" : "") +
         ".\n\n| folder | waiting | overdue | oldest |\n|---|--:|--:|---|\n";
  for (const auto& [k, g] : q.by_folder) {
    out += "| " + Cell(FolderText(k)) + " | " + N(g.depth) + " | " +
           N(g.overdue) + " | " + SecondsText(g.oldest_seconds) + " |\n";
  }
  if (q.by_reviewer.empty()) {
    out += "\nNo waiting draft names a reviewer.\n";
    return;
  }
  out += "\n| reviewer | waiting | overdue | oldest |\n|---|--:|--:|---|\n";
  for (const auto& [k, g] : q.by_reviewer) {
    out += "| " + Cell(k) + " | " + N(g.depth) + " | " + N(g.overdue) + " | " +
           SecondsText(g.oldest_seconds) + " |\n";
  }
}

}  // namespace

std::string ReviewReportMarkdown(const ReviewReport& r) {
  std::string out = "# Exception review: " + r.since.substr(0, 16) + " to " +
                    r.until.substr(0, 16) + " UTC" +
                    (r.folder.empty() ? "" : " (" + Cell(r.folder) + "/)") +
                    "\n\n";
  Volume(r, out);
  Rules(r, out);
  Escalations(r, out);
  const ReportRework& w = r.rework;
  out += "\n## Rework\n\n- resubmissions: " + N(w.resubmissions) +
         "\n- drafts returned more than once: " + N(w.returned_more_than_once) +
         "\n- mean submissions to ready: " + ReworkMeanText(w) + "\n";
  for (const auto& [path, n] : w.paths) {
    out += "- " + Cell(path) + ": " + N(n) + " submissions\n";
  }
  Latency("Handoff latency (routed to review to decision)", r.handoff_latency,
          out);
  Latency("Cycle time (first submission to ready or returned)", r.cycle_time,
          out);
  Queue(r, out);
  return out;
}

}  // namespace proofgate
