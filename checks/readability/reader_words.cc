#include "checks/readability/reader_words.h"

namespace proofgate {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// The end of a templating tag opening at `i` ("{{" or "{%"), or `i` when
// none opens there. An unclosed tag runs to the end of the text.
size_t SkipTemplating(std::string_view text, size_t i) {
  if (text.substr(i, 2) != "{{" && text.substr(i, 2) != "{%") return i;
  const std::string_view close = text[i + 1] == '{' ? "}}" : "%}";
  const size_t end = text.find(close, i + 2);
  return end == std::string_view::npos ? text.size() : end + 2;
}

bool IsUrl(std::string_view token) {
  return token.find("://") != std::string_view::npos ||
         token.starts_with("www.") || token.starts_with("mailto:");
}

}  // namespace

std::vector<std::string_view> ReaderWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
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
    while (j < text.size() && !IsSpace(text[j]) &&
           (j == i || SkipTemplating(text, j) == j)) {
      word = word || IsAlnum(text[j]);
      ++j;
    }
    const std::string_view token = text.substr(i, j - i);
    if (word && !IsUrl(token)) words.push_back(token);
    i = j;
  }
  return words;
}

}  // namespace proofgate
