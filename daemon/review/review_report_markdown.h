// The review report as Markdown (`proofgate report --format md`): headings
// and GitHub-flavoured tables, paste-ready for a meeting document. Every
// value written from the ledger (paths, rule ids) is escaped for a table
// cell (`|`, backslash, backquote, '<', '*', '_').
#ifndef PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_MARKDOWN_H_
#define PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_MARKDOWN_H_

#include <string>

#include "daemon/review/review_report.h"

namespace proofgate {

// `report` as Markdown. Pure, thread-safe.
std::string ReviewReportMarkdown(const ReviewReport& report);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_MARKDOWN_H_
