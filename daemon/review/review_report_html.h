// The review report as one self-contained HTML page (`proofgate report
// --format html`, and GET /report on the daemon): inline styles, the
// per-day volume drawn as an inline SVG bar chart, no script, no external
// resource, printable. Every ledger value is HTML-escaped. Proof page
// links are relative ("drafts/<id>"), so they resolve on the daemon that
// serves the page.
#ifndef PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_HTML_H_
#define PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_HTML_H_

#include <string>

#include "daemon/review/review_report.h"

namespace proofgate {

// `report` as an HTML document. Pure, thread-safe.
std::string ReviewReportHtml(const ReviewReport& report);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_HTML_H_
