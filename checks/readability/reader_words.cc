#include "checks/readability/reader_words.h"

namespace proofgate {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// What a byte is to the word scan: whitespace, '{' (a templating tag may
// open), an ASCII letter or digit, or anything else.
enum ByteKind : unsigned char { kOtherByte, kSpace, kBrace, kAsciiAlnum };

struct ByteKinds {
  ByteKind kind[256] = {};
  constexpr ByteKinds() {
    for (const char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
      kind[static_cast<unsigned char>(c)] = kSpace;
    }
    kind[static_cast<unsigned char>('{')] = kBrace;
    for (int c = 0; c < 128; ++c) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9')) {
        kind[c] = kAsciiAlnum;
      }
    }
  }
};

constexpr ByteKinds kKinds;

// Whether the character at byte `i` is a letter or digit: ASCII ones, and
// any other code point except General Punctuation (U+2000-U+206F: dashes,
// curly quotes, ellipsis), which UTF-8 writes as E2 80 xx or E2 81 xx.
bool IsAlnumAt(std::string_view text, size_t i) {
  const char c = text[i];
  if (static_cast<unsigned char>(c) < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  if (c == '\xE2' && i + 1 < text.size() &&
      (text[i + 1] == '\x80' || text[i + 1] == '\x81')) {
    return false;
  }
  // Continuation bytes of a punctuation mark follow its lead byte.
  if ((static_cast<unsigned char>(c) & 0xC0) == 0x80 && i >= 1) {
    const size_t lead = i >= 2 && text[i - 2] == '\xE2' ? i - 2 : i - 1;
    if (text[lead] == '\xE2' && lead + 1 < text.size() &&
        (text[lead + 1] == '\x80' || text[lead + 1] == '\x81')) {
      return false;
    }
  }
  return true;
}

// The end of a templating tag opening at `i` ("{{" or "{%"), or `i` when
// none opens there. An unclosed tag runs to the end of the text.
size_t SkipTemplating(std::string_view text, size_t i) {
  if (text[i] != '{' || i + 1 >= text.size() ||
      (text[i + 1] != '{' && text[i + 1] != '%')) {
    return i;
  }
  const std::string_view close = text[i + 1] == '{' ? "}}" : "%}";
  const size_t end = text.find(close, i + 2);
  return end == std::string_view::npos ? text.size() : end + 2;
}

// Whether `token` holds "://" or starts with "www." or "mailto:". A plain
// loop: tokens are a few bytes, shorter than a library search's set-up.
bool IsUrl(std::string_view token) {
  for (size_t k = 0; k + 3 <= token.size(); ++k) {
    if (token[k] == ':' && token[k + 1] == '/' && token[k + 2] == '/') {
      return true;
    }
  }
  return token.starts_with("www.") || token.starts_with("mailto:");
}

}  // namespace

std::vector<std::string_view> ReaderWords(std::string_view text) {
  std::vector<std::string_view> words;
  ForEachReaderWord(text, [&](std::string_view w) { words.push_back(w); });
  return words;
}

bool NextReaderWord(std::string_view text, size_t* pos, std::string_view* out) {
  size_t i = *pos;
  while (i < text.size()) {
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    const size_t skipped = SkipTemplating(text, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    size_t j = i;
    bool word = false;
    for (; j < text.size(); ++j) {
      const unsigned char c = static_cast<unsigned char>(text[j]);
      const ByteKind kind = kKinds.kind[c];
      if (kind == kSpace) break;
      if (kind == kBrace && j != i && SkipTemplating(text, j) != j) break;
      if (!word) {
        word = kind == kAsciiAlnum || (c >= 0x80 && IsAlnumAt(text, j));
      }
    }
    const std::string_view token = text.substr(i, j - i);
    i = j;
    if (word && !IsUrl(token)) {
      *pos = i;
      *out = token;
      return true;
    }
  }
  *pos = i;
  return false;
}

}  // namespace proofgate
