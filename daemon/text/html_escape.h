// Text from drafts, front matter, findings and editors made safe to place
// in HTML: the proof record's page and the exception queue's pages.
#ifndef PROOFGATE_DAEMON_TEXT_HTML_ESCAPE_H_
#define PROOFGATE_DAEMON_TEXT_HTML_ESCAPE_H_

#include <string>
#include <string_view>

namespace proofgate {

// `text` with &, <, >, " and ' escaped (as &amp; &lt; &gt; &quot; &#39;),
// each byte of invalid UTF-8 replaced by U+FFFD and NUL by U+2400: safe
// inside HTML text and quoted attribute values. Pure, thread-safe.
std::string HtmlEscape(std::string_view text);

// HtmlEscape(text) appended to `out`, without a temporary string.
void AppendHtmlEscaped(std::string_view text, std::string& out);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_TEXT_HTML_ESCAPE_H_
