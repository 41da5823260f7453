// Which files `proofgate check` looks at.
#ifndef PROOFGATE_DAEMON_DRAFTS_DRAFT_FILES_H_
#define PROOFGATE_DAEMON_DRAFTS_DRAFT_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace proofgate {

// Whether `path` names a draft by its extension: ".md", ".markdown" or
// ".mdx" (MDX: Astro, Starlight, Docusaurus), case-sensitive; the rest of
// the name is not looked at. Pure.
bool IsDraftName(const std::filesystem::path& path);

// Whether a folder search passes over a folder or file of this name (one
// path component): names starting with '.' (".git", ".notes.md") and
// "node_modules". Pure.
bool IsSkippedName(std::string_view name);

// Expands command-line arguments into draft paths: a file is taken as it is
// (whatever its extension); a folder is searched recursively for drafts
// (IsDraftName: *.md, *.markdown and *.mdx files), passing over the
// folders and files IsSkippedName() names (.git, node_modules), and not
// following symbolic links to folders. Paths keep the form the user gave
// ("docs/a.md"), are '/'-separated, sorted and unique. Arguments that do
// not exist are reported in `errors` ("PATH: no such file or folder").
std::vector<std::string> CollectDrafts(const std::vector<std::string>& args,
                                       std::vector<std::string>& errors);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_DRAFTS_DRAFT_FILES_H_
