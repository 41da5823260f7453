// Which Host and Origin headers the exception queue answers: its defence
// against DNS rebinding and against pages of other sites.
//
// DNS rebinding: a page on attacker.example whose name then resolves to
// 127.0.0.1 is, to the browser, same-origin with the daemon on loopback,
// so it could read /api/queue (and its CSRF token) and post decisions.
// The requests it sends still name attacker.example in Host. So, without
// an auth token (which such a page cannot have: the browser keeps the
// cookie for the daemon's own name), only loopback names are served:
// "localhost", an IPv4 address in 127.0.0.0/8 written as a dotted quad,
// and "[::1]", each with or without ":PORT", plus the names an operator
// lists in http.allowed_hosts (a reverse proxy that passes its own name
// on). With a token, any name is served unless http.allowed_hosts is set
// (a daemon on 0.0.0.0 is reached by names and addresses it cannot know).
// The same check as Django's ALLOWED_HOSTS and webpack-dev-server's
// allowedHosts, for the same attack.
//
// Origin: browsers send it on POSTs and cross-origin fetches, and a page
// cannot forge it. A request whose Origin is not "http://" or "https://"
// followed by exactly the request's Host is refused: https too, because a
// TLS proxy in front of the daemon passes its Host on while the browser
// names the https origin; a page on https://HOST is served by whatever
// answers for HOST, which is the daemon (through that proxy) once HOST
// passes the check above. "Origin: null" (sandboxed frames, file: pages)
// is refused.
//
// All functions are pure and thread-safe; names compare case-insensitively
// (RFC 9110 section 4.2.3: the host is case-insensitive).
#ifndef PROOFGATE_DAEMON_HTTP_REQUEST_ORIGIN_H_
#define PROOFGATE_DAEMON_HTTP_REQUEST_ORIGIN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proofgate {

// The host of a Host header value, lower-cased, without the port:
// "LocalHost:8686" -> "localhost", "[::1]:80" -> "[::1]",
// "queue.example" -> "queue.example". nullopt when it is not a host and an
// optional port: empty, a port that is not 1 to 5 digits, unbalanced
// brackets, or characters a host name cannot hold (white space, '/', '@').
std::optional<std::string> HostOfHeader(std::string_view value);

// Whether `host` (as HostOfHeader returns it) names this machine's
// loopback interface: "localhost", 127.A.B.C with each part 0-255 in
// decimal, or "[::1]". Nothing else ("localhost.", "foo.localhost",
// "127.1", "[::ffff:127.0.0.1]"): browsers send names as the page's URL
// spelled them, and only these spellings cannot be pointed elsewhere.
bool IsLoopbackHost(std::string_view host);

// Whether a request whose Host header is `host_header` ("" when it had
// none) is served, as described above: `allowed_hosts` are extra host
// names (lower-case, no port; daemon/daemon_config.h validates them),
// `token_required` whether the daemon has an auth token.
bool HostAllowed(std::string_view host_header,
                 const std::vector<std::string>& allowed_hosts,
                 bool token_required);

// Whether `origin` (an Origin header's value, not empty) is "http://" or
// "https://" followed by `host_header`, case-insensitively.
bool SameOrigin(std::string_view origin, std::string_view host_header);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_HTTP_REQUEST_ORIGIN_H_
