#include "daemon/reports/report_summary.h"

namespace proofgate {

Summary Summarize(const std::vector<DraftResult>& results) {
  Summary s;
  for (const DraftResult& r : results) {
    ++s.drafts;
    s.findings += static_cast<int>(r.verification.findings.size());
    switch (r.verification.verdict) {
      case Verdict::kPass:
        ++s.pass;
        break;
      case Verdict::kFail:
        ++s.fail;
        break;
      case Verdict::kReview:
        ++s.review;
        break;
    }
  }
  return s;
}

std::string SummaryLine(const Summary& s) {
  return std::to_string(s.drafts) + (s.drafts == 1 ? " draft: " : " drafts: ") +
         std::to_string(s.pass) + " pass, " + std::to_string(s.fail) +
         " fail, " + std::to_string(s.review) + " review; " +
         std::to_string(s.findings) +
         (s.findings == 1 ? " finding" : " findings");
}

FindingCounts CountFindings(const std::vector<Finding>& findings) {
  FindingCounts c;
  for (const Finding& f : findings) {
    if (f.suppressed) {
      ++c.suppressed;
      continue;
    }
    switch (f.severity) {
      case Severity::kError:
        ++c.errors;
        break;
      case Severity::kWarning:
        ++c.warnings;
        break;
      case Severity::kInfo:
        ++c.info;
        break;
    }
  }
  return c;
}

}  // namespace proofgate
