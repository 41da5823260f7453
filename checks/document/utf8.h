// UTF-8 validation for draft input.
#ifndef PROOFGATE_CHECKS_DOCUMENT_UTF8_H_
#define PROOFGATE_CHECKS_DOCUMENT_UTF8_H_

#include <cstddef>
#include <string_view>

namespace proofgate {

// Byte offset of the first byte of `text` that is not part of well-formed
// UTF-8 (RFC 3629: no overlong forms, no surrogates U+D800..U+DFFF, nothing
// above U+10FFFF), or std::string_view::npos when all of it is. O(size).
size_t FirstInvalidUtf8(std::string_view text);

// The largest n <= `max_bytes` such that text.substr(0, n) does not end in
// the middle of a UTF-8 sequence.
size_t Utf8PrefixLength(std::string_view text, size_t max_bytes);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_UTF8_H_
