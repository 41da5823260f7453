// The text report of `proofgate check`: one line per finding, compiler
// style, then a summary.
//
//   docs/a.md:12:1: error: The heading level jumps ... [headings/skipped-level]
//   docs/a.md: fail (rulebook default 1)
//   3 drafts: 1 pass, 1 fail, 1 review; 4 findings
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_TEXT_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_TEXT_H_

#include <ostream>
#include <vector>

#include "daemon/drafts/draft_check.h"

namespace proofgate {

// Writes `results` (in the given order) to `out`. Drafts that pass with no
// findings get no line of their own unless `verbose`.
void WriteTextReport(const std::vector<DraftResult>& results, bool verbose,
                     std::ostream& out);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_TEXT_H_
