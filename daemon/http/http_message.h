// The HTTP messages the daemon's server reads and writes (Boost.Beast,
// bodies held whole as strings), and what handlers read from a request's
// headers. All functions are pure and thread-safe.
#ifndef PROOFGATE_DAEMON_HTTP_HTTP_MESSAGE_H_
#define PROOFGATE_DAEMON_HTTP_HTTP_MESSAGE_H_

#include <boost/beast/http.hpp>
#include <string>
#include <string_view>

namespace proofgate {

// A request as received: headers at most kMaxHeaderBytes, body at most
// kMaxBodyBytes (daemon/http/http_server.h).
using HttpRequest =
    boost::beast::http::request<boost::beast::http::string_body>;
// A response; the server writes it as it is (the handler calls
// prepare_payload()).
using HttpResponse =
    boost::beast::http::response<boost::beast::http::string_body>;

// The value of header `name` (case-insensitive) in `request`, as sent; ""
// when absent. When the header repeats, the first one.
std::string RequestHeader(const HttpRequest& request, std::string_view name);

// The value of cookie `name` (case-sensitive) in the request's Cookie
// header ("a=1; name=value"), as sent, not decoded; "" when absent.
std::string RequestCookie(const HttpRequest& request, std::string_view name);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_HTTP_HTTP_MESSAGE_H_
