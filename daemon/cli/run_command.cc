#include "daemon/cli/run_command.h"

#include <signal.h>

#include "daemon/service/daemon.h"
#include "daemon/service/daemon_log.h"

namespace proofgate {

int RunDaemonCommand(const RunOptions& options, std::ostream& err) {
  // SIGTERM, SIGINT and SIGHUP wait (blocked) until the daemon's handlers
  // are in place (RunDaemon unblocks them), so a stop sent while it starts
  // drains it instead of killing it half-started.
  sigset_t stop;
  sigemptyset(&stop);
  for (int signo : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&stop, signo);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  DaemonOptions daemon;
  if (!options.config.empty()) {
    const DaemonConfigLoad load = LoadDaemonConfig(options.config);
    if (!load.config) {
      for (const ConfigError& e : load.errors) err << e.ToString() << '\n';
      err << "proofgate run: the configuration above was refused\n";
      return 2;
    }
    daemon.config = *load.config;
    daemon.config_file = options.config;
  }
  daemon.spool_override = options.spool;
  daemon.rules_override = options.rules;
  daemon.listen_override = options.listen;
  daemon.shipped_rules = options.shipped_rules;
  auto log =
      MakeDaemonLogger(daemon.config.log_level, daemon.config.log_format);
  return RunDaemon(daemon, log);
}

}  // namespace proofgate
