// Text from the daemon made safe for a terminal (daemon/terminal_text.h).
#include "daemon/cli/terminal_text.h"

#include <gtest/gtest.h>

namespace proofgate {
namespace {

constexpr std::string_view kR = "\uFFFD";

std::string R(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += kR;
  return out;
}

TEST(TerminalTextTest, ControlCharactersBecomeReplacementCharacters) {
  EXPECT_EQ(TerminalSafe("Red \x1b[31malert"), "Red " + R(1) + "[31malert");
  // OSC 0 (window title) ended by BEL; tab, CR, LF; DEL; NUL.
  EXPECT_EQ(
      TerminalSafe(std::string("\x1b]0;pwned\x07|\t\r\n|\x7f|\0|", 19)),
      R(1) + "]0;pwned" + R(1) + "|" + R(3) + "|" + R(1) + "|" + R(1) + "|");
  // C1 controls as UTF-8 (U+009B CSI, U+0085 NEL, U+0080, U+009F).
  EXPECT_EQ(TerminalSafe("a\u009b2Jb\u0085c\u0080\u009f"),
            "a" + R(1) + "2Jb" + R(1) + "c" + R(2));
  // A lone 0x9B byte and other invalid UTF-8.
  EXPECT_EQ(TerminalSafe("x\x9b"
                         "2J\xff\xc2"),
            "x" + R(1) + "2J" + R(2));
}

TEST(TerminalTextTest, PrintableTextIsKept) {
  for (const char* text :
       {"", "plain ASCII ~!@#$%^&*()", "caf\u00e9 \u00a0nbsp \u00ff",
        "\u2014 dash, \u4e2d\u6587, \U0001F600",
        "\u00a1 (C2 A1 is printable)"}) {
    EXPECT_EQ(TerminalSafe(text), text) << text;
  }
}

}  // namespace
}  // namespace proofgate
