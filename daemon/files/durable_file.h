// Filesystem steps whose ordering the spool's crash-safety argument (see
// daemon/spool.h) relies on: durable writes, folder syncs and renames that
// refuse to replace.
//
// All functions are thread-safe (they share no state); paths are absolute
// or relative to the working directory.
#ifndef PROOFGATE_DAEMON_FILES_DURABLE_FILE_H_
#define PROOFGATE_DAEMON_FILES_DURABLE_FILE_H_

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "checks/expected.h"

namespace proofgate {

// Owns an open file descriptor and closes it when it goes out of scope.
// Not copyable. Not thread-safe (one owner).
class FileDescriptor {
 public:
  // `fd` may be negative (nothing owned), e.g. a failed open() to check.
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor();
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes the one owned (if any) and owns `fd` instead.
  void Reset(int fd);
  // Closes now and returns close()'s result: the error it may carry (NFS,
  // quotas) matters after a write.
  int Close();

 private:
  int fd_;
};

// Writes `bytes` to `path` so that, once it returns, the content is on disk
// under that name: writes "<path>.tmp", fsyncs it, renames it over `path`,
// then (when `sync_folder`) fsyncs the folder. A crash at any moment leaves
// either the previous file (or none) or the complete new one under `path`,
// never a torn file; at worst a stray "<path>.tmp" remains. Callers that
// write several files into one folder pass sync_folder = false and call
// SyncFolder() once after the last. Throws std::system_error on any
// failure (disk full, permissions).
void WriteFileDurably(const std::filesystem::path& path, std::string_view bytes,
                      bool sync_folder = true);

// Writes each (path, bytes) of `files` in place (created or truncated, no
// temporary name), then fsyncs them all, and returns once every byte is on
// disk. Writing all before syncing any, and starting each file's
// writeback as soon as it is written (sync_file_range), lets the file
// system write them together, so the fsyncs wait for the slowest file
// rather than for the sum of them. A crash meanwhile can
// leave torn files under these names: only for staging files that nothing
// relies on until this returns (see daemon/spool.h, step 4). The folder is not
// synced. Throws std::system_error on any failure.
void WriteFilesSynced(
    std::initializer_list<std::pair<std::filesystem::path, std::string_view>>
        files);

// fsyncs the folder `folder`, so that entries created, renamed or removed
// in it survive a crash. Throws std::system_error.
void SyncFolder(const std::filesystem::path& folder);

// Renames `from` to `to` atomically without ever replacing an existing `to`
// (renameat2 with RENAME_NOREPLACE). Returns an empty error_code on
// success; otherwise the errno as a std::generic_category code:
// ENOENT when `from` does not exist (it vanished), EEXIST when `to` exists.
// On file systems without RENAME_NOREPLACE, it checks for `to` first and
// then renames, which is not atomic against a concurrent writer of `to`.
std::error_code RenameNoReplace(const std::filesystem::path& from,
                                const std::filesystem::path& to);

// Like RenameNoReplace(), with the source named `from_name` inside the
// open folder `from_folder` (a file descriptor, or AT_FDCWD), so that no
// path is resolved again between a caller's checks and the rename.
std::error_code RenameNoReplaceAt(int from_folder, const std::string& from_name,
                                  const std::filesystem::path& to);

// Creates `folder` and any missing parents, fsyncing the parent of each
// folder it creates, so the new entries survive a crash before anything is
// moved into them. Throws std::system_error.
void CreateFoldersDurably(const std::filesystem::path& folder);

// What a read does when the last component of its path is a symbolic
// link: follow it (configuration files, which deployments often link into
// place), or refuse it (anything in the spool: a writer could otherwise
// point a name at a file only the daemon may read, and have its content
// shown on a proof page).
enum class SymlinkPolicy { kFollow, kRefuse };

// Reads at most `limit` bytes of the regular file at `path` into `out` and,
// when `size` is not null, stores the file's full size in bytes there (the
// larger of its stat size and the bytes read). Returns success, or why the
// file could not be read: the system's message for the error
// ("No such file or directory", "Permission denied", ...), "it is a symbolic
// link, which is not followed" (kRefuse), or "it is not a regular file" (a
// folder, FIFO, device or socket: opened without blocking, never read).
// Only the last component is checked; folders on the way are resolved as
// usual. Thread-safe.
Status ReadFileUpTo(const std::filesystem::path& path, size_t limit,
                    SymlinkPolicy links, std::string& out,
                    uint64_t* size = nullptr);

// Reads the whole regular file at `path` into `out`. Returns false (with
// `out` unspecified) when it cannot be opened or read (see ReadFileUpTo).
// For small state and configuration files (proof records, markers, tokens),
// not drafts.
bool ReadSmallFile(const std::filesystem::path& path, std::string& out,
                   SymlinkPolicy links = SymlinkPolicy::kFollow);

// ReadSmallFile() for a file holding one secret (a token, a password):
// `out` is its content without surrounding spaces, tabs and line breaks.
bool ReadSecretFile(const std::filesystem::path& path, std::string& out);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_FILES_DURABLE_FILE_H_
