#include "daemon/service/daemon.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "checks/network/link_prober.h"
#include "daemon/files/durable_file.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/submission_queue.h"
#include "daemon/queue/queue_server.h"
#include "daemon/review/review_report.h"
#include "daemon/service/decision_relay.h"
#include "daemon/service/draft_dispatcher.h"
#include "daemon/service/inbox_settler.h"
#include "daemon/service/rulebook_reloader.h"
#include "daemon/service/submission_worker.h"
#include "daemon/service/watcher.h"
#include "daemon/service/webhook_sender.h"
#include "daemon/spool/draft_pipeline.h"
#include "daemon/spool/ready_export.h"
#include "daemon/spool/spool.h"

namespace proofgate {

namespace {

namespace fs = std::filesystem;

// One prober for every worker and draft; its answers are kept in the
// ledger (OpenLinkCacheStore) so a restart does not re-check every link,
// and with a PostgreSQL ledger every node shares them.
std::shared_ptr<LinkProber> OpenLinkProber(const DaemonConfig& config,
                                           const LedgerLocation& ledger,
                                           spdlog::logger& log) {
  LinkProber::Options options;
  options.concurrency = config.links_concurrency;
  options.per_host = config.links_per_host;
  options.ok_ttl_s = config.links_cache_ttl_s;
  options.failure_ttl_s = config.links_failure_cache_ttl_s;
  Expected<std::shared_ptr<LinkCacheStore>> cache = OpenLinkCacheStore(ledger);
  if (cache) {
    options.store = std::move(*cache);
  } else {
    log.warn(
        "link cache unavailable in {} ({}); link answers are kept in "
        "memory only",
        ledger.ForLog(), cache.error());
  }
  return std::make_shared<LinkProber>(std::move(options));
}

// Where the ledger is (`ledger:`), with the password of
// `ledger_password_file` read; or why the file cannot be read (never its
// content).
Expected<LedgerLocation> LedgerOf(const DaemonConfig& config,
                                  const Spool& spool) {
  std::string password;
  if (!config.ledger_password_file.empty()) {
    if (!ReadSecretFile(config.ledger_password_file, password)) {
      return Unexpected("cannot read the ledger password file " +
                        config.ledger_password_file.string());
    }
  }
  return LedgerLocationOf(config.ledger.string(),
                          spool.state() / "ledger.sqlite", password);
}

// Routing waits on fsync far longer than verification computes, so the
// default runs several threads per core (see config/proofgate.yaml).
int WorkerCount(const DaemonConfig& config) {
  constexpr int kThreadsPerCore = 8;
  if (config.workers > 0) return config.workers;
  return kThreadsPerCore *
         std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

class DaemonLoop {
 public:
  DaemonLoop(const DaemonOptions& options, std::shared_ptr<spdlog::logger> log)
      : options_(options),
        config_(options_.config),
        log_(std::move(log)),
        spool_(options.spool_override.empty() ? options.config.spool
                                              : options.spool_override),
        signals_(io_, SIGTERM, SIGINT, SIGHUP) {
    // The handlers are registered: the signals blocked while starting
    // (see RunDaemonCommand), and any that arrived meanwhile, are
    // delivered to them now.
    sigset_t stop;
    sigemptyset(&stop);
    for (int signo : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stop, signo);
    pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
  }

  int Run();

 private:
  int Open();
  void StartWorkers();
  void StartSubmissionWorker();
  void StartDecisionRelay();
  bool WatchInbox();
  bool ServeQueue();
  bool StartSender();
  void SyncExport();
  WebhookSender::Options SenderOptions(const NotifySettings& notify) const;
  void ReloadWebhooks(const NotifySettings& next);
  void WakeSender();
  void WaitForSignal();
  void Drain();

  const DaemonOptions options_;
  // The configuration at start (the reloader holds the one in force).
  const DaemonConfig& config_;
  std::shared_ptr<spdlog::logger> log_;
  boost::asio::io_context io_;
  Spool spool_;
  LedgerLocation ledger_where_;
  std::unique_ptr<Ledger> ledger_;
  // Webhook deliveries: events are written with the rows they report (the
  // ledger's and the decisions'), then sent from the sender's thread.
  // Replaced on a SIGHUP reload (sender_mu_: workers wake it); the
  // replaced one stops and is destroyed (its ledger connection closed) on
  // a thread of retiring_, joined at the next reload once done, or at the
  // drain.
  std::mutex sender_mu_;
  std::unique_ptr<WebhookSender> sender_;
  struct Retiring {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Retiring> retiring_;
  NotifySettings notify_in_force_;
  std::unique_ptr<RulebookReloader> reloader_;
  std::unique_ptr<DraftPipeline> pipeline_;
  // Copies of what reaches ready/ (`export_dir`); null without one.
  std::unique_ptr<ReadyExport> export_;
  int workers_ = 0;
  std::unique_ptr<boost::asio::thread_pool> pool_;
  std::unique_ptr<DraftDispatcher> dispatcher_;
  std::unique_ptr<InboxSettler> settler_;
  std::unique_ptr<FolderWatcher> inbox_watcher_;
  std::unique_ptr<QueueServer> queue_server_;
  // HTTP submissions: the queue in the ledger and this node's claim loop.
  std::unique_ptr<SubmissionQueue> submissions_;
  std::unique_ptr<SubmissionWorker> submission_worker_;
  // Decisions other nodes took on this node's drafts (PostgreSQL only);
  // `apply_posted_`: a round is already posted to the io thread.
  std::unique_ptr<DecisionRelay> decision_relay_;
  std::atomic<bool> apply_posted_{false};
  boost::asio::signal_set signals_;
};

// The spool, the ledger, the link prober and the rulebooks: returns 0, or
// RunDaemon's exit code for what failed.
int DaemonLoop::Open() {
  try {
    spool_.Create();
  } catch (const std::exception& e) {
    log_->critical("cannot set up the spool at {}: {}", spool_.root().string(),
                   e.what());
    return 1;
  }
  Expected<LedgerLocation> where = LedgerOf(config_, spool_);
  if (!where) {
    log_->critical("{}", where.error());
    return 1;
  }
  ledger_where_ = std::move(*where);
  Expected<std::unique_ptr<Ledger>> opened = OpenLedger(ledger_where_);
  if (!opened) {
    log_->critical("cannot open the ledger {}: {}", ledger_where_.ForLog(),
                   opened.error());
    return 1;
  }
  ledger_ = std::move(*opened);
  ledger_->SetNode(config_.node);
  log_->info("node {}: ledger {}", config_.node, ledger_where_.ForLog());
  Expected<std::unique_ptr<SubmissionQueue>> queue =
      OpenSubmissionQueue(ledger_where_);
  if (!queue) {
    log_->critical("cannot open the HTTP submissions' queue in {}: {}",
                   ledger_where_.ForLog(), queue.error());
    return 1;
  }
  submissions_ = std::move(*queue);
  sender_ = std::make_unique<WebhookSender>(spool_, log_);
  notify_in_force_ = config_.notify;
  ledger_->SetNotify(config_.notify, [this] { WakeSender(); });
  CheckServices services;
  if (config_.links_network) {
    services.link_prober = OpenLinkProber(config_, ledger_where_, *log_);
  }
  reloader_ = std::make_unique<RulebookReloader>(io_, options_,
                                                 std::move(services), log_);
  return reloader_->Load() ? 0 : 2;
}

// The pipeline on a worker pool, fed by the dispatcher, fed by the settler.
void DaemonLoop::StartWorkers() {
  pipeline_ = std::make_unique<DraftPipeline>(
      spool_, *ledger_, [this] { return reloader_->Current(); }, log_);
  if (!config_.export_dir.empty()) {
    export_ = std::make_unique<ReadyExport>(config_.export_dir);
    pipeline_->SetExport(export_.get());
  }
  workers_ = WorkerCount(config_);
  pool_ = std::make_unique<boost::asio::thread_pool>(workers_);
  dispatcher_ =
      std::make_unique<DraftDispatcher>(io_, *pool_, spool_, *pipeline_, log_);
  settler_ = std::make_unique<InboxSettler>(
      io_, spool_.inbox(), std::chrono::milliseconds(config_.settle_ms),
      [this](const std::string& path, WallTime submitted) {
        dispatcher_->Dispatch(path, submitted);
      },
      log_);
}

// The claim loop over HTTP submissions; each routed one is delivered
// through the dispatcher (one submission per path) and marked delivered.
void DaemonLoop::StartSubmissionWorker() {
  SubmissionWorker::Settings settings;
  settings.node = config_.node;
  settings.lease = std::chrono::milliseconds(config_.submission_lease_ms);
  settings.max_attempts = config_.submission_max_attempts;
  auto deliver = [this](const QueuedSubmission& s,
                        const nlohmann::json& record) {
    boost::asio::post(io_, [this, s, record] {
      dispatcher_->DispatchJob(s.path, [this, s, record]() -> std::string {
        if (!pipeline_->DeliverChecked(s.id, s.path, s.bytes, record)) {
          // Adopted into processing/: retried there as a folder draft is,
          // holding the path so no newer version overtakes it. Otherwise
          // the next start delivers it (SubmissionWorker::Start).
          const std::vector<std::string> left = spool_.InProcessing();
          return std::find(left.begin(), left.end(), s.id) != left.end() ? s.id
                                                                         : "";
        }
        const Status marked =
            submissions_->MarkDelivered(s.id, std::chrono::system_clock::now());
        if (!marked) {
          log_->warn("{}: HTTP submission {} delivered, not marked so: {}",
                     s.path, s.id, marked.error());
        }
        return "";
      });
    });
  };
  submission_worker_ = std::make_unique<SubmissionWorker>(
      *submissions_, *pipeline_, settings, deliver, log_);
  submission_worker_->Start();
}

// With a PostgreSQL ledger: the relay wakes the io thread, which applies
// the decisions other nodes recorded for this node's drafts between
// dispatches and reloads (one round posted at a time).
void DaemonLoop::StartDecisionRelay() {
  if (!ledger_where_.postgres()) return;
  DecisionRelay::Settings settings;
  settings.node = config_.node;
  settings.ledger = ledger_where_;
  settings.poll = std::chrono::milliseconds(config_.decision_poll_ms);
  settings.listen = config_.decision_listen;
  auto wake = [this] {
    if (apply_posted_.exchange(true)) return;
    boost::asio::post(io_, [this] {
      apply_posted_ = false;
      queue_server_->ApplyPendingDecisions();
    });
  };
  decision_relay_ =
      std::make_unique<DecisionRelay>(std::move(settings), wake, log_);
  decision_relay_->Start();
}

// Watch first, then recover and scan: a draft arriving meanwhile is both
// seen by the watch and found by the scan, which is harmless, rather than
// missed.
bool DaemonLoop::WatchInbox() {
  inbox_watcher_ = std::make_unique<FolderWatcher>(
      io_, spool_.inbox(), FolderWatcher::Options{},
      [this](const std::string& path, bool complete) {
        settler_->Arrived(path, std::chrono::system_clock::now(), complete);
      },
      [this] {
        log_->warn("inotify queue overflowed; rescanning inbox/");
        settler_->Found(spool_.ScanInbox());
      });
  if (const Status started = inbox_watcher_->Start(); !started) {
    log_->critical("cannot watch {}: {}", spool_.inbox().string(),
                   started.error());
    return false;
  }
  return true;
}

// The exception queue, on this io thread: a decision runs between
// dispatches, never while its draft path is in flight. Started before
// anything is dispatched, so the decisions a stop interrupted are
// finished (QueueServer::Start) before a new submission of the same path
// can be claimed.
bool DaemonLoop::ServeQueue() {
  queue_server_ = std::make_unique<QueueServer>(
      io_, spool_,
      [this](const std::string& path) { return dispatcher_->InFlight(path); },
      log_);
  QueueServer::Settings settings;
  settings.listen = options_.listen_override.empty() ? config_.http_listen
                                                     : options_.listen_override;
  settings.token_file = config_.http_token_file;
  settings.ledger = ledger_where_;
  settings.allowed_hosts = config_.http_allowed_hosts;
  settings.sla = config_.review_sla;
  settings.rule_ids = [this] {
    const DraftPipeline::Rules rules = reloader_->Current();
    return rules.set ? RuleIdsOf(*rules.set) : std::vector<std::string>{};
  };
  settings.notify = config_.notify;
  settings.notify_enqueued = [this] { WakeSender(); };
  settings.submissions = submissions_.get();
  settings.max_submission_bytes = config_.max_draft_bytes;
  settings.new_id = [this](WallTime at) { return spool_.NewSubmissionId(at); };
  settings.node = config_.node;
  settings.exporter = export_.get();
  if (const Status started = queue_server_->Start(settings); !started) {
    log_->critical("{}", started.error());
    return false;
  }
  if (!queue_server_->url().empty()) {
    log_->info("proofgate run: serving the exception queue on {}",
               queue_server_->url());
  }
  return true;
}

// The sender's options for webhooks `notify`, once the queue's address
// (the default base of proof page links) is known.
WebhookSender::Options DaemonLoop::SenderOptions(
    const NotifySettings& notify) const {
  WebhookSender::Options options;
  options.settings = notify;
  options.base_url =
      notify.public_url.empty() ? queue_server_->url() : notify.public_url;
  options.ledger = ledger_where_;
  options.sla = config_.review_sla;
  return options;
}

bool DaemonLoop::StartSender() {
  if (const Status started = sender_->Start(SenderOptions(config_.notify));
      !started) {
    log_->critical("{}", started.error());
    return false;
  }
  if (!config_.notify.webhooks.empty()) {
    log_->info("proofgate run: {} webhooks", config_.notify.webhooks.size());
  }
  return true;
}

// Catches the export folder up with ready/ (after the decisions a stop
// interrupted are finished): what a crash left unexported, what was there
// before `export_dir` was set. A failure is logged; routing goes on.
void DaemonLoop::SyncExport() {
  if (!export_) return;
  try {
    const int written = export_->Sync(spool_.area(Area::kReady));
    log_->info("export: {} drafts of ready/ written to {}", written,
               export_->folder().string());
  } catch (const std::exception& e) {
    log_->error("export: cannot catch {} up with ready/: {}",
                export_->folder().string(), e.what());
  }
}

// SIGHUP took a configuration: its webhooks replace those in force. A new
// sender starts with them (secret files read again) before the old one
// stops, off the io thread, after its request in flight (at most 10 s):
// the outbox's claims keep the two from sending one event at once. Events
// of a webhook no longer configured stay in the outbox, unsent, until a
// webhook with that URL is configured again. A sender that cannot start
// (a secret file unreadable since the configuration was checked) is
// logged and the webhooks in force stay.
void DaemonLoop::ReloadWebhooks(const NotifySettings& next) {
  if (notify_in_force_.webhooks.empty() && next.webhooks.empty()) return;
  auto fresh = std::make_unique<WebhookSender>(spool_, log_);
  if (const Status started = fresh->Start(SenderOptions(next)); !started) {
    log_->error("webhooks not reloaded: {}; the previous webhooks stay",
                started.error());
    return;
  }
  ledger_->SetNotify(next, [this] { WakeSender(); });
  queue_server_->SetNotify(next, [this] { WakeSender(); });
  std::unique_ptr<WebhookSender> old;
  {
    std::lock_guard<std::mutex> lock(sender_mu_);
    old = std::move(sender_);
    sender_ = std::move(fresh);
  }
  // Senders replaced by earlier reloads that have stopped: joined now, so
  // reloads do not pile up threads.
  std::erase_if(retiring_, [](Retiring& r) {
    if (!r.done->load()) return false;
    r.thread.join();
    return true;
  });
  auto done = std::make_shared<std::atomic<bool>>(false);
  retiring_.push_back({std::thread([old = std::move(old), done]() mutable {
                         if (old) old->Stop();
                         old.reset();
                         done->store(true);
                       }),
                       done});
  notify_in_force_ = next;
  log_->info("webhooks reloaded: {} in force", next.webhooks.size());
}

void DaemonLoop::WakeSender() {
  std::lock_guard<std::mutex> lock(sender_mu_);
  if (sender_) sender_->Wake();
}

void DaemonLoop::WaitForSignal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    if (signo == SIGHUP) {
      if (reloader_->Reload()) ReloadWebhooks(reloader_->config().notify);
      settler_->set_settle(
          std::chrono::milliseconds(reloader_->config().settle_ms));
      WaitForSignal();
      return;
    }
    log_->info("{}: draining (no new claims; finishing {} in flight)",
               signo == SIGTERM ? "SIGTERM" : "SIGINT",
               dispatcher_->in_flight());
    Drain();
  });
}

void DaemonLoop::Drain() {
  if (decision_relay_) decision_relay_->Stop();
  if (submission_worker_) submission_worker_->Stop();
  if (dispatcher_) dispatcher_->Stop();
  if (inbox_watcher_) inbox_watcher_->Stop();
  if (reloader_) reloader_->Stop();
  if (queue_server_) queue_server_->Stop();
  if (settler_) settler_->Stop();
  WebhookSender* sender = nullptr;
  {
    std::lock_guard<std::mutex> lock(sender_mu_);
    sender = sender_.get();
  }
  if (sender != nullptr) sender->Stop();  // not under the lock: workers wake
  for (Retiring& r : retiring_) r.thread.join();
  retiring_.clear();
  signals_.cancel();
}

int DaemonLoop::Run() {
  if (const int failed = Open(); failed != 0) return failed;
  StartWorkers();
  if (!WatchInbox()) return 1;
  if (!ServeQueue() || !StartSender()) {
    Drain();
    pool_->join();
    return 1;
  }
  SyncExport();
  dispatcher_->Recover();
  StartSubmissionWorker();
  StartDecisionRelay();
  settler_->Found(spool_.ScanInbox());
  reloader_->Watch();
  WaitForSignal();
  log_->info("proofgate run: watching {} ({} folders) with {} workers",
             spool_.inbox().string(), inbox_watcher_->folders(), workers_);

  io_.run();
  pool_->join();  // drafts in flight finish; queued ones see the stop
  io_.restart();
  io_.poll();
  log_->info("drained; exiting");
  return 0;
}

}  // namespace

int RunDaemon(const DaemonOptions& options,
              std::shared_ptr<spdlog::logger> log) {
  DaemonLoop loop(options, std::move(log));
  return loop.Run();
}

}  // namespace proofgate
