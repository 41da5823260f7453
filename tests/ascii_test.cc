// ASCII case folding and hex digits (checks/ascii.h).
#include "checks/ascii.h"

#include <gtest/gtest.h>

namespace proofgate {
namespace {

TEST(AsciiTest, LowerFoldsOnlyAsciiCapitals) {
  EXPECT_EQ(AsciiLower('A'), 'a');
  EXPECT_EQ(AsciiLower('Z'), 'z');
  EXPECT_EQ(AsciiLower('a'), 'a');
  EXPECT_EQ(AsciiLower('@'), '@');  // just before 'A'
  EXPECT_EQ(AsciiLower('['), '[');  // just after 'Z'
  EXPECT_EQ(AsciiLower('\xC3'), '\xC3');
  EXPECT_EQ(AsciiLower("HTTPS://Example.COM/Path"), "https://example.com/path");
  // UTF-8 is kept byte for byte: "É" is not folded.
  EXPECT_EQ(AsciiLower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
  EXPECT_EQ(AsciiLower(""), "");
}

TEST(AsciiTest, HexDigitValue) {
  EXPECT_EQ(HexDigitValue('0'), 0);
  EXPECT_EQ(HexDigitValue('9'), 9);
  EXPECT_EQ(HexDigitValue('a'), 10);
  EXPECT_EQ(HexDigitValue('F'), 15);
  EXPECT_EQ(HexDigitValue('g'), -1);
  EXPECT_EQ(HexDigitValue('G'), -1);
  EXPECT_EQ(HexDigitValue('/'), -1);
  EXPECT_EQ(HexDigitValue('\xC3'), -1);
}

}  // namespace
}  // namespace proofgate
