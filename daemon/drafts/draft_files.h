// Which files `proofgate check` looks at.
#ifndef PROOFGATE_DAEMON_DRAFTS_DRAFT_FILES_H_
#define PROOFGATE_DAEMON_DRAFTS_DRAFT_FILES_H_

#include <string>
#include <vector>

namespace proofgate {

// Expands command-line arguments into draft paths: a file is taken as it is
// (whatever its extension); a folder is searched recursively for *.md and
// *.markdown files, skipping folders whose names start with '.' (.git) and
// node_modules, and not following symbolic links to folders. Paths keep the
// form the user gave ("docs/a.md"), are '/'-separated, sorted and unique.
// Arguments that do not exist are reported in `errors` ("PATH: no such file
// or folder").
std::vector<std::string> CollectDrafts(const std::vector<std::string>& args,
                                       std::vector<std::string>& errors);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_DRAFTS_DRAFT_FILES_H_
