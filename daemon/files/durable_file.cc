#include "daemon/files/durable_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

namespace proofgate {

namespace {

[[noreturn]] void ThrowErrno(const std::string& what,
                             const std::filesystem::path& path) {
  throw std::system_error(errno, std::generic_category(),
                          what + " " + path.string());
}

// Writes all of `bytes` to `fd`.
void WriteAll(int fd, std::string_view bytes,
              const std::filesystem::path& path) {
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ThrowErrno("cannot write", path);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

void FileDescriptor::Reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

int FileDescriptor::Close() {
  const int rc = ::close(fd_);
  fd_ = -1;
  return rc;
}

void WriteFilesSynced(
    std::initializer_list<std::pair<std::filesystem::path, std::string_view>>
        files) {
  std::vector<std::unique_ptr<FileDescriptor>> open;
  for (const auto& [path, bytes] : files) {
    open.push_back(std::make_unique<FileDescriptor>(
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)));
    if (open.back()->get() < 0) ThrowErrno("cannot create", path);
    WriteAll(open.back()->get(), bytes, path);
    // Start this file's writeback now, so the disk writes every file at
    // once and the fsyncs below wait for the slowest, not the sum. Only a
    // hint: durability comes from fsync, so its failure is ignored.
    ::sync_file_range(open.back()->get(), 0, 0, SYNC_FILE_RANGE_WRITE);
  }
  size_t i = 0;
  for (const auto& [path, bytes] : files) {
    if (::fsync(open[i]->get()) != 0) ThrowErrno("cannot fsync", path);
    if (open[i]->Close() != 0) ThrowErrno("cannot close", path);
    ++i;
  }
}

void WriteFileDurably(const std::filesystem::path& path, std::string_view bytes,
                      bool sync_folder) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  FileDescriptor fd(
      ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) ThrowErrno("cannot create", tmp);
  WriteAll(fd.get(), bytes, tmp);
  if (::fsync(fd.get()) != 0) ThrowErrno("cannot fsync", tmp);
  if (fd.Close() != 0) ThrowErrno("cannot close", tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    ThrowErrno("cannot rename", tmp);
  if (sync_folder)
    SyncFolder(path.has_parent_path() ? path.parent_path() : ".");
}

void SyncFolder(const std::filesystem::path& folder) {
  FileDescriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) ThrowErrno("cannot open folder", folder);
  if (::fsync(fd.get()) != 0) ThrowErrno("cannot fsync folder", folder);
}

std::error_code RenameNoReplace(const std::filesystem::path& from,
                                const std::filesystem::path& to) {
  return RenameNoReplaceAt(AT_FDCWD, from.string(), to);
}

std::error_code RenameNoReplaceAt(int from_folder, const std::string& from_name,
                                  const std::filesystem::path& to) {
  if (::renameat2(from_folder, from_name.c_str(), AT_FDCWD, to.c_str(),
                  RENAME_NOREPLACE) == 0) {
    return {};
  }
  if (errno != EINVAL && errno != ENOSYS) {
    return {errno, std::generic_category()};
  }
  // The file system does not support RENAME_NOREPLACE.
  struct stat st;
  if (::lstat(to.c_str(), &st) == 0) {
    return {EEXIST, std::generic_category()};
  }
  if (::renameat(from_folder, from_name.c_str(), AT_FDCWD, to.c_str()) != 0) {
    return {errno, std::generic_category()};
  }
  return {};
}

void CreateFoldersDurably(const std::filesystem::path& folder) {
  if (folder.empty()) return;
  struct stat st;
  if (::stat(folder.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return;
    errno = ENOTDIR;
    ThrowErrno("not a folder:", folder);
  }
  const std::filesystem::path parent = folder.parent_path();
  if (!parent.empty() && parent != folder) CreateFoldersDurably(parent);
  // EEXIST: another thread created it; sync the parent all the same, as
  // that thread may not have done so yet.
  if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) {
    ThrowErrno("cannot create folder", folder);
  }
  SyncFolder(parent.empty() ? std::filesystem::path(".") : parent);
}

Status ReadFileUpTo(const std::filesystem::path& path, size_t limit,
                    SymlinkPolicy links, std::string& out, uint64_t* size) {
  out.clear();
  if (size) *size = 0;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused
  // below, and reads of a regular file ignore the flag.
  const int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK |
                    (links == SymlinkPolicy::kRefuse ? O_NOFOLLOW : 0);
  FileDescriptor fd(::open(path.c_str(), flags));
  if (fd.get() < 0) {
    if (errno == ELOOP && links == SymlinkPolicy::kRefuse) {
      return Unexpected(
          std::string("it is a symbolic link, which is not followed"));
    }
    return Unexpected(std::string(std::strerror(errno)));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    return Unexpected(std::string(std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return Unexpected(std::string("it is not a regular file"));
  }
  const uint64_t stat_size = static_cast<uint64_t>(st.st_size);
  // One read for a file whose size is known; the loop takes what a file
  // growing meanwhile adds, up to the limit.
  out.resize(static_cast<size_t>(
      std::min<uint64_t>(limit, std::max<uint64_t>(stat_size, 1) + 1)));
  size_t have = 0;
  while (have < limit) {
    if (have == out.size()) {
      out.resize(std::min(limit, std::max<size_t>(out.size() * 2, 4096)));
    }
    const ssize_t n = ::read(fd.get(), out.data() + have, out.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      out.clear();
      return Unexpected(std::string(std::strerror(errno)));
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
  }
  out.resize(have);
  if (size) *size = std::max<uint64_t>(stat_size, have);
  return {};
}

bool ReadSmallFile(const std::filesystem::path& path, std::string& out,
                   SymlinkPolicy links) {
  return ReadFileUpTo(path, std::numeric_limits<size_t>::max(), links, out)
      .has_value();
}

bool ReadSecretFile(const std::filesystem::path& path, std::string& out) {
  if (!ReadSmallFile(path, out)) return false;
  const size_t begin = out.find_first_not_of(" \t\r\n");
  const size_t end = out.find_last_not_of(" \t\r\n");
  out = begin == std::string::npos ? "" : out.substr(begin, end - begin + 1);
  return true;
}

}  // namespace proofgate
