// Counts over a set of checked drafts, shared by every report format.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_SUMMARY_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_SUMMARY_H_

#include <string>
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

// The summary as the last line of the text report and of GitHub
// annotations, without a line break: "3 drafts: 1 pass, 1 fail, 1 review;
// 4 findings" ("1 draft", "1 finding" in the singular).
std::string SummaryLine(const Summary& summary);

// One draft's findings by severity. Suppressed findings count only as
// suppressed, whatever their severity.
struct FindingCounts {
  int errors = 0;
  int warnings = 0;
  int info = 0;
  int suppressed = 0;
};

FindingCounts CountFindings(const std::vector<Finding>& findings);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_SUMMARY_H_
