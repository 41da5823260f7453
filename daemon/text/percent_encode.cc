#include "daemon/text/percent_encode.h"

namespace proofgate {

namespace {

bool Unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

// `text` with every byte but the unreserved ones (and '/' when
// `keep_slash`) written as %XX.
std::string Encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c) || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace

std::string PercentEncodeComponent(std::string_view text) {
  return Encode(text, /*keep_slash=*/false);
}

std::string PercentEncodePath(std::string_view path) {
  return Encode(path, /*keep_slash=*/true);
}

}  // namespace proofgate
