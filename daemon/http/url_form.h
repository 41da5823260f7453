// Percent-decoding of URL paths, query strings and HTML form bodies
// (application/x-www-form-urlencoded, WHATWG URL standard section 5.1).
// Boost 1.74 (Debian 12) has no Boost.URL, hence this small decoder.
// Encoding is in daemon/text/percent_encode.h.
#ifndef PROOFGATE_DAEMON_HTTP_URL_FORM_H_
#define PROOFGATE_DAEMON_HTTP_URL_FORM_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace proofgate {

// Decodes %XX escapes (either case of hex digit); with `plus_is_space`
// (query strings and form bodies) also '+' as ' '. nullopt when a '%' is
// not followed by two hex digits. The result may hold any byte, NUL
// included: callers validate it.
std::optional<std::string> PercentDecode(std::string_view text,
                                         bool plus_is_space);

// "a=1&b=x+y" -> {a: "1", b: "x y"}. Pairs without '=' have an empty
// value; when a name repeats, the first value wins; pairs that do not
// decode are dropped. Names and values are decoded.
std::map<std::string, std::string> ParseFormFields(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_HTTP_URL_FORM_H_
