// RulebookReloader: the rulebooks and configuration in force in a running
// daemon, and their reload.
//
// The rulebooks are reloaded when their files change on disk (after
// kRulesQuiet without further changes) and on SIGHUP, which also re-reads
// the configuration file (when one was given). A reload is validated
// first: an invalid configuration or rulebook is refused with
// file:line:col in the log and the previous one stays in force. Of a
// reloaded configuration, the log level and format, the settle time, the
// largest draft parsed, the webhooks (`notify`, applied by the daemon:
// service/daemon.cc) and the rulebooks take effect at once; a change of
// spool, ledger, workers, http or links is logged as taking effect at the
// next start.
//
// Owns the configuration in force, the rulebook path, the watch on the
// rulebook folder and its quiet timer: state of the io thread. Current()
// is the one member workers call (from any thread); the rulebook set and
// the parse limits it returns are guarded by a mutex, replaced whole by a
// reload so a submission never sees rules change mid-draft.
#ifndef PROOFGATE_DAEMON_SERVICE_RULEBOOK_RELOADER_H_
#define PROOFGATE_DAEMON_SERVICE_RULEBOOK_RELOADER_H_

#include <spdlog/logger.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "checks/check_services.h"
#include "daemon/service/daemon.h"
#include "daemon/service/daemon_config.h"
#include "daemon/service/watcher.h"
#include "daemon/spool/draft_pipeline.h"
#include "rules/rulebook_set.h"

namespace proofgate {

// Editors save a rulebook in several steps (a temporary file, a rename,
// sometimes a backup); waiting this long after the last change before
// reloading avoids validating a half-saved folder. 200 ms is well above
// the few milliseconds such a save takes and well below a human's notice.
inline constexpr auto kRulesQuiet = std::chrono::milliseconds(200);

class RulebookReloader {
 public:
  // `options` gives the configuration at start, its file and the
  // command-line overrides (copied); rulebooks are built with `services`
  // (the link prober). `io` must outlive the reloader. Loads nothing yet.
  RulebookReloader(boost::asio::io_context& io, const DaemonOptions& options,
                   CheckServices services, std::shared_ptr<spdlog::logger> log);
  RulebookReloader(const RulebookReloader&) = delete;
  RulebookReloader& operator=(const RulebookReloader&) = delete;

  // Loads the rulebooks at start-up: the command line's --rules, else the
  // configuration's rules, else the shipped ones. Returns false, the
  // errors logged, when they are refused. On the io thread.
  bool Load();

  // Watches the rulebook folder (the path itself when a folder, else the
  // file's folder) and reloads after kRulesQuiet once a *.yaml or *.yml
  // file in it changes, appears or goes. A watch that cannot be set up is
  // logged (changes then wait for SIGHUP). On the io thread.
  void Watch();

  // SIGHUP: re-reads the configuration file, when there is one, applies
  // what can change while running, then reloads the rulebooks (from a new
  // path when the configuration's rules moved, watched from then on).
  // Anything refused is logged and leaves the previous configuration and
  // rulebooks in force. True when a configuration file was read and taken
  // (config() is the new one; the rulebooks may still have been refused),
  // false when there is none or it was refused. On the io thread.
  bool Reload();

  // The rulebooks and parse limits in force now. Thread-safe (workers
  // call it once per submission).
  DraftPipeline::Rules Current();

  // The configuration in force. On the io thread.
  const DaemonConfig& config() const { return config_; }

  // Stops watching and cancels a pending reload. Idempotent.
  void Stop();

 private:
  std::filesystem::path RulesPath(const DaemonConfig& config) const;
  // Loads the rulebooks at rules_path_ and puts them in force.
  bool LoadRules();
  void OnRulesFile(const std::string& name);
  // Logs which changes of `next` wait for the next start.
  void WarnNextStart(const DaemonConfig& next) const;

  boost::asio::io_context& io_;
  const DaemonOptions options_;
  const CheckServices services_;
  std::shared_ptr<spdlog::logger> log_;
  DaemonConfig config_;
  std::filesystem::path rules_path_;
  std::unique_ptr<FolderWatcher> watcher_;
  boost::asio::steady_timer quiet_timer_;
  bool stopped_ = false;

  std::mutex mu_;  // guards rules_ and parse_, read by workers
  std::shared_ptr<const RulebookSet> rules_;
  ParseOptions parse_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_RULEBOOK_RELOADER_H_
