// QueueSite: what the daemon's HTTP server answers, as a function from a
// request to a response (no sockets; daemon/http_server.h does the I/O).
//
//   GET  /                              the exception queue (HTML); query
//                                       rule=, verdict=fail|review, folder=,
//                                       decided=<id>: a notice of the
//                                       decision the ledger holds for <id>
//                                       (none when it holds none)
//   GET  /drafts/<id>                   a draft's proof record and decision
//   form POST /drafts/<id>/decision          the form (x-www-form-urlencoded:
//                                       decision, reason, editor, sha256,
//                                       csrf); 303 to /?decided=<id> when
//                                       applied
//   GET  /api/queue                     {"items": [...], "csrf_token": "..."}
//   GET  /api/drafts/<id>               {"item", "record", "text", "history"}
//   POST /api/drafts/<id>/decision      JSON {"decision", "reason", "editor",
//                                       "sha256"}, header X-CSRF-Token
//   GET  /metrics                       daemon/metrics.h
//   GET  /healthz                       "ok"
//   GET  /assets/queue.css, queue.js
//
// <id> is a submission id (daemon/queue_view.h); anything else is 404
// before the file system is touched. Decisions: 200/303 applied, 400
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

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "daemon/http/http_message.h"
#include "daemon/ledger/decision_ledger.h"
#include "daemon/spool/spool.h"

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

  const std::string& csrf_token() const { return csrf_; }

 private:
  HttpResponse Route(const HttpRequest& request);

  const Spool& spool_;
  DecisionLedger* ledger_;
  Access access_;
  std::string csrf_;
  PathBusy busy_;
  std::shared_ptr<spdlog::logger> log_;
};

// Whether `a` and `b` are equal, in time that depends only on their
// lengths (not on where they first differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_SITE_H_
