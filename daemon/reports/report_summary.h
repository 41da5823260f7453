// Counts over a set of checked drafts, shared by every report format.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_SUMMARY_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_SUMMARY_H_

#include <vector>

#include "daemon/drafts/draft_check.h"

namespace proofgate {

struct Summary {
  int drafts = 0;
  int pass = 0;
  int fail = 0;
  int review = 0;
  int findings = 0;
};

Summary Summarize(const std::vector<DraftResult>& results);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_SUMMARY_H_
