#include "daemon/review/review_report_html.h"

#include <algorithm>

#include "daemon/review/review_report_text.h"
#include "daemon/text/html_escape.h"

namespace proofgate {

namespace {

std::string N(long long n) { return std::to_string(n); }

std::string Td(const std::string& text) {
  return "<td>" + HtmlEscape(text) + "</td>";
}

constexpr const char* kStyle =
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
    "td.n{text-align:right}.flag{color:#a40000;font-weight:bold}"
    "h2{margin-top:1.5em;border-bottom:1px solid #ddd}"
    "nav a{margin-right:1em}"
    "@media print{body{margin:0}nav{display:none}}";

// The per-day volume as stacked bars (pass green, review amber, fail red).
std::string VolumeChart(const ReportVolume& v) {
  if (v.days.empty()) return "<p>No submissions in this window.</p>";
  long long top = 1;
  for (const ReportDay& d : v.days) top = std::max(top, d.submissions);
  const int bar = 24, gap = 6, height = 120;
  const int width = static_cast<int>(v.days.size()) * (bar + gap) + gap;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                    N(width) + "\" height=\"" + N(height + 16) +
                    "\" role=\"img\" aria-label=\"submissions per day\">";
  int x = gap;
  for (const ReportDay& d : v.days) {
    int y = height;
    for (const auto& [verdict, colour] :
         {std::pair{"pass", "#3a8f3a"}, std::pair{"review", "#d99a00"},
          std::pair{"fail", "#c0392b"}}) {
      auto it = d.verdicts.find(verdict);
      const long long n = it == d.verdicts.end() ? 0 : it->second;
      const int h = static_cast<int>(n * height / top);
      y -= h;
      svg += "<rect x=\"" + N(x) + "\" y=\"" + N(y) + "\" width=\"" + N(bar) +
             "\" height=\"" + N(h) + "\" fill=\"" + colour + "\"><title>" +
             d.date + ": " + N(n) + " " + verdict + "</title></rect>";
    }
    svg += "<text x=\"" + N(x) + "\" y=\"" + N(height + 12) +
           "\" font-size=\"9\">" + d.date.substr(8, 2) + "</text>";
    x += bar + gap;
  }
  return svg + "</svg>";
}

void Volume(const ReportVolume& v, std::string& out) {
  out += "<h2>Volume</h2><p>" + N(v.submissions) + " submissions of " +
         N(v.drafts) + " drafts; first-pass yield <b>" +
         PercentText(v.first_pass_yield) + "</b>.</p>" + VolumeChart(v) +
         "<table><tr><th>day</th><th>submissions</th><th>drafts</th>"
         "<th>pass</th><th>fail</th><th>review</th><th>first-pass yield</th>"
         "</tr>";
  for (const ReportDay& d : v.days) {
    auto n = [&](const char* k) {
      auto it = d.verdicts.find(k);
      return "<td class=n>" + N(it == d.verdicts.end() ? 0 : it->second) +
             "</td>";
    };
    out += "<tr>" + Td(d.date) + "<td class=n>" + N(d.submissions) +
           "</td><td class=n>" + N(d.drafts) + "</td>" + n("pass") + n("fail") +
           n("review") + Td(PercentText(d.first_pass_yield)) + "</tr>";
  }
  out += "</table>";
}

void Failures(const ReviewReport& r, std::string& out) {
  out +=
      "<h2>Failures by rule</h2><table><tr><th>rule</th><th>drafts</th>"
      "<th>submissions</th><th>findings</th><th>proof pages</th></tr>";
  for (const ReportFailure& f : r.failures) {
    std::string links;
    for (const std::string& id : f.submissions_shown) {
      links += "<a href=\"drafts/" + HtmlEscape(id) + "\">" +
               HtmlEscape(id.substr(0, 15)) + "</a> ";
    }
    out += "<tr>" + Td(f.rule) + "<td class=n>" + N(f.drafts) +
           "</td><td class=n>" + N(f.submissions) + "</td><td class=n>" +
           N(f.findings) + "</td><td>" + links + "</td></tr>";
  }
  out +=
      "</table><h2>Rule health</h2><table><tr><th>rule</th>"
      "<th>findings</th><th>drafts flagged</th><th>decisions</th>"
      "<th>approvals</th><th>returns</th><th>override rate</th>"
      "<th>flag</th></tr>";
  for (const ReportRuleHealth& h : r.rules) {
    out += "<tr>" + Td(h.rule) + "<td class=n>" + N(h.findings) +
           "</td><td class=n>" + N(h.drafts_flagged) + "</td><td class=n>" +
           N(h.decisions) + "</td><td class=n>" + N(h.approvals) +
           "</td><td class=n>" + N(h.returns) + "</td>" +
           Td(PercentText(h.override_rate)) + "<td class=flag>" +
           HtmlEscape(RuleFlags(h)) + "</td></tr>";
  }
  out += "</table>";
}

void Latency(const char* title, const ReportLatency& l, std::string& out) {
  out += std::string("<h2>") + title +
         "</h2><p>p50 / p90 (count): " + HtmlEscape(PercentilesText(l.all)) +
         "</p><table><tr><th>by</th><th>group</th><th>p50 / p90 (count)</th>"
         "</tr>";
  for (const auto& [k, p] : l.by_folder) {
    out += "<tr><td>folder</td>" + Td(FolderText(k)) + Td(PercentilesText(p)) +
           "</tr>";
  }
  for (const auto& [k, p] : l.by_rulebook) {
    out += "<tr><td>rulebook</td>" + Td(k) + Td(PercentilesText(p)) + "</tr>";
  }
  out += "</table>";
}

// One row of a queue table: its group's name, waiting, overdue, oldest.
void QueueRow(const std::string& name, const ReportQueueGroup& g,
              std::string& out) {
  out += "<tr>" + Td(name) + "<td class=n>" + N(g.depth) + "</td><td class=n>" +
         N(g.overdue) + "</td>" + Td(SecondsText(g.oldest_seconds)) + "</tr>";
}

void ReworkAndQueue(const ReviewReport& r, std::string& out) {
  const ReportRework& w = r.rework;
  out += "<h2>Rework</h2><ul><li>resubmissions: " + N(w.resubmissions) +
         "</li><li>drafts returned more than once: " +
         N(w.returned_more_than_once) + "</li><li>mean submissions to ready: " +
         HtmlEscape(ReworkMeanText(w)) + "</li>";
  for (const auto& [path, n] : w.paths) {
    out += "<li>" + HtmlEscape(path) + ": " + N(n) + " submissions</li>";
  }
  const ReportQueue& q = r.queue;
  out += "</ul><h2>Queue now</h2><p>" + N(q.all.depth) + " waiting, <b>" +
         N(q.all.overdue) + " overdue</b>; oldest " +
         HtmlEscape(SecondsText(q.all.oldest_seconds)) +
         (q.oldest_path ? " (" + HtmlEscape(*q.oldest_path) + ")" : "") +
         ".</p><table><tr><th>folder</th><th>waiting</th><th>overdue</th>"
         "<th>oldest</th></tr>";
  for (const auto& [k, g] : q.by_folder) QueueRow(FolderText(k), g, out);
  out += "</table>";
  if (q.by_reviewer.empty()) {
    out += "<p>No waiting draft names a reviewer.</p>";
    return;
  }
  out +=
      "<table><tr><th>reviewer</th><th>waiting</th><th>overdue</th>"
      "<th>oldest</th></tr>";
  for (const auto& [k, g] : q.by_reviewer) QueueRow(k, g, out);
  out += "</table>";
}

void Escalations(const ReviewReport& r, std::string& out) {
  out += "<h2>Escalations by reviewer</h2>";
  if (r.escalations.empty()) {
    out += "<p>No draft of this window was escalated to a reviewer.</p>";
    return;
  }
  out +=
      "<table><tr><th>reviewer</th>"
      "<th>submissions</th><th>drafts</th><th>decisions</th>"
      "<th>approvals</th><th>returns</th></tr>";
  for (const auto& [k, e] : r.escalations) {
    out += "<tr>" + Td(k);
    for (long long n :
         {e.submissions, e.drafts, e.decisions, e.approvals, e.returns}) {
      out += "<td class=n>" + N(n) + "</td>";
    }
    out += "</tr>";
  }
  out += "</table>";
}

}  // namespace

std::string_view ReviewReportCss() { return kStyle; }

std::string ReviewReportHtml(const ReviewReport& r, ReportStyle style) {
  const std::string title = "Exception review: " + r.since.substr(0, 16) +
                            " to " + r.until.substr(0, 16) + " UTC" +
                            (r.folder.empty() ? "" : " (" + r.folder + "/)");
  std::string out =
      "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>" +
      HtmlEscape(title) + "</title>" +
      (style == ReportStyle::kInline
           ? std::string("<style>") + kStyle + "</style></head><body>"
           : std::string("<link rel=\"stylesheet\" href=\"/assets/"
                         "report.css\"></head><body><nav><a href=\"/\">"
                         "Exception queue</a></nav>")) +
      "<h1>" + HtmlEscape(title) + "</h1>";
  Volume(r.volume, out);
  Failures(r, out);
  Escalations(r, out);
  ReworkAndQueue(r, out);
  Latency("Handoff latency (routed to review to decision)", r.handoff_latency,
          out);
  Latency("Cycle time (first submission to ready or returned)", r.cycle_time,
          out);
  return out + "<p><small>Generated " + HtmlEscape(r.generated_at) +
         " by proofgate report.</small></p></body></html>\n";
}

}  // namespace proofgate
