#include "daemon/files/replace_if_unchanged.h"

#include <system_error>

#include "daemon/files/durable_file.h"

namespace proofgate {

namespace fs = std::filesystem;

Status ReplaceIfUnchanged(const fs::path& path, std::string_view read,
                          const std::string& bytes) {
  std::string now;
  const Status reread =
      ReadFileUpTo(path, read.size() + 1, SymlinkPolicy::kRefuse, now);
  if (!reread) return Unexpected(reread.error());
  if (now != read) {
    return Unexpected(std::string(
        "the file changed since it was read; run proofgate fix again"));
  }
  std::error_code ec;
  const fs::perms perms = fs::status(path, ec).permissions();
  try {
    WriteFileDurably(path, bytes);
  } catch (const std::system_error& e) {
    return Unexpected(std::string(e.what()));
  }
  if (!ec) fs::permissions(path, perms, ec);
  return {};
}

}  // namespace proofgate
