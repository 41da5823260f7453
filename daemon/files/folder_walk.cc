#include "daemon/files/folder_walk.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace proofgate {

namespace {

constexpr int kFolderFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// Opens `part` in `folder`, creating it first when `create` and missing.
// The fd, or -1 with errno set.
int OpenPart(int folder, const std::string& part, bool create) {
  int fd = ::openat(folder, part.c_str(), kFolderFlags);
  if (fd >= 0 || errno != ENOENT || !create) return fd;
  if (::mkdirat(folder, part.c_str(), 0755) != 0 && errno != EEXIST) return -1;
  if (::fsync(folder) != 0) return -1;
  return ::openat(folder, part.c_str(), kFolderFlags);
}

}  // namespace

std::error_code OpenFolderWithoutLinks(const std::filesystem::path& root,
                                       const std::vector<std::string>& parts,
                                       bool create, FileDescriptor& folder) {
  folder.Reset(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() < 0) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot open " + root.string());
  }
  for (const std::string& part : parts) {
    const int next = OpenPart(folder.get(), part, create);
    if (next < 0) {
      const std::error_code error(errno, std::generic_category());
      folder.Reset(-1);
      return error;
    }
    folder.Reset(next);
  }
  return {};
}

std::vector<std::string> FolderParts(const std::filesystem::path& rel) {
  std::vector<std::string> parts;
  for (const std::filesystem::path& part : rel) parts.push_back(part.string());
  if (!parts.empty()) parts.pop_back();
  return parts;
}

}  // namespace proofgate
