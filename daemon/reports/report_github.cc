#include "daemon/reports/report_github.h"

#include <algorithm>
#include <sstream>

#include "daemon/drafts/finding_effect.h"
#include "daemon/reports/report_paths.h"
#include "daemon/reports/report_summary.h"

namespace proofgate {

namespace {

std::string Escape(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

int Percent(double confidence) {
  return static_cast<int>(std::clamp(confidence, 0.0, 1.0) * 100 + 0.5);
}

// The annotation command and message for a finding, or "" to skip it.
std::string_view CommandFor(FindingEffect effect, Severity severity) {
  switch (effect) {
    case FindingEffect::kFails:
      return "error";
    case FindingEffect::kReview:
      return "warning";
    case FindingEffect::kAdvisory:
      return severity == Severity::kInfo ? "notice" : "warning";
    case FindingEffect::kWaived:
      break;
  }
  return "";
}

std::string MessageFor(const Finding& f, FindingEffect effect) {
  std::string message = f.message;
  if (effect == FindingEffect::kReview) {
    message += " (needs an editor's review: confidence " +
               std::to_string(Percent(f.confidence)) + "%)";
  }
  if (!f.suggestion.empty()) message += " Suggestion: " + f.suggestion;
  return message;
}

// Markdown-escapes draft text for a table cell or list item: no raw HTML,
// no emphasis, code, links or table breaks, one line.
std::string MarkdownText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
      case '\n':
        out += ' ';
        break;
      case '|':
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '~':
      case '#':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view VerdictBadge(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "**fail**";
    case Verdict::kReview:
      return "*review*";
  }
  return "review";
}

// The table row of draft `r`: path, verdict, rulebook, and its findings
// counted by severity, suppressed ones apart.
void WriteDraftRow(const DraftResult& r, std::ostream& md) {
  const FindingCounts counts = CountFindings(r.verification.findings);
  md << "| " << MarkdownText(ReportPath(r.path)) << " | "
     << VerdictBadge(r.verification.verdict) << " | "
     << MarkdownText(r.rulebook ? r.rulebook->name + " " + r.rulebook->version
                                : std::string("-"))
     << " | " << counts.errors << " | " << counts.warnings << " | "
     << counts.info << " | " << counts.suppressed << " |\n";
}

// The table of drafts that did not pass cleanly, while `md` holds at most
// half of `budget_bytes` (so the findings get the other half), then how
// many rows were left out and how many drafts passed with no findings.
void WriteDraftTable(const std::vector<DraftResult>& results,
                     size_t budget_bytes, std::ostringstream& md) {
  int clean = 0;
  int rows_left_out = 0;
  bool table_started = false;
  for (const DraftResult& r : results) {
    if (r.verification.verdict == Verdict::kPass &&
        r.verification.findings.empty()) {
      ++clean;
      continue;
    }
    if (static_cast<size_t>(md.tellp()) > budget_bytes / 2) {
      ++rows_left_out;
      continue;
    }
    if (!table_started) {
      md << "| draft | verdict | rulebook | errors | warnings | info | "
            "suppressed |\n|---|---|---|--:|--:|--:|--:|\n";
      table_started = true;
    }
    WriteDraftRow(r, md);
  }
  if (rows_left_out > 0) {
    md << "\n"
       << rows_left_out
       << " more drafts with findings are not listed (GitHub caps a job "
          "summary at 1 MiB); the JSON or SARIF report has them all.\n";
  }
  if (clean > 0) {
    md << "\n"
       << clean << (clean == 1 ? " draft passed" : " drafts passed")
       << " with no findings.\n";
  }
}

// Every finding as a list item while `md` holds at most `budget_bytes`,
// then how many were left out.
void WriteFindingList(const std::vector<DraftResult>& results,
                      bool fail_on_warning, size_t budget_bytes,
                      std::ostringstream& md) {
  int findings_left_out = 0;
  bool list_started = false;
  for (const DraftResult& r : results) {
    const Routing routing = EffectiveRouting(r, fail_on_warning);
    const std::string path = MarkdownText(ReportPath(r.path));
    for (const Finding& f : r.verification.findings) {
      if (static_cast<size_t>(md.tellp()) > budget_bytes) {
        ++findings_left_out;
        continue;
      }
      if (!list_started) {
        md << "\n### Findings\n\n";
        list_started = true;
      }
      const FindingEffect effect = EffectOnVerdict(f, routing);
      md << "- " << path << ':' << f.range.line << ':' << f.range.column
         << " **" << SeverityName(f.severity) << "** "
         << MarkdownText(MessageFor(f, effect)) << " \\["
         << MarkdownText(f.rule) << "\\]";
      if (f.suppressed) {
        md << " (suppressed: " << MarkdownText(f.suppression_reason) << ')';
      }
      md << '\n';
    }
  }
  if (findings_left_out > 0) {
    md << "\n"
       << findings_left_out
       << " more findings are not listed (GitHub caps a job summary at "
          "1 MiB); the JSON or SARIF report has them all.\n";
  }
}

}  // namespace

std::string EscapeWorkflowData(std::string_view text) {
  return Escape(text, false);
}

std::string EscapeWorkflowProperty(std::string_view text) {
  return Escape(text, true);
}

void WriteGithubAnnotations(const std::vector<DraftResult>& results,
                            bool fail_on_warning, std::ostream& out) {
  for (const DraftResult& r : results) {
    const Routing routing = EffectiveRouting(r, fail_on_warning);
    const std::string file = EscapeWorkflowProperty(ReportPath(r.path));
    for (const Finding& f : r.verification.findings) {
      const FindingEffect effect = EffectOnVerdict(f, routing);
      const std::string_view command = CommandFor(effect, f.severity);
      if (command.empty()) continue;
      out << "::" << command << " file=" << file << ",line=" << f.range.line
          << ",col=" << f.range.column << ",endLine=" << f.range.end_line
          << ",endColumn=" << f.range.end_column
          << ",title=" << EscapeWorkflowProperty(f.rule)
          << "::" << EscapeWorkflowData(MessageFor(f, effect)) << '\n';
    }
  }
  out << SummaryLine(Summarize(results)) << '\n';
}

void WriteGithubStepSummary(const std::vector<DraftResult>& results,
                            bool fail_on_warning, std::ostream& out,
                            size_t budget_bytes) {
  const Summary s = Summarize(results);
  // Built in memory first: the budget is measured on what is written.
  std::ostringstream md;
  md << "## proofgate: " << s.drafts << (s.drafts == 1 ? " draft" : " drafts")
     << ", " << s.pass << " pass, " << s.fail << " fail, " << s.review
     << " review; " << s.findings
     << (s.findings == 1 ? " finding" : " findings") << "\n\n";
  WriteDraftTable(results, budget_bytes, md);
  WriteFindingList(results, fail_on_warning, budget_bytes, md);
  out << md.str();
}

}  // namespace proofgate
