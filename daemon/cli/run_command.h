// `proofgate run`: the daemon in the foreground (see daemon/service/daemon.h).
#ifndef PROOFGATE_DAEMON_CLI_RUN_COMMAND_H_
#define PROOFGATE_DAEMON_CLI_RUN_COMMAND_H_

#include <ostream>
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace proofgate {

struct RunOptions {
  std::string config;         // configuration file; "" = built-in defaults
  std::string spool;          // overrides the configuration's spool; "" = keep
  std::string rules;          // overrides the configuration's rules; "" = keep
  std::string shipped_rules;  // used when neither names any rulebooks
  std::string listen;  // overrides the configuration's http.listen; "" = keep
};

// Adds the `run` subcommand to `app`, its arguments parsed into
// `options` (shipped_rules is not an argument: set it before the parse).
// `options` must outlive the parse. Returns the subcommand, owned by
// `app` (its parsed() says whether it was chosen). Not thread-safe.
CLI::App* AddRunCommand(CLI::App& app, RunOptions& options);

// Loads the configuration, sets up logging to stderr and runs the daemon
// until SIGTERM or SIGINT. Configuration errors go to `err` as
// file:line:col lines. Returns 0 after a clean drain, 2 for an invalid
// configuration or rulebooks, 1 when the spool, ledger, watcher or HTTP
// listener cannot be set up. Blocks SIGTERM, SIGINT and SIGHUP until the
// daemon handles them (RunDaemon in daemon/service/daemon.h) and blocks
// until it has drained: one call per process.
int RunDaemonCommand(const RunOptions& options, std::ostream& err);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CLI_RUN_COMMAND_H_
