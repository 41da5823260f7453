// Finding the first of a few bytes (checks/document/find_bytes.h): the
// same answers as std::string_view::find_first_of, across the search's
// 256-byte windows.
#include "checks/document/find_bytes.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace proofgate {
namespace {

constexpr size_t kNpos = std::string_view::npos;

TEST(FindBytesTest, FindsTheNearestOfSeveralBytes) {
  const std::string_view text = "a {b} `c` {% d %}";
  EXPECT_EQ(FindFirstOfBytes(text, 0, "`{"), 2u);
  EXPECT_EQ(FindFirstOfBytes(text, 3, "`{"), 6u);
  EXPECT_EQ(FindFirstOfBytes(text, 7, "`{"), 8u);
  EXPECT_EQ(FindFirstOfBytes(text, 9, "`{<"), 10u);
  EXPECT_EQ(FindFirstOfBytes(text, 11, "`{"), kNpos);
  EXPECT_EQ(FindFirstOfBytes(text, 2, "{"), 2u);  // at `pos` itself
}

TEST(FindBytesTest, EdgeCasesAnswerNpos) {
  EXPECT_EQ(FindFirstOfBytes("", 0, "\n"), kNpos);
  EXPECT_EQ(FindFirstOfBytes("abc", 3, "c"), kNpos);
  EXPECT_EQ(FindFirstOfBytes("abc", 7, "c"), kNpos);
  EXPECT_EQ(FindFirstOfBytes("abc", 0, ""), kNpos);
}

TEST(FindBytesTest, LineBreaksAreCrOrLf) {
  EXPECT_EQ(FindLineBreak("one\r\ntwo", 0), 3u);
  EXPECT_EQ(FindLineBreak("one\ntwo\rthree", 4), 7u);
  EXPECT_EQ(FindLineBreak("no break", 0), kNpos);
  // A NUL byte is text, not an end.
  EXPECT_EQ(FindLineBreak(std::string_view("a\0b\n", 4), 0), 3u);
}

// Every position of texts longer than several windows, with the hits on
// either side of each window's edge, against find_first_of.
TEST(FindBytesTest, AgreesWithFindFirstOfAcrossWindows) {
  std::string text(1500, 'x');
  for (const size_t at : {0u, 255u, 256u, 257u, 511u, 700u, 1024u, 1499u}) {
    text[at] = at % 2 == 0 ? '\n' : '\r';
  }
  text[900] = '\xE2';  // a byte above 0x7F is searched as well as ASCII
  for (size_t pos = 0; pos <= text.size() + 1; ++pos) {
    ASSERT_EQ(FindLineBreak(text, pos), text.find_first_of("\r\n", pos))
        << "pos " << pos;
    ASSERT_EQ(FindFirstOfBytes(text, pos, "\xE2\r"),
              text.find_first_of("\xE2\r", pos))
        << "pos " << pos;
  }
}

}  // namespace
}  // namespace proofgate
