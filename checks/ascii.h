// ASCII case folding and hex digits, for the parts of a draft and of the
// web that are ASCII by definition and compared without regard to case:
// URL schemes and host names, HTML attribute names, HTTP header names and
// the short English words the checks look for.
//
// Only 'A'..'Z' and 'a'..'f' / 'A'..'F' are special; every other byte,
// UTF-8 included, is kept as it is. Nothing depends on the C locale.
// Everything here is a pure function: safe from any number of threads.
//
// At the contract level, rather than in checks/document/, so that
// checks/network/ (which may include only the contract) uses it too.
#ifndef PROOFGATE_CHECKS_ASCII_H_
#define PROOFGATE_CHECKS_ASCII_H_

#include <string>
#include <string_view>

namespace proofgate {

// `c` lower-cased if it is an ASCII capital letter, else `c` itself.
constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// `text` with its ASCII capital letters lower-cased; same length in bytes.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// The value (0..15) of the ASCII hex digit `c` ('0'..'9', 'a'..'f',
// 'A'..'F'), or -1 when `c` is not one.
constexpr int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_ASCII_H_
