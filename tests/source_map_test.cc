#include "checks/source_map.h"

#include <gtest/gtest.h>

#include <string>

namespace proofgate {
namespace {

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
