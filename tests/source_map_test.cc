// SourceMap (byte offsets to line and code point column) and the UTF-8
// helpers it relies on.
#include "checks/document/source_map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "checks/document/utf8.h"

namespace proofgate {
namespace {

using std::string_literals::operator""s;

TEST(SourceMapTest, LineTerminators) {
  EXPECT_EQ(SourceMap("").line_count(), 1);
  EXPECT_EQ(SourceMap("a").line_count(), 1);
  EXPECT_EQ(SourceMap("a\n").line_count(), 2);
  EXPECT_EQ(SourceMap("a\nb").line_count(), 2);
  EXPECT_EQ(SourceMap("a\r\nb\r\n").line_count(), 3);
  EXPECT_EQ(SourceMap("a\rb\rc").line_count(), 3);
  EXPECT_EQ(SourceMap("a\r\r\nb\n\rc").line_count(), 5);

  const SourceMap map("one\r\ntwo\rthree\nfour");
  EXPECT_EQ(map.Line(1), "one");
  EXPECT_EQ(map.Line(2), "two");
  EXPECT_EQ(map.Line(3), "three");
  EXPECT_EQ(map.Line(4), "four");
  EXPECT_EQ(map.LineStart(2), 5u);
  EXPECT_EQ(map.LineStart(3), 9u);
  EXPECT_EQ(map.LineStart(4), 15u);
  // Out of range lines are clamped.
  EXPECT_EQ(map.Line(0), "one");
  EXPECT_EQ(map.Line(99), "four");
}

TEST(SourceMapTest, ColumnsAreCodePoints) {
  const std::string text = "aé€😀b\nx";
  const SourceMap map(text);
  EXPECT_EQ(map.PositionOf(0).column, 1);
  EXPECT_EQ(map.PositionOf(1).column, 2);   // é
  EXPECT_EQ(map.PositionOf(3).column, 3);   // €
  EXPECT_EQ(map.PositionOf(6).column, 4);   // 😀
  EXPECT_EQ(map.PositionOf(10).column, 5);  // b
  EXPECT_EQ(map.PositionOf(11).column, 6);  // the line's end
  EXPECT_EQ(map.PositionOf(12).line, 2);
  EXPECT_EQ(map.PositionOf(12).column, 1);
  EXPECT_EQ(map.PositionOf(13).column, 2);   // end of text
  EXPECT_EQ(map.PositionOf(999).column, 2);  // clamped
  EXPECT_EQ(map.RangeOf(1, 10), (SourceRange{1, 2, 1, 5}));
  // An end before the start is the start.
  EXPECT_EQ(map.RangeOf(3, 1), (SourceRange{1, 3, 1, 3}));
  EXPECT_EQ(CountCodePoints("aé€😀b"), 5);
  EXPECT_EQ(CountCodePoints(""), 0);
  // Stray continuation bytes are never counted; other bad bytes once.
  EXPECT_EQ(CountCodePoints("\x80\x80"), 0);
  EXPECT_EQ(CountCodePoints("\xFF"
                            "a"),
            2);
}

TEST(SourceMapTest, ByteOrderMarkIsNoColumn) {
  const std::string text =
      "\xEF\xBB\xBF"
      "ab\ncd";
  const SourceMap map(text);
  EXPECT_EQ(map.LineStart(1), 3u);
  EXPECT_EQ(map.Line(1), "ab");
  EXPECT_EQ(map.PositionOf(0).column, 1);
  EXPECT_EQ(map.PositionOf(2).column, 1);
  EXPECT_EQ(map.PositionOf(3).column, 1);
  EXPECT_EQ(map.PositionOf(4).column, 2);
  EXPECT_EQ(map.PositionOf(6).line, 2);
  // A BOM elsewhere is an ordinary (zero width no-break space) character.
  const SourceMap later(
      "a\xEF\xBB\xBF"
      "b");
  EXPECT_EQ(later.PositionOf(4).column, 3);
}

// PositionOf() and RangeOf() against the definition, walked byte by byte
// from the start, at every offset and every pair of offsets of a text with
// every kind of line end, a BOM, multi-byte characters and a line longer
// than a checkpoint (256 bytes).
TEST(SourceMapTest, PositionsMatchAWalkFromTheStart) {
  const std::string text =
      "\xEF\xBB\xBF"
      "a\r\n\xC3\xA9t\xC3\xA9\rx\n\n" +
      std::string(300, 'y') + "\xE2\x80\x94z\r\n\r";
  const SourceMap map(text);
  std::vector<SourcePosition> expected;
  SourcePosition at{1, 1};
  for (size_t i = 0; i <= text.size() + 1; ++i) {
    expected.push_back(at);
    if (i >= text.size()) continue;
    const char c = text[i];
    if (i < 3) continue;  // the BOM belongs to no column
    if (c == '\n' ||
        (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      at = {at.line + 1, 1};
    } else if (c != '\r' && !IsContinuationByte(c)) {
      ++at.column;
    }
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    const SourcePosition p = map.PositionOf(i);
    // A "\r\n" terminator's "\n" is at the line's end, like its "\r".
    const SourcePosition want =
        i > 0 && i < text.size() && text[i] == '\n' && text[i - 1] == '\r'
            ? expected[i - 1]
            : expected[std::min(i, text.size())];
    EXPECT_EQ(p.line, want.line) << i;
    EXPECT_EQ(p.column, want.column) << i;
  }
  for (size_t b = 0; b <= text.size() + 1; ++b) {
    for (size_t e = 0; e <= text.size() + 1; e += 7) {
      const SourcePosition pb = map.PositionOf(b);
      const SourcePosition pe = map.PositionOf(std::max(b, e));
      const SourceRange r = map.RangeOf(b, e);
      ASSERT_EQ(r, (SourceRange{pb.line, pb.column, pe.line, pe.column}))
          << b << " " << e;
    }
  }
}

TEST(SourceMapTest, OffsetOfByteColumn) {
  const std::string text = "ab\r\nçd\n";
  const SourceMap map(text);
  EXPECT_EQ(map.OffsetOfByteColumn(1, 1), 0u);
  EXPECT_EQ(map.OffsetOfByteColumn(1, 2), 1u);
  EXPECT_EQ(map.OffsetOfByteColumn(1, 9), 2u);  // clamped before "\r\n"
  EXPECT_EQ(map.OffsetOfByteColumn(2, 3), 6u);  // 'd': ç is 2 bytes
  EXPECT_EQ(map.OffsetOfByteColumn(2, 0), 4u);
  EXPECT_EQ(map.OffsetOfByteColumn(3, 1), 8u);
  EXPECT_EQ(map.OffsetOfByteColumn(0, 1), 0u);
  const SourceMap bom(
      "\xEF\xBB\xBF"
      "xy");
  EXPECT_EQ(bom.OffsetOfByteColumn(1, 2), 4u);
}

TEST(SourceMapTest, OffsetOfColumnInvertsPositionOf) {
  const std::string text = "aé€\r\n😀z\n";
  const SourceMap map(text);
  for (size_t offset : {0u, 1u, 3u, 6u, 8u, 12u}) {
    const SourcePosition p = map.PositionOf(offset);
    EXPECT_EQ(map.OffsetOfColumn(p.line, p.column), offset) << offset;
  }
  EXPECT_EQ(map.OffsetOfColumn(1, 9), 6u);   // past the end: before "\r\n"
  EXPECT_EQ(map.OffsetOfColumn(1, 0), 0u);   // before the first column
  EXPECT_EQ(map.OffsetOfColumn(0, 2), 1u);   // lines clamped
  EXPECT_EQ(map.OffsetOfColumn(3, 1), 14u);  // the empty last line
  const SourceMap bom("\xEF\xBB\xBFxy");
  EXPECT_EQ(bom.OffsetOfColumn(1, 2), 4u);
}

TEST(Utf8Test, WellFormed) {
  EXPECT_EQ(FirstInvalidUtf8(""), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("é€😀\xF4\x8F\xBF\xBF"), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("nul\0ok"s), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("\xEF\xBB\xBF"), std::string_view::npos);
}

// ASCII is read eight bytes at a time: a bad byte or a well-formed
// sequence at every offset of a longer text, either side of each word.
TEST(Utf8Test, FoundAtEveryOffsetOfLongAscii) {
  for (size_t at = 0; at < 24; ++at) {
    std::string text(26, 'a');
    text[at] = '\x80';
    EXPECT_EQ(FirstInvalidUtf8(text), at) << at;
    text.replace(at, 1, "\xC3\xA9");  // é
    EXPECT_EQ(FirstInvalidUtf8(text), std::string_view::npos) << at;
    text.back() = '\xFF';
    EXPECT_EQ(FirstInvalidUtf8(text), text.size() - 1) << at;
  }
}

TEST(Utf8Test, IllFormed) {
  EXPECT_EQ(FirstInvalidUtf8("ab\x80"), 2u);            // stray continuation
  EXPECT_EQ(FirstInvalidUtf8("a\xC0\xAF"), 1u);         // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("a\xC1\xBF"), 1u);         // overlong
  EXPECT_EQ(FirstInvalidUtf8("é\xE0\x80\xAF"), 2u);     // overlong, 3 bytes
  EXPECT_EQ(FirstInvalidUtf8("\xF0\x80\x80\xAF"), 0u);  // overlong, 4 bytes
  EXPECT_EQ(FirstInvalidUtf8("x\xED\xA0\x80"), 1u);     // surrogate U+D800
  EXPECT_EQ(FirstInvalidUtf8("x\xED\xBF\xBF"), 1u);     // surrogate U+DFFF
  EXPECT_EQ(FirstInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(FirstInvalidUtf8("ok\xE2\x82"), 2u);   // truncated at end
  EXPECT_EQ(FirstInvalidUtf8("ok\xE2\x82x"), 2u);  // truncated inside
  EXPECT_EQ(FirstInvalidUtf8("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(FirstInvalidUtf8("\xFF"), 0u);
}

TEST(Utf8Test, ContinuationAndAnnouncedLength) {
  EXPECT_FALSE(IsContinuationByte('a'));
  EXPECT_TRUE(IsContinuationByte('\x80'));
  EXPECT_TRUE(IsContinuationByte('\xBF'));
  EXPECT_FALSE(IsContinuationByte('\xC3'));
  EXPECT_EQ(Utf8AnnouncedLength('a'), 1u);
  EXPECT_EQ(Utf8AnnouncedLength('\x80'), 1u);
  EXPECT_EQ(Utf8AnnouncedLength('\xC0'), 2u);
  EXPECT_EQ(Utf8AnnouncedLength('\xDF'), 2u);
  EXPECT_EQ(Utf8AnnouncedLength('\xE2'), 3u);
  EXPECT_EQ(Utf8AnnouncedLength('\xF0'), 4u);
  EXPECT_EQ(Utf8AnnouncedLength('\xFF'), 4u);
}

TEST(Utf8Test, Decode) {
  const auto decoded = [](std::string_view text, size_t offset = 0) {
    const Utf8Char c = DecodeUtf8(text, offset);
    return std::make_pair(static_cast<uint32_t>(c.code_point), c.length);
  };
  using P = std::pair<uint32_t, size_t>;
  EXPECT_EQ(decoded("a"), (P{'a', 1}));
  EXPECT_EQ(decoded("nul\0"s, 3), (P{0, 1}));
  EXPECT_EQ(decoded("x\xC3\xA9", 1), (P{0xE9, 2}));
  EXPECT_EQ(decoded("\xE2\x82\xAC"), (P{0x20AC, 3}));
  EXPECT_EQ(decoded("\xF0\x9F\x98\x80"), (P{0x1F600, 4}));
  EXPECT_EQ(decoded("\xF4\x8F\xBF\xBF"), (P{0x10FFFF, 4}));
  // Not well formed: length 0, whatever the bytes would spell.
  for (std::string_view bad :
       {"\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF",
        "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE2\x82",
        "\xE2\x82x", "\xFF"}) {
    EXPECT_EQ(DecodeUtf8(bad, 0).length, 0u) << bad;
  }
  EXPECT_EQ(DecodeUtf8("ab", 2).length, 0u);  // past the end
  EXPECT_EQ(DecodeUtf8("", 0).length, 0u);
}

TEST(Utf8Test, PrefixLength) {
  EXPECT_EQ(Utf8PrefixLength("abc", 10), 3u);
  EXPECT_EQ(Utf8PrefixLength("abc", 2), 2u);
  EXPECT_EQ(Utf8PrefixLength("aé", 2), 1u);  // not half of é
  EXPECT_EQ(Utf8PrefixLength("aé", 3), 3u);
  EXPECT_EQ(Utf8PrefixLength("😀😀", 7), 4u);
  EXPECT_EQ(Utf8PrefixLength("😀", 3), 0u);
  EXPECT_EQ(Utf8PrefixLength("abc", 0), 0u);
}

// The count as the header defines it: bytes that are not 10xxxxxx.
int NaiveCount(std::string_view bytes) {
  int n = 0;
  for (unsigned char c : bytes) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(CountCodePointsTest, MatchesTheByteByByteDefinition) {
  // Lengths across the 8-byte words and the 255-word flush of the fast
  // path, with ASCII, 2-, 3- and 4-byte characters and stray bytes.
  const std::string pieces[] = {"a", "é", "日", "😀", "\x80", "\xff", " "};
  std::string text;
  unsigned seed = 1;
  for (int i = 0; i < 6000; ++i) {
    seed = seed * 1103515245u + 12345u;
    text += pieces[(seed >> 16) % 7];
  }
  for (size_t len = 0; len < text.size(); len += 1 + len / 7) {
    for (size_t start : {size_t{0}, size_t{3}}) {
      if (start > len) continue;
      const std::string_view s = std::string_view(text).substr(start, len);
      ASSERT_EQ(CountCodePoints(s), NaiveCount(s)) << start << "+" << len;
    }
  }
  const std::string all_continuation(5000, '\x80');
  EXPECT_EQ(CountCodePoints(all_continuation), 0);
  const std::string two_byte = [] {
    std::string s;
    for (int i = 0; i < 3000; ++i) s += "é";
    return s;
  }();
  EXPECT_EQ(CountCodePoints(two_byte), 3000);
}

TEST(SourceMapTest, ColumnsOnALongLine) {
  std::string line;
  for (int i = 0; i < 3000; ++i) line += "é";
  line += "x";
  SourceMap map(line);
  EXPECT_EQ(map.PositionOf(line.size() - 1).column, 3001);
}

}  // namespace
}  // namespace proofgate
