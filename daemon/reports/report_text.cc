#include "daemon/reports/report_text.h"

#include "daemon/drafts/finding_effect.h"
#include "daemon/reports/report_summary.h"

namespace proofgate {

void WriteTextReport(const std::vector<DraftResult>& results, bool verbose,
                     std::ostream& out) {
  for (const DraftResult& r : results) {
    for (const Finding& f : r.verification.findings) {
      out << r.path << ':' << f.range.line << ':' << f.range.column << ": "
          << SeverityName(f.severity) << ": " << f.message << " [" << f.rule
          << ']';
      if (f.confidence < 1.0) {
        out << " (confidence " << static_cast<int>(f.confidence * 100 + 0.5)
            << "%)";
      }
      if (f.suppressed) out << " (suppressed: " << f.suppression_reason << ')';
      out << '\n';
    }
    if (verbose || r.verification.verdict != Verdict::kPass) {
      out << r.path << ": " << VerdictName(r.verification.verdict);
      if (r.rulebook != nullptr) {
        out << " (rulebook " << r.rulebook->name << ' ' << r.rulebook->version
            << ')';
      }
      const std::vector<std::string> reviewers =
          ReviewersOf(r.verification.findings);
      for (size_t i = 0; i < reviewers.size(); ++i) {
        out << (i == 0 ? ", escalated to " : ", ") << reviewers[i];
      }
      out << '\n';
    }
  }
  out << SummaryLine(Summarize(results)) << '\n';
}

}  // namespace proofgate
