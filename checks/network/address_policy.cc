#include "checks/network/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace proofgate {

namespace {

IpAddress FromV4(const uint8_t* v4) {
  IpAddress a;
  a.bytes[10] = 0xff;
  a.bytes[11] = 0xff;
  std::memcpy(a.bytes.data() + 12, v4, 4);
  return a;
}

// Whether `a` is in the IPv4 range `base`/`bits`.
bool InV4(const IpAddress& a, std::array<uint8_t, 4> base, int bits) {
  return IpRange{FromV4(base.data()), 96 + bits}.Contains(a);
}

std::string V4Range(const IpAddress& a) {
  if (InV4(a, {0, 0, 0, 0}, 8)) return "this network (0.0.0.0/8)";
  if (InV4(a, {10, 0, 0, 0}, 8) || InV4(a, {172, 16, 0, 0}, 12) ||
      InV4(a, {192, 168, 0, 0}, 16)) {
    return "private (RFC 1918)";
  }
  if (InV4(a, {100, 64, 0, 0}, 10))
    return "shared address space (CGNAT, RFC 6598)";
  if (InV4(a, {127, 0, 0, 0}, 8)) return "loopback";
  if (InV4(a, {169, 254, 0, 0}, 16)) return "link-local (incl. cloud metadata)";
  if (InV4(a, {192, 0, 0, 0}, 24))
    return "IETF protocol assignments (RFC 6890)";
  if (InV4(a, {192, 0, 2, 0}, 24) || InV4(a, {198, 51, 100, 0}, 24) ||
      InV4(a, {203, 0, 113, 0}, 24)) {
    return "documentation (RFC 5737)";
  }
  if (InV4(a, {198, 18, 0, 0}, 15)) return "benchmarking (RFC 2544)";
  if (InV4(a, {224, 0, 0, 0}, 4)) return "multicast";
  if (InV4(a, {240, 0, 0, 0}, 4)) return "reserved (240.0.0.0/4)";
  return "";
}

bool HasPrefix(const IpAddress& a, std::initializer_list<uint8_t> prefix,
               int bits) {
  IpAddress base;
  std::copy(prefix.begin(), prefix.end(), base.bytes.begin());
  return IpRange{base, bits}.Contains(a);
}

}  // namespace

bool IpAddress::IsV4() const {
  for (int i = 0; i < 10; ++i) {
    if (bytes[i] != 0) return false;
  }
  return bytes[10] == 0xff && bytes[11] == 0xff;
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (IsV4()) {
    inet_ntop(AF_INET, bytes.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  }
  return buf;
}

std::optional<IpAddress> IpAddressOfSockaddr(const sockaddr* address) {
  IpAddress a;
  if (address->sa_family == AF_INET) {
    const auto* sin = reinterpret_cast<const sockaddr_in*>(address);
    a.bytes[10] = a.bytes[11] = 0xff;
    std::memcpy(a.bytes.data() + 12, &sin->sin_addr, 4);
  } else if (address->sa_family == AF_INET6) {
    const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(address);
    std::memcpy(a.bytes.data(), &sin6->sin6_addr, 16);
  } else {
    return std::nullopt;
  }
  return a;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  const std::string s(text);
  uint8_t v4[4];
  if (inet_pton(AF_INET, s.c_str(), v4) == 1) return FromV4(v4);
  IpAddress a;
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

bool IpRange::Contains(const IpAddress& address) const {
  int bits = prefix_bits;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const uint8_t mask =
        bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((address.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

std::optional<IpRange> ParseIpRange(std::string_view text) {
  const size_t slash = text.find('/');
  const auto address = ParseIpAddress(text.substr(0, slash));
  if (!address) return std::nullopt;
  const int max_bits = address->IsV4() ? 32 : 128;
  int bits = max_bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, ec] =
        std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (ec != std::errc() || end != digits.data() + digits.size() ||
        digits.empty() || bits < 0 || bits > max_bits) {
      return std::nullopt;
    }
  }
  return IpRange{*address, address->IsV4() ? bits + 96 : bits};
}

std::string SpecialPurposeRange(const IpAddress& a) {
  if (a.IsV4()) return V4Range(a);
  // NAT64 prefixes carry an IPv4 address in their last 32 bits.
  if (HasPrefix(a, {0x00, 0x64, 0xff, 0x9b}, 96) ||
      HasPrefix(a, {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48)) {
    const std::string inner = V4Range(FromV4(a.bytes.data() + 12));
    return inner.empty() ? "" : inner + " (through NAT64)";
  }
  if (HasPrefix(a, {}, 96)) {
    // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d.
    if (a == IpAddress{}) return "unspecified (::)";
    IpAddress loopback;
    loopback.bytes[15] = 1;
    if (a == loopback) return "loopback";
    return "IPv4-compatible (deprecated, ::/96)";
  }
  // 6to4 (RFC 3056): the IPv4 address of the site's relay router is bits
  // 16-47; a packet to 2002:0a00:0001:: ends up at 10.0.0.1.
  if (HasPrefix(a, {0x20, 0x02}, 16)) {
    const std::string inner = V4Range(FromV4(a.bytes.data() + 2));
    return inner.empty() ? "" : inner + " (through 6to4)";
  }
  // Teredo (RFC 4380): the client's IPv4 address is the last 32 bits,
  // inverted. (2001:db8::/32, documentation, is a different /32.)
  if (HasPrefix(a, {0x20, 0x01, 0x00, 0x00}, 32)) {
    uint8_t client[4];
    for (int i = 0; i < 4; ++i) {
      client[i] = static_cast<uint8_t>(~a.bytes[12 + i]);
    }
    const std::string inner = V4Range(FromV4(client));
    return inner.empty() ? "" : inner + " (through Teredo)";
  }
  if (HasPrefix(a, {0xfc}, 7)) return "unique local (fc00::/7)";
  if (HasPrefix(a, {0xfe, 0x80}, 10)) return "link-local (fe80::/10)";
  if (HasPrefix(a, {0xfe, 0xc0}, 10)) return "site-local (fec0::/10)";
  if (HasPrefix(a, {0xff}, 8)) return "multicast";
  if (HasPrefix(a, {0x20, 0x01, 0x0d, 0xb8}, 32)) {
    return "documentation (2001:db8::/32)";
  }
  return "";
}

bool AddressAllowList::Allows(std::string_view host,
                              const IpAddress& address) const {
  if (SpecialPurposeRange(address).empty()) return true;
  for (const IpRange& range : ranges) {
    if (range.Contains(address)) return true;
  }
  return std::find(hosts.begin(), hosts.end(), host) != hosts.end();
}

}  // namespace proofgate
