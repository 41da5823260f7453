#include "daemon/reports/report_paths.h"

#include <filesystem>
#include <system_error>

namespace proofgate {

namespace fs = std::filesystem;

namespace {

bool Unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string PercentEncode(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c) || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

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
    return "file://" + PercentEncode(report_path);
  }
  return PercentEncode(report_path);
}

std::string WorkingFolderUri() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return "";
  std::string uri = "file://" + PercentEncode(cwd.generic_string());
  if (!uri.ends_with('/')) uri += '/';
  return uri;
}

}  // namespace proofgate
