// Opening a folder below another one component at a time, never through a
// symbolic link: a folder swapped for a link cannot redirect a claim out of
// inbox/ or an export out of the export folder.
#ifndef PROOFGATE_DAEMON_FILES_FOLDER_WALK_H_
#define PROOFGATE_DAEMON_FILES_FOLDER_WALK_H_

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "daemon/files/durable_file.h"

namespace proofgate {

// Opens folder `root` (which may itself be reached through links: it is
// configuration), then each of `parts` in turn relative to the one before
// with O_NOFOLLOW | O_DIRECTORY, and leaves the last one open in `folder`.
// With `create`, a missing part is created (mode 0755) and the folder
// holding it fsynced, so it survives a crash before anything is moved into
// it. Throws std::system_error ("cannot open ROOT") when `root` itself
// cannot be opened. Otherwise returns no error, or the errno of the first
// part that failed (then `folder` holds -1): ENOENT (missing, without
// `create`), ELOOP or ENOTDIR (a symbolic link or not a folder), or any
// other of openat(), mkdirat() or fsync(). Thread-safe (no shared state).
std::error_code OpenFolderWithoutLinks(const std::filesystem::path& root,
                                       const std::vector<std::string>& parts,
                                       bool create, FileDescriptor& folder);

// The components of relative path `rel` without its last one (its folder's
// parts), e.g. {"blog", "2026"} for "blog/2026/post.md".
std::vector<std::string> FolderParts(const std::filesystem::path& rel);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_FILES_FOLDER_WALK_H_
