// The exception queue's HTML pages, rendered on the server. Every piece of
// draft text, front matter, file name, rule id and editor input is escaped
// with HtmlEscape (daemon/text/html_escape.h); ids and paths in links are
// percent-encoded. The pages load only /assets/queue.css and
// /assets/queue.js from the daemon itself: no CDN, they work offline.
// All functions are pure and thread-safe.
#ifndef PROOFGATE_DAEMON_QUEUE_QUEUE_PAGE_H_
#define PROOFGATE_DAEMON_QUEUE_QUEUE_PAGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/queue/queue_view.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// `/`: the drafts of `queue` (the whole queue) that match `filter`, one
// row each, over the full width of the window; `notice` (e.g. the last
// decision's outcome; "" for none) above the table. The filter form's
// dropdowns offer the rules, verdicts, folders, reviewers and nodes `queue`
// holds. Columns
// come from one table in queue_page.cc (heading, class, cell): draft,
// title, author, verdict (coloured; `review` shown as "needs judgment"),
// findings by severity, every error and warning rule of the draft (those
// that put it here in bold), reviewers, the rulebook's owner, the node
// (daemon) holding the draft, time waited, time left under `sla` (or
// overdue). Rows are listed soonest due first (those without a service
// level last, oldest first), overdue rows marked class "overdue". The
// page's script refreshes the table every 2 s by fetching the page again
// with the same filter.
std::string QueuePageHtml(const std::vector<QueueItem>& queue,
                          const QueueFilter& filter, std::string_view notice,
                          WallTime now, const ReviewSla& sla = {});

// `/drafts/<id>`: the proof record of `draft` with its text
// (daemon/spool/proof_html.h: summary first, then the draft), the
// decision form after the draft (carrying `csrf` and the draft's sha256;
// `error` is shown above it when not ""), and the draft path's `history`
// (newest first), each submission linking to its own page. A version that
// is not waiting in review/ (draft.area "ready", "returned", "history"),
// or an empty `csrf`, gives a read-only page that says where the version
// is (for a superseded one, which submission superseded it) and has no
// form.
std::string DraftPageHtml(const QueueDraft& draft,
                          const std::vector<SubmissionHistoryRow>& history,
                          std::string_view csrf, std::string_view error);

// `/decisions`: `rows` (newest first) as a table: draft (linking to its
// page), the decision in one line (daemon/text/verdict_text.h), verdict,
// the rules it was in review for, reason.
std::string RecentDecisionsHtml(const std::vector<DecisionRow>& rows);

// A short page for errors and refusals: `title`, `message`, a link back to
// the queue.
std::string MessagePageHtml(std::string_view title, std::string_view message);

// The page's CSS (the proof record's styles and the queue's) and script.
std::string QueueCss();
std::string_view QueueScript();

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_PAGE_H_
