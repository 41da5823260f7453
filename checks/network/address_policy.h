// Address policy: which network addresses a link check may connect to.
//
// A draft is untrusted input; a link in it must never make proofgate reach
// into the network it runs in (server-side request forgery). Every address
// a host name resolves to is classified, and the special-purpose ranges
// below are refused unless the rulebook's `allow_private` names them:
//
//   IPv4: 0.0.0.0/8 (this network, RFC 791), 10.0.0.0/8, 172.16.0.0/12,
//         192.168.0.0/16 (private, RFC 1918), 100.64.0.0/10 (CGNAT,
//         RFC 6598), 127.0.0.0/8 (loopback), 169.254.0.0/16 (link-local,
//         incl. the cloud metadata address 169.254.169.254, RFC 3927),
//         192.0.0.0/24 (IETF protocol assignments, RFC 6890), 192.0.2.0/24,
//         198.51.100.0/24, 203.0.113.0/24 (documentation, RFC 5737),
//         198.18.0.0/15 (benchmarking, RFC 2544), 224.0.0.0/4 (multicast),
//         240.0.0.0/4 (reserved, incl. broadcast 255.255.255.255).
//   IPv6: :: (unspecified), ::1 (loopback), fc00::/7 (unique local,
//         RFC 4193), fe80::/10 (link-local), fec0::/10 (site-local,
//         deprecated by RFC 3879 but still routed inside some networks),
//         ff00::/8 (multicast), 2001:db8::/32 (documentation), and the
//         forms that carry an IPv4 address, refused when that address is:
//         ::ffff:0:0/96 (IPv4-mapped, the last 32 bits), 64:ff9b::/96 and
//         64:ff9b:1::/48 (NAT64, the last 32 bits), 2002::/16 (6to4,
//         RFC 3056, bits 16-47) and 2001::/32 (Teredo, RFC 4380: the
//         client's address, the last 32 bits inverted); ::/96
//         (IPv4-compatible, deprecated) always.
//
// Values only; all functions are pure and thread-safe.
#ifndef PROOFGATE_CHECKS_NETWORK_ADDRESS_POLICY_H_
#define PROOFGATE_CHECKS_NETWORK_ADDRESS_POLICY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sockaddr;

namespace proofgate {

// An IPv4 or IPv6 address, IPv4 stored as an IPv4-mapped IPv6 address
// (::ffff:a.b.c.d) so one comparison covers both families.
struct IpAddress {
  std::array<uint8_t, 16> bytes{};

  // True for ::ffff:0:0/96, i.e. an IPv4 address.
  bool IsV4() const;
  // "10.0.0.1" or "fe80::1" (inet_ntop's form).
  std::string ToString() const;
  bool operator==(const IpAddress&) const = default;
};

// Parses a numeric IPv4 ("10.0.0.1") or IPv6 ("::1", without brackets)
// address; nullopt otherwise (host names are not resolved here).
std::optional<IpAddress> ParseIpAddress(std::string_view text);

// An address range in CIDR notation: "10.0.0.0/8", "::1/128"; an address
// without a prefix length is a range of one.
struct IpRange {
  IpAddress base;
  int prefix_bits = 128;  // over the 128-bit form (IPv4 ranges add 96)

  bool Contains(const IpAddress& address) const;
};

// The address of an AF_INET or AF_INET6 socket address (as libcurl's
// open-socket callback hands it over); nullopt for any other family.
std::optional<IpAddress> IpAddressOfSockaddr(const sockaddr* address);

// Parses "ADDRESS[/BITS]"; nullopt on anything else (BITS above 32 for
// IPv4 or 128 for IPv6 included).
std::optional<IpRange> ParseIpRange(std::string_view text);

// The name of the special-purpose range `address` falls in ("private
// (RFC 1918)", "link-local", ...), or "" for a public address.
std::string SpecialPurposeRange(const IpAddress& address);

// What a rulebook allows beyond public addresses: `allow_private` entries,
// each an address range or a host name (exact, case-insensitive; a name
// allows every address it resolves to).
struct AddressAllowList {
  std::vector<IpRange> ranges;
  std::vector<std::string> hosts;  // lower-case

  // Whether connecting to `address` for a URL whose host is `host` is
  // allowed: public addresses always are, special-purpose ones when a range
  // contains them or `host` is listed.
  bool Allows(std::string_view host, const IpAddress& address) const;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_NETWORK_ADDRESS_POLICY_H_
