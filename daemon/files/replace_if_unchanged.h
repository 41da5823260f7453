// Rewriting a file that a person may be editing at the same time.
#ifndef PROOFGATE_DAEMON_FILES_REPLACE_IF_UNCHANGED_H_
#define PROOFGATE_DAEMON_FILES_REPLACE_IF_UNCHANGED_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "checks/expected.h"

namespace proofgate {

// Writes `bytes` over the regular file at `path` unless it no longer holds
// exactly `read` (the bytes a change was computed from): reads it again,
// refuses ("the file changed since it was read; …") when it differs, else
// writes durably through "<path>.tmp" and a rename (WriteFileDurably) and
// restores the file's permission bits. A symbolic link at `path` is
// refused. Between the second read and the rename another writer can still
// slip in; the window is one write's length, not the whole run's.
// Returns why it failed, with the system's message for I/O errors.
// Thread-safe for distinct paths.
Status ReplaceIfUnchanged(const std::filesystem::path& path,
                          std::string_view read, const std::string& bytes);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_FILES_REPLACE_IF_UNCHANGED_H_
