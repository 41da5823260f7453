#include "daemon/drafts/draft_files.h"

#include <algorithm>
#include <filesystem>

namespace proofgate {

namespace fs = std::filesystem;

bool IsDraftName(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".md" || ext == ".markdown" || ext == ".mdx";
}

bool IsSkippedName(std::string_view name) {
  return name.starts_with('.') || name == "node_modules";
}

std::vector<std::string> CollectDrafts(const std::vector<std::string>& args,
                                       std::vector<std::string>& errors) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    const fs::file_status status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      errors.push_back(arg + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(status)) {
      out.push_back(fs::path(arg).generic_string());
      continue;
    }
    fs::recursive_directory_iterator it(
        arg, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      errors.push_back(arg + ": " + ec.message());
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        errors.push_back(arg + ": " + ec.message());
        break;
      }
      const fs::path& p = it->path();
      const std::string name = p.filename().string();
      if (it->is_directory(ec)) {
        if (IsSkippedName(name)) it.disable_recursion_pending();
        continue;
      }
      if (!IsSkippedName(name) && IsDraftName(p) && it->is_regular_file(ec)) {
        out.push_back(p.generic_string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace proofgate
