#include "checks/matching/url_host.h"

#include "checks/ascii.h"

namespace proofgate {

namespace {

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

size_t SchemeLength(std::string_view url) {
  if (url.empty() || !IsAlpha(url[0])) return 0;
  for (size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return i;
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') {
      return 0;
    }
  }
  return 0;
}

size_t AuthorityStart(std::string_view url) {
  const size_t scheme = SchemeLength(url);
  const size_t at = scheme == 0 ? 0 : scheme + 1;
  if (url.substr(at, 2) == "//") return at;
  return std::string_view::npos;
}

std::string UrlHost(std::string_view url) {
  const size_t authority = AuthorityStart(url);
  if (authority == std::string_view::npos) return "";
  std::string_view host = url.substr(authority + 2);
  host = host.substr(0, host.find_first_of("/?#\\"));
  const size_t at = host.rfind('@');
  if (at != std::string_view::npos) host = host.substr(at + 1);
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    host = host.substr(
        1, close == std::string_view::npos ? host.size() - 1 : close - 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return AsciiLower(host);
}

bool HostMatches(std::string_view host, std::string_view entry) {
  if (entry.empty()) return false;
  if (entry.front() != '.') return host == entry;
  const std::string_view domain = entry.substr(1);
  if (host == domain) return true;
  return host.size() > entry.size() &&
         host.substr(host.size() - entry.size()) == entry;
}

}  // namespace proofgate
