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

}  // namespace proofgate
