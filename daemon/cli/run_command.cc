#include "daemon/cli/run_command.h"

#include <signal.h>

#include <CLI/CLI.hpp>

#include "daemon/service/daemon.h"
#include "daemon/service/daemon_log.h"

namespace proofgate {

CLI::App* AddRunCommand(CLI::App& app, RunOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Run the daemon in the foreground: watch SPOOL/inbox/, verify each "
      "draft and route it to ready/ or review/ with a proof record. "
      "SIGTERM/SIGINT drain and exit 0; SIGHUP reloads.");
  cmd->add_option("--config", options.config,
                  "Configuration file (see config/proofgate.yaml); "
                  "default: built-in defaults");
  cmd->add_option("--spool", options.spool,
                  "Spool root; overrides the configuration's spool");
  cmd->add_option("--rules", options.rules,
                  "Rulebook file or folder; overrides the "
                  "configuration's rules (default: the shipped ones)");
  cmd->add_option("--listen", options.listen,
                  "HOST:PORT for the exception queue's HTTP server; "
                  "overrides the configuration's http.listen (default "
                  "127.0.0.1:8686; port 0 picks a free one)");
  return cmd;
}

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
    const auto load = LoadDaemonConfig(options.config);
    if (!load) {
      for (const ConfigError& e : load.error()) err << e.ToString() << '\n';
      err << "proofgate run: the configuration above was refused\n";
      return 2;
    }
    daemon.config = *load;
    daemon.config_file = options.config;
  } else {
    daemon.config.node = HostName();
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
