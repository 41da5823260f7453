// Which drafts `proofgate check --changed` looks at: those that git says
// changed, so a pull request's CI checks only what the pull request
// touches.
#ifndef PROOFGATE_DAEMON_CLI_CHANGED_DRAFTS_H_
#define PROOFGATE_DAEMON_CLI_CHANGED_DRAFTS_H_

#include <string>
#include <vector>

namespace proofgate {

// Like CollectDrafts() (daemon/draft_files.h) — same rules for folders
// (*.md, *.markdown and *.mdx, no dot-folders, no node_modules), same path
// forms, sorted and unique — but keeps only files that the git repository
// of the working folder reports as changed against a base commit:
//
//   git diff --name-only --diff-filter=ACMR BASE   added, copied, modified
//                                                  or renamed (new name)
//                                                  since BASE, committed,
//                                                  staged or not;
//   git ls-files --others --exclude-standard       plus untracked files
//                                                  that .gitignore does not
//                                                  exclude.
//
// Deleted files are never returned. BASE is `base` when not empty (any
// commit-ish: "origin/main", "HEAD~3", a sha), compared as it is;
// otherwise the merge base of HEAD with the default branch: origin/HEAD
// when set, else main, else master.
//
// `base` is passed to git as a single argv element after
// --end-of-options, never through a shell, and must not start with '-'.
// Problems go to `errors` as one line each, and the result is then empty:
// a PATH that does not exist, not inside a git repository, git not found,
// an unknown `base`, no default branch to compare with. Runs git (a child
// process) and waits for it; thread-safe, but reads the working folder.
std::vector<std::string> CollectChangedDrafts(
    const std::vector<std::string>& args, const std::string& base,
    std::vector<std::string>& errors);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CLI_CHANGED_DRAFTS_H_
