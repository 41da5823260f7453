// `proofgate check`: verify drafts once and report, for CI and writers.
#ifndef PROOFGATE_DAEMON_CLI_CHECK_COMMAND_H_
#define PROOFGATE_DAEMON_CLI_CHECK_COMMAND_H_

#include <array>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace proofgate {

// Exit codes, part of the CLI contract.
inline constexpr int kExitPass = 0;   // every draft passed
inline constexpr int kExitFail = 1;   // a draft failed (or was routed to
                                      // review, with --fail-on review)
inline constexpr int kExitUsage = 2;  // bad arguments or rulebooks

// The values of --format.
inline constexpr std::array<std::string_view, 6> kCheckFormats = {
    "text", "json", "sarif", "codequality", "junit", "github"};

struct CheckOptions {
  std::vector<std::string> paths;  // files and folders
  std::string rules;               // rulebook file or folder
  // text | json | sarif | codequality | junit | github (see README and
  // daemon/report_*.h). With github, the job summary also goes to the file
  // named by $GITHUB_STEP_SUMMARY (appended) when that variable is set.
  std::string format = "text";
  std::string fail_on = "error";  // error | warning | review
  size_t max_bytes = 5 * 1024 * 1024;
  int jobs = 0;  // worker threads; 0 = one per core
  bool verbose = false;
  // Check only the drafts under `paths` that git reports as changed
  // against `base` (default: the merge base with the default branch); see
  // daemon/changed_drafts.h. `paths` may then be empty, meaning ".".
  bool changed = false;
  std::string base;
  // No network requests: the link-reachability check reports nothing for
  // external links (for CI without network, or reproducible runs).
  bool offline = false;
};

// Adds the `check` subcommand to `app`, its arguments parsed into
// `options`; the values `options` holds now are the defaults --help
// shows. `options` must outlive the parse. Returns the subcommand, owned
// by `app` (its parsed() says whether it was chosen). Not thread-safe.
CLI::App* AddCheckCommand(CLI::App& app, CheckOptions& options);

// Runs the check and writes the report to `out`, problems with arguments
// or rulebooks to `err` (and, for --format github, a warning when the job
// summary file cannot be written). Returns one of the exit codes above.
// Verifies on options.jobs threads of its own and returns when all are
// done; without --offline, external links are probed over the network.
// Thread-safe for distinct streams.
int RunCheckCommand(const CheckOptions& options, std::ostream& out,
                    std::ostream& err);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CLI_CHECK_COMMAND_H_
