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

// `/`: the queue `items` (already filtered by `filter`, which the filter
// form shows), with `notice` (e.g. the last decision's outcome; "" for
// none) above the table. Items are listed soonest due first under `sla`
// (those without a service level last, oldest first), overdue rows marked
// class "overdue" with the time past due. The page's script refreshes the
// table from /api/queue with the same filter and order.
std::string QueuePageHtml(const std::vector<QueueItem>& items,
                          const QueueFilter& filter, std::string_view notice,
                          WallTime now, const ReviewSla& sla = {});

// `/drafts/<id>`: the proof record of `draft` with its text, the decision
// form (carrying `csrf` and the draft's sha256) and the draft path's
// `history`; `error` is shown above the form when not "".
std::string DraftPageHtml(const QueueDraft& draft,
                          const std::vector<SubmissionHistoryRow>& history,
                          std::string_view csrf, std::string_view error);

// A short page for errors and refusals: `title`, `message`, a link back to
// the queue.
std::string MessagePageHtml(std::string_view title, std::string_view message);

// The page's CSS (the proof record's styles and the queue's) and script.
std::string QueueCss();
std::string_view QueueScript();

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_PAGE_H_
