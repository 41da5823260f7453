// `proofgate run` in the foreground: watches the spool's inbox/, claims
// each complete draft, verifies it on a worker pool and routes it to
// ready/ or review/ with its proof record and ledger row (see
// daemon/spool/spool.h for the layout and the crash-safety argument).
// Serves the exception queue over HTTP (daemon/queue/queue_server.h) from
// the same io thread that dispatches drafts, so an editor's decision never
// overlaps the routing of the same draft path.
//
// The parts, each on that io thread: InboxSettler (inbox_settler.h) says
// when a dropped draft is complete; DraftDispatcher (draft_dispatcher.h)
// claims it on a worker, one submission per draft path at a time, and
// retries one that could not be finished; RulebookReloader
// (rulebook_reloader.h) keeps the rulebooks and configuration in force.
//
// Signals: SIGTERM and SIGINT drain (stop claiming, finish the drafts in
// flight, return 0); SIGHUP reloads the configuration file (when one was
// given) and the rulebooks. Rulebook files changed on disk are reloaded
// too. A reload is validated first: an invalid configuration or rulebook
// is refused with file:line:col in the log and the previous one stays in
// force.
#ifndef PROOFGATE_DAEMON_SERVICE_DAEMON_H_
#define PROOFGATE_DAEMON_SERVICE_DAEMON_H_

#include <spdlog/logger.h>

#include <filesystem>
#include <memory>
#include <string>

#include "daemon/service/daemon_config.h"

namespace proofgate {

struct DaemonOptions {
  DaemonConfig config;
  // The configuration file `config` came from, re-read on SIGHUP; empty
  // when the defaults were used.
  std::filesystem::path config_file;
  // Command-line overrides of config.spool and config.rules, kept across
  // reloads; empty when not given.
  std::filesystem::path spool_override;
  std::filesystem::path rules_override;
  // Command-line override of config.http_listen ("HOST:PORT"); empty when
  // not given.
  std::string listen_override;
  // The rulebooks that ship with proofgate, used when neither the
  // configuration nor the command line names any.
  std::filesystem::path shipped_rules;
};

// Runs the daemon until SIGTERM or SIGINT, on the calling thread (its io
// thread) and a pool of config.workers threads (0: eight per core);
// blocks until drained.
// Handles SIGTERM, SIGINT and SIGHUP for the whole process (unblocking
// them on the calling thread), so at most one call per process at a time.
// Returns 0 after a clean drain, 2 when the rulebooks are invalid at
// start, 1 when the spool, ledger, watcher or HTTP listener cannot be set
// up (each explained in `log`).
int RunDaemon(const DaemonOptions& options,
              std::shared_ptr<spdlog::logger> log);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_DAEMON_H_
