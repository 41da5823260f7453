#include "daemon/service/daemon.h"

#include <sys/stat.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "checks/network/link_prober.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/link_cache_store.h"
#include "daemon/queue/queue_server.h"
#include "daemon/service/daemon_log.h"
#include "daemon/service/watcher.h"
#include "daemon/spool/draft_pipeline.h"
#include "daemon/spool/spool.h"
#include "rules/rulebook_set.h"

namespace proofgate {

namespace {

namespace fs = std::filesystem;
using SteadyTime = std::chrono::steady_clock::time_point;

// Editors save a rulebook in several steps (a temporary file, a rename,
// sometimes a backup); waiting this long after the last change before
// reloading avoids validating a half-saved folder. 200 ms is well above
// the few milliseconds such a save takes and well below a human's notice.
constexpr auto kRulesQuiet = std::chrono::milliseconds(200);

// A draft found by a scan (at start-up, or in a folder that just appeared)
// rather than announced by its close may still be open for writing: it is
// claimed when its close arrives, or once it has not been modified for
// this long. One second is several times the gap between the writes of a
// program saving a file (the slowest measured in the end-to-end test
// writes every 60 ms) and short enough not to hold up a start-up scan,
// whose drafts are usually older and are claimed at once.
constexpr auto kScanQuiet = std::chrono::milliseconds(1000);

// A submission that could not be finished (a full disk, a permission or a
// name taken by a folder, all things an operator fixes) stays in
// processing/ and is retried, its path held meanwhile so no newer
// submission of it overtakes it. The wait doubles from one second, a
// pause that keeps a persistent error from filling the log, up to one
// minute, so a fixed problem clears within a minute.
constexpr auto kFirstRetry = std::chrono::seconds(1);
constexpr auto kMaxRetry = std::chrono::seconds(60);

class DaemonLoop {
 public:
  DaemonLoop(const DaemonOptions& options, std::shared_ptr<spdlog::logger> log)
      : options_(options),
        config_(options.config),
        log_(std::move(log)),
        spool_(options.spool_override.empty() ? options.config.spool
                                              : options.spool_override),
        signals_(io_, SIGTERM, SIGINT, SIGHUP),
        settle_timer_(io_),
        rules_timer_(io_) {
    // The handlers are registered: signals blocked while starting (see
    // RunRun) and any that arrived meanwhile are delivered to them now.
    sigset_t stop;
    sigemptyset(&stop);
    for (int signo : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stop, signo);
    pthread_sigmask(SIG_UNBLOCK, &stop, nullptr);
  }

  int Run();

 private:
  fs::path RulesPath(const DaemonConfig& config) const {
    if (!options_.rules_override.empty()) return options_.rules_override;
    if (!config.rules.empty()) return config.rules;
    return options_.shipped_rules;
  }
  bool LoadRules();
  DraftPipeline::Rules CurrentRules();
  void StartRulesWatcher();
  void OnRulesFile(const std::string& rel);
  void OnInboxFile(const std::string& rel, WallTime submitted, bool complete);
  std::optional<SteadyTime> StillBeingWritten(const std::string& rel);
  void ArmSettleTimer();
  void OnSettleTimer();
  void Dispatch(const std::string& rel, WallTime submitted);
  std::string Claim(const std::string& rel, WallTime submitted);
  void Finished(const std::string& rel, const std::string& failed,
                std::chrono::seconds wait);
  void Done(const std::string& rel);
  void ScanInbox();
  void WaitForSignal();
  void Reload();
  void Drain();
  void StartLinkProber(const fs::path& ledger_file);

  const DaemonOptions options_;
  DaemonConfig config_;
  std::shared_ptr<spdlog::logger> log_;
  boost::asio::io_context io_;
  Spool spool_;
  std::unique_ptr<Ledger> ledger_;
  CheckServices services_;  // the link prober, when links.network is on
  std::unique_ptr<DraftPipeline> pipeline_;
  std::unique_ptr<boost::asio::thread_pool> pool_;
  std::unique_ptr<FolderWatcher> inbox_watcher_;
  std::unique_ptr<FolderWatcher> rules_watcher_;
  std::unique_ptr<QueueServer> queue_server_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer settle_timer_;
  boost::asio::steady_timer rules_timer_;
  std::atomic<bool> draining_{false};

  // Read by workers, replaced by reloads on the io thread.
  std::mutex rules_mu_;
  std::shared_ptr<const RulebookSet> rules_;
  ParseOptions parse_;
  fs::path rules_path_;

  // State of the io thread only (no lock needed).
  struct Pending {
    SteadyTime due;
    WallTime submitted;
    bool found = false;  // found by a scan: re-checked for quiet when due
  };
  std::map<std::string, Pending> pending_;  // settling
  std::optional<SteadyTime> settle_armed_;
  std::set<std::string> in_flight_;           // paths R being processed
  std::map<std::string, WallTime> deferred_;  // seen again while in flight
  // Submissions waiting for a retry, by path R (see kFirstRetry).
  std::map<std::string, std::unique_ptr<boost::asio::steady_timer>> retries_;
};

bool DaemonLoop::LoadRules() {
  const RulebookSet::Load load = RulebookSet::FromPath(rules_path_, services_);
  if (!load.set) {
    for (const ConfigError& e : load.errors) {
      log_->error("rulebook refused: {}", e.ToString());
    }
    log_->error("the rulebooks in {} were refused; {}", rules_path_.string(),
                rules_ ? "the previous rulebooks stay in force"
                       : "nothing can be checked");
    return false;
  }
  std::string names;
  for (const auto& book : load.set->rulebooks()) {
    names += (names.empty() ? "" : ", ") + book->name + " " + book->version +
             " (" + book->sha256.substr(0, 12) + ")";
  }
  {
    std::lock_guard<std::mutex> lock(rules_mu_);
    rules_ = load.set;
  }
  log_->info("rulebooks in force from {}: {}", rules_path_.string(), names);
  return true;
}

DraftPipeline::Rules DaemonLoop::CurrentRules() {
  std::lock_guard<std::mutex> lock(rules_mu_);
  return {rules_, parse_};
}

void DaemonLoop::StartRulesWatcher() {
  if (rules_watcher_) rules_watcher_->Stop();
  std::error_code ec;
  const fs::path folder = fs::is_directory(rules_path_, ec)
                              ? rules_path_
                              : rules_path_.parent_path();
  rules_watcher_ = std::make_unique<FolderWatcher>(
      io_, folder.empty() ? fs::path(".") : folder,
      FolderWatcher::Options{.recursive = false, .report_removals = true},
      [this](const std::string& rel, bool) { OnRulesFile(rel); },
      [this] { OnRulesFile("overflow.yaml"); });
  const std::string error = rules_watcher_->Start();
  if (!error.empty()) {
    log_->warn("rulebook changes will not be picked up until SIGHUP: {}",
               error);
  }
}

void DaemonLoop::OnRulesFile(const std::string& rel) {
  const fs::path name(rel);
  if (Spool::IsIgnoredName(rel) ||
      (name.extension() != ".yaml" && name.extension() != ".yml")) {
    return;
  }
  rules_timer_.expires_after(kRulesQuiet);
  rules_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || draining_) return;
    log_->info("rulebook files changed; reloading");
    LoadRules();
  });
}

std::optional<SteadyTime> DaemonLoop::StillBeingWritten(
    const std::string& rel) {
  struct stat st;
  if (::lstat((spool_.inbox() / rel).c_str(), &st) != 0) return std::nullopt;
  const auto modified = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(st.st_mtim.tv_sec) +
          std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  const auto quiet_for = std::chrono::system_clock::now() - modified;
  if (quiet_for >= kScanQuiet) return std::nullopt;
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<SteadyTime::duration>(kScanQuiet -
                                                          quiet_for);
}

void DaemonLoop::OnInboxFile(const std::string& rel, WallTime submitted,
                             bool complete) {
  if (draining_) return;
  if (Spool::IsIgnoredPath(rel)) {
    log_->debug("{}: a temporary or hidden file; waiting for a rename", rel);
    return;
  }
  if (!complete) {
    if (const std::optional<SteadyTime> due = StillBeingWritten(rel)) {
      log_->debug(
          "{}: found by a scan and modified just now; waiting for "
          "its close or {} ms of quiet",
          rel, kScanQuiet.count());
      auto [it, added] =
          pending_.try_emplace(rel, Pending{*due, submitted, true});
      if (!added && it->second.found) it->second.due = *due;
      ArmSettleTimer();
      return;
    }
  }
  if (config_.settle_ms == 0) {
    pending_.erase(rel);  // a close arrived for a draft found by a scan
    Dispatch(rel, submitted);
    return;
  }
  const SteadyTime due = std::chrono::steady_clock::now() +
                         std::chrono::milliseconds(config_.settle_ms);
  auto [it, added] = pending_.try_emplace(rel, Pending{due, submitted, false});
  if (!added) {
    it->second.due = due;  // not quiet yet: wait again
    it->second.found = false;
  }
  ArmSettleTimer();
}

void DaemonLoop::ArmSettleTimer() {
  if (pending_.empty()) return;
  SteadyTime earliest = SteadyTime::max();
  for (const auto& [rel, p] : pending_) earliest = std::min(earliest, p.due);
  if (settle_armed_ && *settle_armed_ <= earliest) return;
  settle_armed_ = earliest;
  settle_timer_.expires_at(earliest);
  settle_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // re-armed or cancelled
    OnSettleTimer();
  });
}

void DaemonLoop::OnSettleTimer() {
  settle_armed_.reset();
  const SteadyTime now = std::chrono::steady_clock::now();
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->second.due > now) {
      ++it;
      continue;
    }
    if (it->second.found) {
      if (const std::optional<SteadyTime> due = StillBeingWritten(it->first)) {
        it->second.due = *due;  // written again meanwhile
        ++it;
        continue;
      }
    }
    Dispatch(it->first, it->second.submitted);
    it = pending_.erase(it);
  }
  ArmSettleTimer();
}

void DaemonLoop::Dispatch(const std::string& rel, WallTime submitted) {
  if (draining_) return;
  if (in_flight_.count(rel)) {
    // One submission per path at a time (spool.h relies on it): this one
    // waits until the current one is routed.
    deferred_.try_emplace(rel, submitted);
    return;
  }
  in_flight_.insert(rel);
  boost::asio::post(*pool_, [this, rel, submitted] {
    const std::string failed = draining_ ? "" : Claim(rel, submitted);
    boost::asio::post(
        io_, [this, rel, failed] { Finished(rel, failed, kFirstRetry); });
  });
}

// On a worker thread. Returns the id of a submission claimed but not
// finished (left in processing/), or "".
std::string DaemonLoop::Claim(const std::string& rel, WallTime submitted) {
  ClaimedDraft draft;
  Spool::ClaimStatus status;
  try {
    status = spool_.Claim(rel, submitted, draft);
  } catch (const std::exception& e) {
    log_->error("{}: cannot claim ({}); left in inbox/", rel, e.what());
    return "";
  }
  switch (status) {
    case Spool::ClaimStatus::kClaimed:
      if (!pipeline_->Process(draft)) return draft.id;
      break;
    case Spool::ClaimStatus::kVanished:
      log_->info("{}: vanished from inbox/ before it was claimed; skipped",
                 rel);
      break;
    case Spool::ClaimStatus::kNotAFile:
      log_->warn(
          "{}: not a regular file (symbolic links are not followed); "
          "left in inbox/",
          rel);
      break;
    case Spool::ClaimStatus::kIgnored:
      break;
  }
  return "";
}

// On the io thread, after a worker has handled path `rel`. A submission
// left unfinished (`failed`) keeps the path in flight and is recovered
// again after `wait`; a stop leaves it to the next start.
void DaemonLoop::Finished(const std::string& rel, const std::string& failed,
                          std::chrono::seconds wait) {
  if (failed.empty() || draining_) {
    Done(rel);
    return;
  }
  log_->warn("{}: submission {} is retried in {} s", rel, failed, wait.count());
  auto& timer = retries_[rel];
  timer = std::make_unique<boost::asio::steady_timer>(io_, wait);
  boost::asio::steady_timer* const self = timer.get();
  timer->async_wait([this, rel, failed, wait,
                     self](const boost::system::error_code& ec) {
    if (auto it = retries_.find(rel);
        it != retries_.end() && it->second.get() == self) {
      retries_.erase(it);
    }
    if (ec || draining_) {
      Done(rel);
      return;
    }
    boost::asio::post(*pool_, [this, rel, failed, wait] {
      const bool finished = draining_ || pipeline_->Recover(failed).finished;
      const auto next = std::min<std::chrono::seconds>(2 * wait, kMaxRetry);
      boost::asio::post(io_, [this, rel, failed, finished, next] {
        Finished(rel, finished ? "" : failed, next);
      });
    });
  });
}

void DaemonLoop::Done(const std::string& rel) {
  in_flight_.erase(rel);
  auto it = deferred_.find(rel);
  if (it == deferred_.end()) return;
  const WallTime submitted = it->second;
  deferred_.erase(it);
  Dispatch(rel, submitted);
}

void DaemonLoop::ScanInbox() {
  const std::vector<std::string> found = spool_.ScanInbox();
  if (!found.empty()) log_->info("{} drafts waiting in inbox/", found.size());
  for (const std::string& rel : found) {
    // What arrived while the daemon was down was submitted when it was
    // last written or moved in: its ctime.
    WallTime submitted = std::chrono::system_clock::now();
    struct stat st;
    if (::lstat((spool_.inbox() / rel).c_str(), &st) == 0) {
      submitted = WallTime(std::chrono::duration_cast<WallTime::duration>(
          std::chrono::seconds(st.st_ctim.tv_sec) +
          std::chrono::nanoseconds(st.st_ctim.tv_nsec)));
    }
    OnInboxFile(rel, submitted, /*complete=*/false);
  }
}

void DaemonLoop::WaitForSignal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    if (signo == SIGHUP) {
      Reload();
      WaitForSignal();
      return;
    }
    log_->info("{}: draining (no new claims; finishing {} in flight)",
               signo == SIGTERM ? "SIGTERM" : "SIGINT", in_flight_.size());
    Drain();
  });
}

void DaemonLoop::Reload() {
  log_->info("SIGHUP: reloading {}rulebooks",
             options_.config_file.empty() ? "" : "configuration and ");
  if (!options_.config_file.empty()) {
    const DaemonConfigLoad load = LoadDaemonConfig(options_.config_file);
    if (!load.config) {
      for (const ConfigError& e : load.errors) {
        log_->error("configuration refused: {}", e.ToString());
      }
      log_->error("the previous configuration stays in force");
      return;
    }
    const DaemonConfig& next = *load.config;
    if ((options_.spool_override.empty() && next.spool != config_.spool) ||
        next.ledger != config_.ledger || next.workers != config_.workers) {
      log_->warn(
          "spool, ledger and workers changes take effect at the next "
          "start");
    }
    if (next.http_listen != config_.http_listen ||
        next.http_token_file != config_.http_token_file ||
        next.http_allowed_hosts != config_.http_allowed_hosts) {
      log_->warn("http changes take effect at the next start");
    }
    if (next.links_network != config_.links_network ||
        next.links_concurrency != config_.links_concurrency ||
        next.links_per_host != config_.links_per_host ||
        next.links_cache_ttl_s != config_.links_cache_ttl_s ||
        next.links_failure_cache_ttl_s != config_.links_failure_cache_ttl_s) {
      log_->warn("links changes take effect at the next start");
    }
    ConfigureDaemonLogger(*log_, next.log_level, next.log_format);
    config_.log_level = next.log_level;
    config_.log_format = next.log_format;
    config_.settle_ms = next.settle_ms;
    config_.rules = next.rules;
    {
      std::lock_guard<std::mutex> lock(rules_mu_);
      parse_.max_bytes = next.max_draft_bytes;
    }
    const fs::path rules_path = RulesPath(config_);
    if (rules_path != rules_path_) {
      const fs::path previous = rules_path_;
      rules_path_ = rules_path;
      if (!LoadRules()) {
        rules_path_ = previous;
        return;
      }
      StartRulesWatcher();
      return;
    }
  }
  LoadRules();
}

void DaemonLoop::Drain() {
  draining_ = true;
  if (inbox_watcher_) inbox_watcher_->Stop();
  if (rules_watcher_) rules_watcher_->Stop();
  if (queue_server_) queue_server_->Stop();
  settle_timer_.cancel();
  rules_timer_.cancel();
  signals_.cancel();
  pending_.clear();
  deferred_.clear();
  for (auto& [rel, timer] : retries_) timer->cancel();
}

// One prober for every worker and draft; its answers are kept in the
// ledger file so a restart does not re-check every link.
void DaemonLoop::StartLinkProber(const fs::path& ledger_file) {
  LinkProber::Options options;
  options.concurrency = config_.links_concurrency;
  options.per_host = config_.links_per_host;
  options.ok_ttl_s = config_.links_cache_ttl_s;
  options.failure_ttl_s = config_.links_failure_cache_ttl_s;
  SqliteLinkCacheStore::Open cache =
      SqliteLinkCacheStore::OpenFile(ledger_file);
  if (cache.store) {
    options.store = std::move(cache.store);
  } else {
    log_->warn(
        "link cache unavailable in {} ({}); link answers are kept in "
        "memory only",
        ledger_file.string(), cache.error);
  }
  services_.link_prober = std::make_shared<LinkProber>(std::move(options));
}

int DaemonLoop::Run() {
  try {
    spool_.Create();
  } catch (const std::exception& e) {
    log_->critical("cannot set up the spool at {}: {}", spool_.root().string(),
                   e.what());
    return 1;
  }
  const fs::path ledger_file = config_.ledger.empty()
                                   ? spool_.state() / "ledger.sqlite"
                                   : config_.ledger;
  Ledger::Open open = Ledger::OpenFile(ledger_file);
  if (!open.ledger) {
    log_->critical("cannot open the ledger {}: {}", ledger_file.string(),
                   open.error);
    return 1;
  }
  ledger_ = std::move(open.ledger);
  if (config_.links_network) StartLinkProber(ledger_file);
  rules_path_ = RulesPath(config_);
  parse_.max_bytes = config_.max_draft_bytes;
  if (!LoadRules()) return 2;

  pipeline_ = std::make_unique<DraftPipeline>(
      spool_, *ledger_, [this] { return CurrentRules(); }, log_);
  // Routing waits on fsync far longer than verification computes, so the
  // default runs several threads per core (see config/proofgate.yaml).
  constexpr int kThreadsPerCore = 8;
  const int workers =
      config_.workers > 0
          ? config_.workers
          : kThreadsPerCore *
                std::max(1,
                         static_cast<int>(std::thread::hardware_concurrency()));
  pool_ = std::make_unique<boost::asio::thread_pool>(workers);

  // Watch first, then recover and scan: a draft arriving meanwhile is both
  // seen by the watch and found by the scan, which is harmless, rather
  // than missed.
  inbox_watcher_ = std::make_unique<FolderWatcher>(
      io_, spool_.inbox(), FolderWatcher::Options{},
      [this](const std::string& rel, bool complete) {
        OnInboxFile(rel, std::chrono::system_clock::now(), complete);
      },
      [this] {
        log_->warn("inotify queue overflowed; rescanning inbox/");
        ScanInbox();
      });
  if (const std::string error = inbox_watcher_->Start(); !error.empty()) {
    log_->critical("cannot watch {}: {}", spool_.inbox().string(), error);
    return 1;
  }
  // The exception queue, on this io thread: a decision runs between
  // dispatches, never while its draft path is in flight. Started before
  // anything is dispatched, so the decisions a stop interrupted are
  // finished (QueueServer::Start) before a new submission of the same
  // path can be claimed.
  queue_server_ = std::make_unique<QueueServer>(
      io_, spool_,
      [this](const std::string& path) { return in_flight_.count(path) > 0; },
      log_);
  if (const std::string error = queue_server_->Start(
          {options_.listen_override.empty() ? config_.http_listen
                                            : options_.listen_override,
           config_.http_token_file, ledger_file, config_.http_allowed_hosts});
      !error.empty()) {
    log_->critical("{}", error);
    Drain();
    pool_->join();
    return 1;
  }
  if (!queue_server_->url().empty()) {
    log_->info("proofgate run: serving the exception queue on {}",
               queue_server_->url());
  }
  // Submissions a crash interrupted: at most one per worker, finished
  // before anything new is claimed (so one per path, as spool.h needs).
  const std::vector<std::string> unfinished = spool_.InProcessing();
  if (!unfinished.empty()) {
    log_->info("finishing {} submissions interrupted by a stop",
               unfinished.size());
  }
  for (const std::string& id : unfinished) {
    // Ids sort by submission time: a later submission of a path whose
    // earlier one is waiting for a retry must not overtake it. It stays
    // in processing/ for the next start.
    if (const std::string path = pipeline_->PathOf(id);
        !path.empty() && retries_.count(path)) {
      log_->warn(
          "{}: submission {} waits in processing/ for the next start, "
          "behind an earlier one not yet finished",
          path, id);
      continue;
    }
    const DraftPipeline::Recovery recovery = pipeline_->Recover(id);
    if (!recovery.finished && !recovery.path.empty()) {
      in_flight_.insert(recovery.path);
      Finished(recovery.path, id, kFirstRetry);
    }
  }
  ScanInbox();
  StartRulesWatcher();
  WaitForSignal();
  log_->info("proofgate run: watching {} ({} folders) with {} workers",
             spool_.inbox().string(), inbox_watcher_->folders(), workers);

  io_.run();
  pool_->join();  // in-flight drafts finish; queued ones see draining_
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
