// `proofgate fix [--dry-run] PATH…`: applies the safe fixes of the
// findings on each draft (checks/finding.h, Fix: exact, context-free
// replacements such as a preferred spelling; never in code, URLs or front
// matter).
//
// For each draft (PATH as for `proofgate check`: files, or folders searched
// for *.md and *.markdown), verified offline under the rulebook `--rules`
// picks for it:
//   - a file inside a daemon's spool (under ROOT/inbox, ready, review,
//     returned or .proofgate, where ROOT holds a .proofgate folder) is
//     refused: the daemon owns those files, and its proof records name
//     their exact bytes;
//   - a symbolic link is refused (rewriting it would replace the link);
//   - with --dry-run, the change is printed as a unified diff and nothing
//     is written;
//   - otherwise the file is read again just before writing and refused if
//     its bytes differ from those the fixes were made on (someone changed
//     it meanwhile); else it is written through a temporary file, fsynced,
//     and renamed over the draft (daemon/files/durable_file.h,
//     WriteFileDurably), keeping the file's permission bits.
// One line per draft changed or refused goes to `out` ("PATH: 3 fixes
// applied"), refusals and errors to `err`.
#ifndef PROOFGATE_DAEMON_CLI_FIX_COMMAND_H_
#define PROOFGATE_DAEMON_CLI_FIX_COMMAND_H_

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace proofgate {

struct FixOptions {
  std::vector<std::string> paths;  // files and folders
  std::string rules;               // rulebook file or folder
  bool dry_run = false;
  size_t max_bytes = 5 * 1024 * 1024;
};

// Adds the `fix` subcommand to `app`; see AddCheckCommand. Not thread-safe.
CLI::App* AddFixCommand(CLI::App& app, FixOptions& options);

// Runs `proofgate fix`. Returns 0 when every draft was fixed or had
// nothing to fix, 1 when a draft was refused (spool, symbolic link,
// changed since read, unreadable, write failure), 2 on bad arguments or
// rulebooks (kExitUsage). Thread-safe for distinct streams.
int RunFixCommand(const FixOptions& options, std::ostream& out,
                  std::ostream& err);

// The root of the daemon spool that holds `path` inside one of its
// folders (inbox, ready, review, returned, .proofgate), or nullopt. A
// spool root is a folder with a ".proofgate" folder in it. `path` is made
// absolute and its symbolic links resolved first. Reads the file system;
// thread-safe.
std::optional<std::filesystem::path> SpoolHolding(
    const std::filesystem::path& path);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CLI_FIX_COMMAND_H_
