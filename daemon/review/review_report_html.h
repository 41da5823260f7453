// The review report as an HTML page (`proofgate report --format html`,
// and GET /report on the daemon): the per-day volume drawn as an inline
// SVG bar chart, no script, printable. Every ledger value is
// HTML-escaped. Proof page links are relative ("drafts/<id>"), so they
// resolve on the daemon that serves the page.
#ifndef PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_HTML_H_
#define PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_HTML_H_

#include <string>
#include <string_view>

#include "daemon/review/review_report.h"

namespace proofgate {

// Where the page's styles come from.
enum class ReportStyle {
  // In a <style> element: one self-contained file to mail or print
  // (`proofgate report --format html`).
  kInline,
  // From /assets/report.css, with a link back to the queue: the daemon's
  // pages allow no inline style (Content-Security-Policy style-src 'self').
  kLinked,
};

// `report` as an HTML document. Pure, thread-safe.
std::string ReviewReportHtml(const ReviewReport& report,
                             ReportStyle style = ReportStyle::kInline);

// The report's stylesheet (CSS text), the same in both styles. Pure.
std::string_view ReviewReportCss();

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_HTML_H_
