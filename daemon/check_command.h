// `proofgate check`: verify drafts once and report, for CI and writers.
#ifndef PROOFGATE_DAEMON_CHECK_COMMAND_H_
#define PROOFGATE_DAEMON_CHECK_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace proofgate {

// Exit codes, part of the CLI contract.
inline constexpr int kExitPass = 0;   // every draft passed
inline constexpr int kExitFail = 1;   // a draft failed (or was routed to
                                      // review, with --fail-on review)
inline constexpr int kExitUsage = 2;  // bad arguments or rulebooks

struct CheckOptions {
  std::vector<std::string> paths;  // files and folders
  std::string rules;               // rulebook file or folder
  std::string format = "text";     // text | json
  std::string fail_on = "error";   // error | warning | review
  size_t max_bytes = 5 * 1024 * 1024;
  int jobs = 0;  // worker threads; 0 = one per core
  bool verbose = false;
};

// Runs the check and writes the report to `out`, problems with arguments
// or rulebooks to `err`. Returns one of the exit codes above.
int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CHECK_COMMAND_H_
