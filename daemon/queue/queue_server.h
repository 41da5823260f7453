// QueueServer: the exception queue served by `proofgate run`: the
// decisions' ledger connection (daemon/decision_ledger.h), the site
// (daemon/queue_site.h) and the HTTP server (daemon/http_server.h), set up
// from the configuration's http keys.
//
// Security: a listen address that is not loopback (127.0.0.0/8, ::1) is
// refused unless an auth token file is configured; the token is read once,
// at start, surrounding white space removed, and must not be empty.
// Requests naming a host other than a loopback one or allowed_hosts are
// refused when there is no token (daemon/request_origin.h).
//
// Thread safety: Start() and Stop() on the io_context's thread.
#ifndef PROOFGATE_DAEMON_QUEUE_QUEUE_SERVER_H_
#define PROOFGATE_DAEMON_QUEUE_QUEUE_SERVER_H_

#include <spdlog/logger.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/http/http_server.h"
#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/pending_decisions.h"
#include "daemon/notify/notify_event.h"
#include "daemon/queue/queue_site.h"
#include "daemon/review/review_sla.h"
#include "daemon/spool/spool.h"

namespace proofgate {

class QueueServer {
 public:
  struct Settings {
    std::string listen;                // "HOST:PORT"; "" = no HTTP server
    std::filesystem::path token_file;  // "" = no token
    LedgerLocation ledger;             // the daemon's ledger
    // Host names served besides loopback ones (QueueSite::Access).
    std::vector<std::string> allowed_hosts;
    ReviewSla sla;                // review.sla (QueueSite::SetReview)
    QueueSite::RuleIds rule_ids;  // the rules in force, for /report
    // Webhooks decision events go to, and the sender's wake-up
    // (DecisionLedger::SetNotify).
    NotifySettings notify;
    std::function<void()> notify_enqueued;
    // HTTP submissions (QueueSite::SetSubmissions): the queue (null: the
    // endpoints answer 404) and the ids of new submissions.
    SubmissionQueue* submissions = nullptr;
    QueueSite::NewId new_id;
    // The largest draft POST /api/submissions accepts, in bytes (config
    // `max_draft_bytes`); other requests keep kMaxBodyBytes.
    size_t max_submission_bytes = kMaxBodyBytes;
    // This daemon's name (config `node`): its drafts in the queue index.
    std::string node;
    // Where approved drafts are exported (QueueSite::SetExport); null:
    // nowhere.
    const ReadyExport* exporter = nullptr;
  };

  // `spool` must outlive the server; `busy` is QueueSite's PathBusy.
  QueueServer(boost::asio::io_context& io, const Spool& spool,
              QueueSite::PathBusy busy, std::shared_ptr<spdlog::logger> log);
  ~QueueServer();

  // Opens the decisions ledger (and, with a PostgreSQL ledger, the
  // pending decisions: decisions through this node on drafts another node
  // holds are recorded there, QueueSite::SetPendingDecisions), finishes
  // decisions a stop interrupted
  // (daemon/decision.h), makes the ledger's queue index rows of
  // settings.node match review/ (DecisionLedger::SyncQueue: a failure is
  // logged, the daemon goes on and the queue lists what the index holds)
  // and, unless settings.listen is "", starts serving.
  // Returns success, or what is wrong for a person (bad address, missing
  // token file for a non-loopback address, address in use, ledger error).
  Status Start(const Settings& settings);

  // Applies this node's pending decisions, recorded through other nodes
  // (daemon/ledger/pending_decisions.h), each through the site's decision
  // path (QueueSite::ApplyPending), at most kPendingPerRound of them; the
  // rest wait for the next call. Logs each and any ledger error. Returns
  // how many were marked applied or refused. Nothing with a SQLite ledger
  // (one node: nothing is pending). Call on the io thread, after Start().
  int ApplyPendingDecisions();

  // How many pending decisions one ApplyPendingDecisions() takes: a busy
  // queue's minute of decisions, short enough not to hold the io thread
  // (each decision is a few fsyncs) for long.
  static constexpr int kPendingPerRound = 50;

  // Decision events go to the webhooks of `settings` from now on
  // (DecisionLedger::SetNotify), `enqueued` called after each commit that
  // wrote one. After Start(); thread-safe.
  void SetNotify(NotifySettings settings, std::function<void()> enqueued);

  // The URL served ("http://127.0.0.1:8686/"), "" when not serving.
  std::string url() const { return url_; }

  // Stops serving (idempotent); the io_context can then run out of work.
  void Stop();

 private:
  // The site for `settings`, with auth token `token` ("" = none).
  void MakeSite(const Settings& settings, std::string token);

  boost::asio::io_context& io_;
  const Spool& spool_;
  QueueSite::PathBusy busy_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<DecisionLedger> ledger_;
  // Decisions for and from other nodes (PostgreSQL ledgers only).
  std::unique_ptr<PendingDecisions> pending_;
  std::string node_;
  std::unique_ptr<QueueSite> site_;
  std::unique_ptr<HttpServer> http_;
  std::string url_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_SERVER_H_
