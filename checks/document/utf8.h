// UTF-8 validation and decoding for draft input.
//
// Everything here is a pure function of its arguments: safe to call from
// any number of threads. Offsets and lengths are in bytes.
#ifndef PROOFGATE_CHECKS_DOCUMENT_UTF8_H_
#define PROOFGATE_CHECKS_DOCUMENT_UTF8_H_

#include <cstddef>
#include <string_view>

namespace proofgate {

// Whether `byte` is a UTF-8 continuation byte (10xxxxxx): one that never
// starts a character.
constexpr bool IsContinuationByte(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

// Bytes of the sequence that the lead byte `lead` announces: 1 for ASCII
// and for a byte that cannot lead (a continuation byte), 2 for 0xC0..0xDF,
// 3 for 0xE0..0xEF, 4 for 0xF0 and above. Whether the sequence is well
// formed is not checked.
constexpr size_t Utf8AnnouncedLength(char lead) {
  const auto b = static_cast<unsigned char>(lead);
  if (b >= 0xF0) return 4;
  if (b >= 0xE0) return 3;
  if (b >= 0xC0) return 2;
  return 1;
}

// One character decoded from UTF-8.
struct Utf8Char {
  char32_t code_point = 0;
  size_t length = 0;  // bytes; 0 when the bytes were not well formed
};

// Decodes the character whose sequence starts at byte `offset` of `text`.
// Only well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates
// U+D800..U+DFFF, nothing above U+10FFFF, not cut off by the end of `text`)
// decodes; anything else, and an `offset` at or past the end, gives
// length 0, and the caller decides what the byte there stands for
// (typically: skip it, or replace it with U+FFFD). O(1).
Utf8Char DecodeUtf8(std::string_view text, size_t offset);

// Byte offset of the first byte of `text` that is not part of well-formed
// UTF-8 (as DecodeUtf8 decides), or std::string_view::npos when all of it
// is. O(size).
size_t FirstInvalidUtf8(std::string_view text);

// The largest n <= `max_bytes` such that text.substr(0, n) does not end in
// the middle of a UTF-8 sequence.
size_t Utf8PrefixLength(std::string_view text, size_t max_bytes);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_UTF8_H_
