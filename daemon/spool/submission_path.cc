#include "daemon/spool/submission_path.h"

#include <filesystem>

#include "checks/document/utf8.h"
#include "daemon/drafts/draft_files.h"
#include "daemon/spool/spool.h"

namespace proofgate {

namespace {

// NAME_MAX on Linux file systems (ext4, XFS).
constexpr size_t kMaxNameBytes = 255;

// Why component `part` of a path cannot be a folder or file name in the
// spool; "" when it can.
std::string ComponentProblem(std::string_view part) {
  if (part.empty()) return "an empty component (\"//\" or a trailing '/')";
  if (part == "." || part == "..") {
    return "a \"" + std::string(part) + "\" component";
  }
  if (part.size() > kMaxNameBytes) return "a component over 255 bytes";
  if (Spool::IsIgnoredName(part)) {
    return "a name the spool ignores (\"" + std::string(part) +
           "\": dotfiles, editor backups and *.proof.json/html are not "
           "drafts)";
  }
  return "";
}

}  // namespace

Status CheckSubmissionPath(std::string_view path) {
  auto refuse = [](const std::string& why) {
    return Unexpected("path: " + why +
                      "; send a relative draft path such as "
                      "posts/hello.md (.md, .markdown or .mdx)");
  };
  if (path.empty()) return refuse("missing");
  if (path.size() > kMaxSubmissionPathBytes) return refuse("over 1024 bytes");
  if (FirstInvalidUtf8(path) != std::string_view::npos) {
    return refuse("not valid UTF-8");
  }
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      return refuse("holds a NUL or control character");
    if (c == '\\') return refuse("holds a backslash");
  }
  if (path.front() == '/') return refuse("absolute");
  size_t start = 0;
  while (true) {
    const size_t slash = path.find('/', start);
    const std::string_view part = path.substr(
        start, slash == std::string_view::npos ? slash : slash - start);
    if (std::string why = ComponentProblem(part); !why.empty()) {
      return refuse("holds " + why);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (!IsDraftName(std::filesystem::path(std::string(path)))) {
    return refuse("not a draft's extension");
  }
  return {};
}

}  // namespace proofgate
