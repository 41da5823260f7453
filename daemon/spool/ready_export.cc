#include "daemon/spool/ready_export.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <limits>
#include <system_error>

#include "daemon/files/durable_file.h"
#include "daemon/files/folder_walk.h"
#include "daemon/spool/router.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

// An exclusive flock() on the export folder's lock file while it lives.
class ExportLock {
 public:
  explicit ExportLock(const fs::path& file)
      : fd_(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_.get() < 0 || ::flock(fd_.get(), LOCK_EX) != 0) {
      throw std::system_error(errno, std::generic_category(),
                              "cannot lock " + file.string());
    }
  }

 private:
  FileDescriptor fd_;  // closing it releases the lock
};

const std::string kProofSuffix = ".proof.json";

// Whether `name` is a draft's proof record; `draft` gets the draft's name.
bool IsProofRecord(const std::string& name, std::string& draft) {
  if (name.size() <= kProofSuffix.size() ||
      name.compare(name.size() - kProofSuffix.size(), kProofSuffix.size(),
                   kProofSuffix) != 0) {
    return false;
  }
  draft = name.substr(0, name.size() - kProofSuffix.size());
  return true;
}

// Whether `file` is a regular file holding exactly `bytes`.
bool HoldsBytes(const fs::path& file, std::string_view bytes) {
  std::string held;
  return ReadFileUpTo(file, bytes.size() + 1, SymlinkPolicy::kRefuse, held) &&
         held == bytes;
}

}  // namespace

ReadyExport::ReadyExport(fs::path folder) : folder_(std::move(folder)) {}

bool ReadyExport::Export(const std::string& path, const std::string& submission,
                         std::string_view bytes) const {
  const fs::path state = folder_ / ".proofgate";
  CreateFoldersDurably(state / "staging");
  ExportLock lock(state / "lock");
  const fs::path version = state / "versions" / path;
  const fs::path target = folder_ / path;
  std::string exported;
  if (ReadSmallFile(version, exported, SymlinkPolicy::kRefuse) &&
      (exported > submission ||
       (exported == submission && HoldsBytes(target, bytes)))) {
    return false;
  }
  const fs::path staged = state / "staging" / submission;
  WriteFileDurably(staged, bytes, /*sync_folder=*/false);
  // The version is recorded before the file is replaced: after a crash
  // between the two, an older version still cannot replace the file, and
  // this one is written again at its next export (its bytes differ).
  CreateFoldersDurably(version.parent_path());
  WriteFileDurably(version, submission);
  // The draft's folders are opened one by one, never through a symbolic
  // link: a link in the export folder cannot send the draft elsewhere.
  // (Refused, the staged copy goes; the next export of the draft, once the
  // link is gone, writes it.)
  FileDescriptor folder(-1);
  std::error_code ignored;
  if (const std::error_code ec = OpenFolderWithoutLinks(
          folder_, FolderParts(path), /*create=*/true, folder)) {
    fs::remove(staged, ignored);
    const bool linked = ec.value() == ELOOP || ec.value() == ENOTDIR;
    throw std::system_error(
        ec, "cannot export " + target.string() +
                (linked ? ": each folder on its way must be a folder, not "
                          "a symbolic link"
                        : ""));
  }
  const std::string leaf = fs::path(path).filename().string();
  if (::renameat(AT_FDCWD, staged.c_str(), folder.get(), leaf.c_str()) != 0 ||
      ::fsync(folder.get()) != 0) {
    const std::error_code ec(errno, std::generic_category());
    fs::remove(staged, ignored);
    throw std::system_error(ec, "cannot export " + target.string());
  }
  return true;
}

int ReadyExport::Sync(const fs::path& ready) const {
  int written = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(ready, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name;
    if (!IsProofRecord(it->path().filename().string(), name)) continue;
    const std::string submission = RecordSubmission(it->path());
    const fs::path draft = it->path().parent_path() / name;
    std::string bytes;
    if (submission.empty() ||
        !ReadFileUpTo(draft, std::numeric_limits<size_t>::max(),
                      SymlinkPolicy::kRefuse, bytes)) {
      continue;
    }
    const std::string rel = draft.lexically_relative(ready).generic_string();
    if (Export(rel, submission, bytes)) {
      ++written;
    }
  }
  if (ec) throw std::system_error(ec, "cannot list " + ready.string());
  return written;
}

}  // namespace proofgate
