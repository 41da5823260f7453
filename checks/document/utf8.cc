#include "checks/document/utf8.h"

#include <cstdint>
#include <cstring>

namespace proofgate {

namespace {

// Bytes of the well-formed multi-byte sequence at the start of `s` (`n`
// bytes available, s[0] >= 0x80), or 0 when it is not well formed.
size_t WellFormedLength(const unsigned char* s, size_t n) {
  const unsigned char c = s[0];
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the 2nd byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (len > n) return 0;
  if (s[1] < lo || s[1] > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if ((s[k] & 0xC0) != 0x80) return 0;
  }
  return len;
}

}  // namespace

Utf8Char DecodeUtf8(std::string_view text, size_t offset) {
  if (offset >= text.size()) return {};
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + offset;
  if (s[0] < 0x80) return {s[0], 1};
  const size_t len = WellFormedLength(s, text.size() - offset);
  if (len == 0) return {};
  char32_t cp = s[0] & (0x7F >> len);  // the lead byte's payload bits
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[k] & 0x3F);
  return {cp, len};
}

size_t FirstInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes (bit 7 clear in each) at a time: most of a draft.
    if (i + sizeof(uint64_t) <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, sizeof(word));
      if ((word & 0x8080808080808080ULL) == 0) {
        i += sizeof(word);
        continue;
      }
    }
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t len = WellFormedLength(s + i, n - i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

size_t Utf8PrefixLength(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  size_t n = max_bytes;
  while (n > 0 && IsContinuationByte(text[n])) --n;
  return n;
}

}  // namespace proofgate
