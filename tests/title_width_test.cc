// EstimateTitleWidthPx: Helvetica AFM widths for ASCII, estimates beyond.
#include "checks/metadata/title_width.h"

#include <gtest/gtest.h>

#include <string>

namespace proofgate {
namespace {

// Widths in 1/1000 em from Adobe's Helvetica AFM: H 722, e 556, l 222,
// o 556, W 944, space 278, @ 1015, i 222, m 833.
TEST(TitleWidthTest, AsciiFromTheHelveticaTable) {
  // (722 + 556 + 222 + 222 + 556) * 20 / 1000
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("Hello"), 45.56);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("Hello", 10.0), 22.78);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("W"), 18.88);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("@"), 20.3);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("a b"), (556 + 278 + 556) / 50.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("im"), (222 + 833) / 50.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("'`~"), (191 + 333 + 584) / 50.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx(""), 0.0);
}

TEST(TitleWidthTest, EveryPrintableAsciiCharacter) {
  std::string all;
  for (char c = 0x20; c <= 0x7E; ++c) all += c;
  // The sum of the 95 widths of the AFM table.
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx(all, 1000.0), 50058.0);
}

TEST(TitleWidthTest, ControlCharactersTakeNoSpace) {
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("a\tb\n"), 2 * 556 / 50.0);
}

TEST(TitleWidthTest, WideEastAsianCharactersAndEmojiAreOneEm) {
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("日本"), 40.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("한국어"), 60.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("Ａ"), 20.0);  // U+FF21 full width
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("😀"), 20.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("𠀀"), 20.0);  // U+20000
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("Go 日本"),
                   (778 + 556 + 278) / 50.0 + 40.0);
}

TEST(TitleWidthTest, OtherScriptsAreAnAverageCharacter) {
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("é"), 11.12);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("Привет"), 6 * 11.12);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("—"), 11.12);
}

TEST(TitleWidthTest, ZeroWidthCharactersAddNothing) {
  // e + COMBINING ACUTE ACCENT, ZERO WIDTH SPACE, VARIATION SELECTOR-16.
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("e\u0301"), 11.12);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("a\u200Bb"), 22.24);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("\u2764\uFE0F"), 11.12);
}

TEST(TitleWidthTest, InvalidUtf8BytesAreOneAverageCharacterEach) {
  // A lead byte followed by ASCII: the ASCII still counts as itself.
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("\xC3"
                                        "A"),
                   (556 + 667) / 50.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("\xFF"), 11.12);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("\x80\x80"), 22.24);
  // Truncated at the end: two bytes, two characters.
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("\xE6\x97"), 22.24);
  // An overlong form and a surrogate are not decoded as characters.
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("\xC0\xAF"), 22.24);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("\xED\xA0\x80"), 3 * 11.12);
}

}  // namespace
}  // namespace proofgate
