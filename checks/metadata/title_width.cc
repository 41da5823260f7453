#include "checks/metadata/title_width.h"

#include <array>
#include <cstdint>

#include "checks/document/utf8.h"

namespace proofgate {

namespace {

// Helvetica advance widths for U+0020..U+007E, in 1/1000 em (Adobe AFM).
constexpr std::array<int, 95> kAsciiWidths = {
    278, 278, 355, 556, 556, 889, 667,  191, 333, 333, 389, 584, 278,
    333, 278, 278,                                      // ' '../
    556, 556, 556, 556, 556, 556, 556,  556, 556, 556,  // 0-9
    278, 278, 584, 584, 584, 556, 1015,                 // :;<=>?@
    667, 667, 722, 722, 667, 611, 778,  722, 278, 500, 667, 556, 833,  // A-M
    722, 778, 667, 778, 722, 667, 611,  722, 667, 944, 667, 667, 611,  // N-Z
    278, 278, 278, 469, 556, 333,                                      // [\]^_`
    556, 556, 500, 556, 556, 278, 556,  556, 222, 222, 500, 222, 833,  // a-m
    556, 556, 556, 556, 333, 500, 278,  556, 500, 722, 500, 500, 500,  // n-z
    334, 260, 334, 584,                                                // {|}~
};

constexpr int kAverageWidth = 556;
constexpr int kWideWidth = 1000;

bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFD);
}

// Combining diacritical marks (U+0300..U+036F), zero-width spaces and joiners
// and directional marks (U+200B..U+200F) and variation selectors
// (U+FE00..U+FE0F) take no space of their own.
bool IsZeroWidth(uint32_t cp) {
  return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0xFE00 && cp <= 0xFE0F);
}

}  // namespace

double EstimateTitleWidthPx(std::string_view title, double font_px) {
  long long units = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(title.data());
  const size_t n = title.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      units += (c >= 0x20 && c <= 0x7E) ? kAsciiWidths[c - 0x20] : 0;
      ++i;
      continue;
    }
    const Utf8Char decoded = DecodeUtf8(title, i);
    if (decoded.length == 0) {
      // Not a well-formed sequence: this byte alone is one character.
      units += kAverageWidth;
      ++i;
      continue;
    }
    const char32_t cp = decoded.code_point;
    if (!IsZeroWidth(cp)) {
      units += IsWide(cp) ? kWideWidth : kAverageWidth;
    }
    i += decoded.length;
  }
  return static_cast<double>(units) * font_px / 1000.0;
}

}  // namespace proofgate
