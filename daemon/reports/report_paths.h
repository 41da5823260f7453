// How reports for CI tools name a draft: relative to the folder proofgate
// runs in (CI runs it at the repository root, and GitHub code scanning,
// GitLab Code Quality and GitHub annotations all want repository-relative
// paths), '/'-separated.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_PATHS_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_PATHS_H_

#include <string>
#include <string_view>

namespace proofgate {

// `path` (as given on the command line) relative to the current working
// folder, lexically normalized and '/'-separated, without a leading "./":
// "./docs//a.md" -> "docs/a.md", "/repo/docs/a.md" (run in /repo) ->
// "docs/a.md". A path that lies outside the working folder (it would need
// "..") comes back absolute and normalized: "/elsewhere/a.md". Symbolic
// links are not resolved. Reads the working folder; an unreadable one
// leaves relative paths relative and absolute ones absolute. Thread-safe
// (as long as nobody changes the working folder meanwhile).
std::string ReportPath(std::string_view path);

// A URI reference for a ReportPath() result, percent-encoding every byte
// outside RFC 3986's unreserved set and '/': "docs/my file.md" ->
// "docs/my%20file.md"; an absolute path becomes a file URI
// ("file:///elsewhere/a.md"). Pure function, thread-safe.
std::string PathUri(std::string_view report_path);

// The current working folder as a file URI ending in '/', for SARIF's
// originalUriBaseIds; "" when it cannot be read. Thread-safe.
std::string WorkingFolderUri();

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_PATHS_H_
