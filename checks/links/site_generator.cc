#include "checks/links/site_generator.h"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace proofgate {

namespace {

namespace fs = std::filesystem;

// How many folders above a draft are looked at: Hugo content trees in the
// shared corpus nest up to 6 below the site (content/en/docs/a/b/c).
constexpr int kMaxLevels = 8;

// Whether the file at `path` opens with YAML ("---") or JSON ("{") front
// matter.
bool HasNonTomlFrontMatter(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char head[3] = {};
  in.read(head, sizeof(head));
  const std::streamsize n = in.gcount();
  return (n == 3 && head[0] == '-' && head[1] == '-' && head[2] == '-') ||
         (n >= 1 && head[0] == '{');
}

// Whether `folder` holds a Hugo configuration file or a Hugo section page.
bool HoldsHugoSign(const fs::path& folder) {
  std::error_code ec;
  for (const char* config : {"hugo.toml", "hugo.yaml", "hugo.json"}) {
    if (fs::is_regular_file(folder / config, ec)) return true;
  }
  const fs::path section = folder / "_index.md";
  return fs::is_regular_file(section, ec) && HasNonTomlFrontMatter(section);
}

}  // namespace

bool IsHugoPage(const Document& doc) {
  if (doc.templating() == Templating::kHugo) return true;
  if (doc.path().empty()) return false;
  std::error_code ec;
  fs::path folder = fs::absolute(fs::path(doc.path()), ec).parent_path();
  if (ec) return false;
  for (int level = 0; level < kMaxLevels && !folder.empty(); ++level) {
    if (HoldsHugoSign(folder)) return true;
    const fs::path parent = folder.parent_path();
    if (parent == folder) break;
    folder = parent;
  }
  return false;
}

bool LinkifiesBareUrls(const Document& doc) {
  return doc.templating() == Templating::kMdx || IsHugoPage(doc);
}

}  // namespace proofgate
