// Percent-encoding (RFC 3986 section 2.1) of text placed in URLs: the
// exception queue's links and redirects, the `proofgate queue` client's
// requests, and the draft URIs in reports for CI tools. Decoding is in
// daemon/http/url_form.h.
//
// Both functions leave RFC 3986's unreserved characters (A-Z a-z 0-9
// - . _ ~) as they are and write every other byte as %XX with upper-case
// hex digits: a UTF-8 character becomes one escape per byte ("é" ->
// "%C3%A9"). They differ only in '/'. Pure, thread-safe.
#ifndef PROOFGATE_DAEMON_TEXT_PERCENT_ENCODE_H_
#define PROOFGATE_DAEMON_TEXT_PERCENT_ENCODE_H_

#include <string>
#include <string_view>

namespace proofgate {

// One URL component: a path segment (a submission id in /drafts/<id>) or a
// query or form value. Leaves only the unreserved characters unencoded;
// '/' too is encoded: "blog/post 1.md" -> "blog%2Fpost%201.md".
std::string PercentEncodeComponent(std::string_view text);

// A '/'-separated path (a draft's path as a URI reference): leaves the
// unreserved characters and '/' unencoded: "docs/my file.md" ->
// "docs/my%20file.md".
std::string PercentEncodePath(std::string_view path);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_TEXT_PERCENT_ENCODE_H_
