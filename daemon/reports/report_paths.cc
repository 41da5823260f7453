#include "daemon/reports/report_paths.h"

#include <filesystem>
#include <system_error>

#include "daemon/text/percent_encode.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

// Whether normalized relative path `p` climbs out of its base.
bool Escapes(const fs::path& p) { return !p.empty() && *p.begin() == ".."; }

}  // namespace

std::string ReportPath(std::string_view path) {
  const fs::path given = fs::path(path).lexically_normal();
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  fs::path rel;
  if (given.is_absolute()) {
    if (ec) return given.generic_string();
    rel = given.lexically_relative(cwd);
    if (rel.empty() || Escapes(rel)) return given.generic_string();
  } else {
    rel = given;
    if (Escapes(rel)) {
      if (ec) return rel.generic_string();
      return (cwd / rel).lexically_normal().generic_string();
    }
  }
  std::string out = rel.generic_string();
  if (out.empty()) out = ".";
  return out;
}

std::string PathUri(std::string_view report_path) {
  if (report_path.starts_with('/')) {
    return "file://" + PercentEncodePath(report_path);
  }
  return PercentEncodePath(report_path);
}

std::string WorkingFolderUri() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return "";
  std::string uri = "file://" + PercentEncodePath(cwd.generic_string());
  if (!uri.ends_with('/')) uri += '/';
  return uri;
}

}  // namespace proofgate
