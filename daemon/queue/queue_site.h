// QueueSite: what the daemon's HTTP server answers, as a function from a
// request to a response (no sockets; daemon/http/http_server.h does the
// I/O). Each endpoint is registered once, with its method, path and a
// line of help, in the endpoint table (QueueSite::Endpoints() in
// queue_site.cc):
//
//   GET  /                              the exception queue (HTML); query
//                                       rule=, verdict=fail|review, folder=,
//                                       reviewer=, node=,
//                                       decided=<id>: a notice of the
//                                       decision the ledger holds for <id>
//                                       (none when it holds none)
//   GET  /drafts/<id>                   a draft's proof record, its history
//                                       and, while it waits in review/, the
//                                       decision form; read-only for a
//                                       version in ready/, returned/ or
//                                       history/ (found through the ledger)
//   GET  /decisions                     the latest decisions (HTML)
//   POST /drafts/<id>/decision          the form (x-www-form-urlencoded:
//                                       decision, reason, editor, sha256,
//                                       csrf); 303 to /?decided=<id> when
//                                       applied
//   GET  /api/queue                     {"items": [...], "csrf_token": "..."}
//                                       from the ledger's queue index (every
//                                       node's drafts); the page's filters
//   GET  /api/drafts/<id>               {"item", "area", "record", "text",
//                                       "history"}: any version, as the page
//   POST /api/drafts/<id>/decision      JSON {"decision", "reason", "editor",
//                                       "sha256"}, header X-CSRF-Token;
//                                       200 {"status": "applied", "path",
//                                       "area", "message", "decision"}, or
//                                       for a draft another node holds 202
//                                       {"status": "pending", "path",
//                                       "node", "area", "message",
//                                       "decision"} (the form: a 202 page)
//   POST /api/submissions?path=&author= a draft's bytes to check and route
//                                       (daemon/queue/submission_api.h):
//                                       202 {"id", "status"}; 400 a bad
//                                       path or field, 415 a form's
//                                       Content-Type, 422 an
//                                       Idempotency-Key reused for other
//                                       content, 503 + Retry-After when the
//                                       ledger fails
//   GET  /api/submissions/<id>          its state as JSON, from any node
//   GET  /api/submissions/<id>/draft    its bytes
//   GET  /metrics                       daemon/queue/metrics.h
//   GET  /report                        the review report (HTML,
//                                       daemon/review/review_report_html.h);
//                                       query since= (default 7d), until=,
//                                       folder=, as `proofgate report`
//   any  /healthz                       "ok"
//   GET  /assets/queue.css, queue.js, report.css
//   GET  /favicon.ico                   204: there is none
//
// GET includes HEAD. Another method on a fixed path is 404, as for a path
// that is not there; on a draft's path it is 405.
//
// <id> is a submission id (daemon/queue/queue_view.h); anything else is
// 404 before the file system is touched. Decisions: 200/303 applied, 202
// recorded for the node holding the draft, 400
// invalid, 403 CSRF token wrong or missing, 409 the draft changed or left
// (stale sha256), 500 file system failure.
//
// Host: requests naming a host the daemon does not serve are refused
// with 421 before anything else but /healthz (daemon/request_origin.h:
// without a token, only loopback names and Access::allowed_hosts).
//
// Auth: when a token is configured (required off loopback, see
// daemon/queue_server.h), every request but /healthz must carry it as
// "Authorization: Bearer <token>" or the cookie proofgate_token; a browser
// gets the cookie by opening any page once with ?token=<token>. Tokens
// are compared in constant time.
//
// CSRF: one random token per daemon process (256 bits from
// std::random_device), in every decision form and in GET /api/queue;
// decisions without it are refused. Cross-origin requests (an Origin
// header that is not http:// or https:// and the request's Host, see
// daemon/request_origin.h) are refused too, with 403.
//
// Thread safety: Handle() must be called from one thread at a time (the
// daemon calls it from its io thread, which also serializes decisions
// with the dispatch of submissions).
#ifndef PROOFGATE_DAEMON_QUEUE_QUEUE_SITE_H_
#define PROOFGATE_DAEMON_QUEUE_QUEUE_SITE_H_

#include <spdlog/logger.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/http/http_message.h"
#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/pending_decisions.h"
#include "daemon/ledger/submission_queue.h"
#include "daemon/queue/decision.h"
#include "daemon/queue/queue_view.h"
#include "daemon/review/review_sla.h"
#include "daemon/spool/ready_export.h"
#include "daemon/spool/spool.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

class QueueSite {
 public:
  // Whether a submission of draft path R is being verified or routed right
  // now; a decision on R is refused (409) meanwhile.
  using PathBusy = std::function<bool(const std::string& path)>;

  // Who may ask.
  struct Access {
    std::string token;  // "" when no auth token is required
    // Host names served besides loopback ones (lower-case, no port).
    std::vector<std::string> allowed_hosts;
  };

  // `spool` must outlive the site; `ledger` may be null (no decisions
  // table: decisions are still applied, /metrics reports the spool only,
  // and / shows no decision notice).
  QueueSite(const Spool& spool, DecisionLedger* ledger, Access access,
            PathBusy busy, std::shared_ptr<spdlog::logger> log);

  // The response to `request` (never throws; an unexpected exception is a
  // 500 with its message logged).
  HttpResponse Handle(const HttpRequest& request);

  // The rule ids of the rulebooks in force (for /report's "unused?").
  using RuleIds = std::function<std::vector<std::string>()>;

  // Review service levels for the queue's due times, /metrics and
  // /report, the ledger /report reads (a read-only connection of its
  // own; SQLite or PostgreSQL; without one /report is 404) and the rules
  // in force (null: no rule is flagged unused). Call before serving.
  void SetReview(ReviewSla sla, LedgerLocation ledger,
                 RuleIds rule_ids = nullptr) {
    sla_ = std::move(sla);
    review_ledger_ = std::move(ledger);
    rule_ids_ = std::move(rule_ids);
  }

  // A new submission id for a draft received at the given time
  // (Spool::NewSubmissionId).
  using NewId = std::function<std::string(WallTime)>;

  // Enables /api/submissions: drafts are stored in `queue` (must outlive
  // the site) under ids from `new_id`, for the workers to claim. Without
  // it those endpoints answer 404. Call before serving.
  void SetSubmissions(SubmissionQueue* queue, NewId new_id) {
    submissions_ = queue;
    new_id_ = std::move(new_id);
  }
  // Enables decisions on drafts another node holds (daemon/queue/
  // decision.h, RecordPendingDecision): recorded in `pending` (must
  // outlive the site) and answered 202. Without it they are refused
  // (409, not in this node's review/). Call before serving.
  void SetPendingDecisions(PendingDecisions* pending) { pending_ = pending; }

  // Applies `pending`, a decision another node recorded for a draft this
  // node holds, through the same path as a decision POSTed here (Decide(),
  // then ApplyDecision with the editor's time made_at; `now` when that
  // does not parse). kApplied when applied now or found applied before
  // (the ledger holds this very decision: idempotent), kRefused with the
  // reason (the draft changed or left), kRetry on a file system or ledger
  // failure, while the draft's path is being verified or delivered, or
  // while the queue index lists the draft here before it reached review/.
  // Same thread rules as Handle().
  PendingResult ApplyPending(const PendingDecision& pending, WallTime now);

  // This daemon's name (its config's `node`), for the drafts it lists from
  // its own spool (without a ledger, or when the queue index cannot be
  // read). Call before serving.
  void SetNode(std::string node) { node_ = std::move(node); }
  // Copies each draft an editor approves into `exporter`'s folder
  // (daemon/spool/ready_export.h; null: none, the default). A failed copy
  // is logged; the decision stands and the next start's
  // ReadyExport::Sync() copies it. `exporter` must outlive the site. Call
  // before serving.
  void SetExport(const ReadyExport* exporter) { export_ = exporter; }

  // The CSRF token decisions must carry: 64 lower-case hex digits, fixed
  // for the site's life.
  const std::string& csrf_token() const { return csrf_; }

 private:
  // One request as the endpoints see it: the decoded path, the query, the
  // {id} of the path and the time it is answered at (queue_site.cc).
  struct Call;
  // One row of the endpoint table: method, path, help, handler.
  struct Endpoint;
  using Handler = HttpResponse (QueueSite::*)(const Call& call);

  // The endpoint table, in the order paths are matched.
  static const std::vector<Endpoint>& Endpoints();

  // The endpoint whose path `call.path` fits (what its {id} took goes to
  // call.id), or null.
  static const Endpoint* Find(Call& call);
  // 404: "no such draft" under a draft's path, "not found" elsewhere.
  static HttpResponse NotFound(const Call& call);

  // Handle() without the catch: finds the endpoint, checks host, token
  // and Origin (Gate()), then the id and the method, and calls it.
  HttpResponse Dispatch(const HttpRequest& request);
  // The answer to a request that must not reach an endpoint (421, 401,
  // 403, or the 303 that keeps a ?token= in a cookie); nullopt when it may.
  std::optional<HttpResponse> Gate(const Call& call) const;
  // Gate()'s auth token part, when a token is configured: 401 without it,
  // the cookie's 303 for a GET with ?token=; nullopt when it was sent.
  std::optional<HttpResponse> TokenGate(const Call& call) const;

  // The endpoints, one each; the table says which answers what.
  HttpResponse Health(const Call& call);
  HttpResponse QueuePage(const Call& call);
  HttpResponse StyleAsset(const Call& call);
  HttpResponse ReportStyleAsset(const Call& call);
  HttpResponse ScriptAsset(const Call& call);
  HttpResponse Favicon(const Call& call);
  HttpResponse Metrics(const Call& call);
  HttpResponse ReportPage(const Call& call);
  HttpResponse QueueApi(const Call& call);
  HttpResponse DraftPage(const Call& call);
  HttpResponse DraftApi(const Call& call);
  HttpResponse DecisionForm(const Call& call);
  HttpResponse DecisionApi(const Call& call);
  HttpResponse RecentDecisions(const Call& call);
  HttpResponse SubmitApi(const Call& call);
  HttpResponse SubmissionApi(const Call& call);
  HttpResponse SubmissionDraftApi(const Call& call);
  // Submission call.id from the queue, or the response that says why not
  // (404 unknown or not enabled, 503 the ledger failed).
  Expected<QueuedSubmission, HttpResponse> FindSubmission(const Call& call);

  // The queue, filtered: the ledger's queue index (every node's drafts),
  // else this spool's review/ (ListQueue).
  std::vector<QueueItem> Items(const QueueFilter& filter) const;
  // Window `window` of Items(filter), with their total.
  QueueListing Page(const QueueFilter& filter, const QueueWindow& window) const;

  // Draft version `id`: waiting in review/ on any node (the ledger's
  // queue index: its record and bytes as routed), else in this spool's
  // review/, else (with a ledger) wherever it is now
  // (daemon/queue/queue_view.h, FindDraftVersion).
  std::optional<QueueDraft> FindDraft(const std::string& id) const;

  // What `/` says above the queue after a decision (query decided=<id>):
  // the ledger's record of it, or "".
  std::string DecidedNotice(const Call& call) const;
  // The ledger's submissions of draft path `path`; none without a ledger.
  std::vector<SubmissionHistoryRow> HistoryOf(const std::string& path) const;
  // Applies `decision` unless its draft's path is being verified right now
  // (then kStale); `current` gets the draft as it is in review/. A draft
  // waiting on another node (the queue index) is recorded for that node
  // when SetPendingDecisions() was called and `may_relay` (kPending); a
  // pending decision being applied passes false, since the store applying
  // it must not be called from inside (PendingDecisions::ApplyPending).
  DecisionOutcome Decide(const DecisionRequest& decision, WallTime now,
                         std::optional<QueueDraft>& current,
                         bool may_relay = true);

  const Spool& spool_;
  DecisionLedger* ledger_;
  Access access_;
  std::string csrf_;
  PathBusy busy_;
  std::shared_ptr<spdlog::logger> log_;
  ReviewSla sla_;
  LedgerLocation review_ledger_;  // see SetReview()
  RuleIds rule_ids_;
  SubmissionQueue* submissions_ = nullptr;  // see SetSubmissions()
  NewId new_id_;
  std::string node_;                     // see SetNode()
  const ReadyExport* export_ = nullptr;  // see SetExport()

  // After an approve into ready/: the export of `outcome`'s draft, when
  // an export folder is set (logs a failure).
  void ExportApproved(const DecisionOutcome& outcome,
                      const std::string& submission) const;
  PendingDecisions* pending_ = nullptr;  // see SetPendingDecisions()
};

// Whether `a` and `b` are equal, in time that depends only on their
// lengths (not on where they first differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_SITE_H_
