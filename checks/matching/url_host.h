// URL hosts: where an absolute link leads, and whether a host is one a
// rulebook names. Shared by the links check (internal_hosts) and the
// `when.links_to` triggers of the required and escalate checks.
//
// Pure functions over ASCII text; thread-safe.
#ifndef PROOFGATE_CHECKS_MATCHING_URL_HOST_H_
#define PROOFGATE_CHECKS_MATCHING_URL_HOST_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace proofgate {

// Length in bytes of the scheme of `url` (RFC 3986: ALPHA *( ALPHA / DIGIT
// / "+" / "-" / "." ) ":"), without the colon; 0 when `url` has none.
size_t SchemeLength(std::string_view url);

// Byte offset where the "//" of an authority starts, or npos when `url` is
// neither "scheme://..." nor "//...".
size_t AuthorityStart(std::string_view url);

// The host of an absolute ("scheme://host/...") or protocol-relative
// ("//host/...") URL: lower-cased, without user info, port or a trailing
// '.', IPv6 literals without brackets ("::1"). "" when `url` has no host.
std::string UrlHost(std::string_view url);

// Whether the lower-cased `host` is the host list entry `entry` (also
// lower-cased): "docs.example.com" matches that host exactly;
// ".example.com" matches example.com and every subdomain of it. An empty
// entry matches nothing.
bool HostMatches(std::string_view host, std::string_view entry);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_URL_HOST_H_
