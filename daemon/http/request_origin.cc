#include "daemon/http/request_origin.h"

#include <algorithm>

#include "checks/ascii.h"

namespace proofgate {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Characters of a registered name or an IPv4 address (RFC 3986
// "reg-name", without percent-encoding and sub-delims: names on a network
// are letters, digits, '-', '.' and '_').
bool IsNameChar(char c) {
  return IsDigit(c) || (AsciiLower(c) >= 'a' && AsciiLower(c) <= 'z') ||
         c == '-' || c == '.' || c == '_';
}

// A decimal number 0-255 without sign, of 1 to 3 digits.
bool IsOctet(std::string_view part) {
  if (part.empty() || part.size() > 3) return false;
  if (!std::all_of(part.begin(), part.end(), IsDigit)) return false;
  int n = 0;
  for (char c : part) n = n * 10 + (c - '0');
  return n <= 255;
}

}  // namespace

std::optional<std::string> HostOfHeader(std::string_view value) {
  std::string_view host = value;
  std::string_view port;
  if (!value.empty() && value.front() == '[') {
    const size_t close = value.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = value.substr(0, close + 1);
    const std::string_view inside = host.substr(1, host.size() - 2);
    if (inside.empty() ||
        !std::all_of(inside.begin(), inside.end(), [](char c) {
          return IsDigit(c) || (AsciiLower(c) >= 'a' && AsciiLower(c) <= 'f') ||
                 c == ':' || c == '.';
        })) {
      return std::nullopt;
    }
    std::string_view rest = value.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
      if (port.empty()) return std::nullopt;
    }
  } else {
    const size_t colon = value.find(':');
    if (colon != std::string_view::npos) {
      host = value.substr(0, colon);
      port = value.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
    if (host.empty() || !std::all_of(host.begin(), host.end(), IsNameChar)) {
      return std::nullopt;
    }
  }
  if (port.size() > 5 || !std::all_of(port.begin(), port.end(), IsDigit)) {
    return std::nullopt;
  }
  return AsciiLower(host);
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "[::1]") return true;
  // 127.A.B.C
  if (host.substr(0, 4) != "127.") return false;
  std::string_view rest = host.substr(4);
  for (int part = 0; part < 3; ++part) {
    const size_t dot = rest.find('.');
    const std::string_view octet =
        part < 2 ? rest.substr(0, dot) : rest;  // the last runs to the end
    if ((part < 2 && dot == std::string_view::npos) || !IsOctet(octet)) {
      return false;
    }
    if (part < 2) rest.remove_prefix(dot + 1);
  }
  return true;
}

bool HostAllowed(std::string_view host_header,
                 const std::vector<std::string>& allowed_hosts,
                 bool token_required) {
  if (token_required && allowed_hosts.empty()) return true;
  const std::optional<std::string> host = HostOfHeader(host_header);
  if (!host) return false;
  return IsLoopbackHost(*host) ||
         std::find(allowed_hosts.begin(), allowed_hosts.end(), *host) !=
             allowed_hosts.end();
}

bool SameOrigin(std::string_view origin, std::string_view host_header) {
  if (host_header.empty()) return false;
  const std::string o = AsciiLower(origin);
  const std::string h = AsciiLower(host_header);
  return o == "http://" + h || o == "https://" + h;
}

}  // namespace proofgate
