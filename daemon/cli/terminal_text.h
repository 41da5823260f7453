// Text from the daemon (draft titles, paths, rule ids, messages) made safe
// to print on a terminal: `proofgate queue` and `proofgate decide` show
// what writers put in front matter and file names, and a terminal obeys
// control characters in what it prints (ESC [ 31 m turns it red, ESC ] 0 ;
// sets the window title, an OSC 52 sequence can write the clipboard).
#ifndef PROOFGATE_DAEMON_CLI_TERMINAL_TEXT_H_
#define PROOFGATE_DAEMON_CLI_TERMINAL_TEXT_H_

#include <string>
#include <string_view>

namespace proofgate {

// `text` with every control character replaced by U+FFFD: C0 (U+0000 to
// U+001F: ESC, BEL, backspace, carriage return, also tab and line feed, so
// one value stays on its line), DEL (U+007F) and C1 (U+0080 to U+009F,
// which some terminals take as CSI and OSC too); bytes that are not
// well-formed UTF-8 become U+FFFD as well (a lone 0x9B byte is a C1 CSI to
// a terminal in an 8-bit mode). Everything else, printable non-ASCII text
// included, is kept as it is. O(size); thread-safe.
std::string TerminalSafe(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CLI_TERMINAL_TEXT_H_
