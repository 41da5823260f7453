#include "checks/sentences.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace proofgate {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool IsClosing(char c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_';
}

// Lower-cased abbreviations (without the final period) after which a period
// does not end a sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 24> kAbbreviations = {
      "e.g",    "i.e", "etc", "vs", "mr",  "mrs",  "ms", "dr",
      "prof",   "inc", "ltd", "jr", "sr",  "st",   "no", "fig",
      "approx", "cf",  "al",  "ca", "viz", "resp", "eq", "sec"};
  std::string lower(word);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) !=
         kAbbreviations.end();
}

// Whether the text after a candidate end (starting at `i`, after the
// whitespace) looks like the start of a new sentence.
bool StartsSentence(std::string_view text, size_t i) {
  if (i >= text.size()) return true;
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (std::isupper(c) || std::isdigit(c)) return true;
  if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '*' || c == '_' ||
      c == '`') {
    return true;
  }
  // Non-ASCII: a new sentence in most scripts; lower-case Latin letters with
  // diacritics are rarer at a sentence start than the cost of missing one.
  return c >= 0x80;
}

void Push(std::string_view text, size_t begin, size_t end,
          std::vector<SentenceSpan>& out) {
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  if (begin < end) out.push_back({begin, end});
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  std::vector<SentenceSpan> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    // Runs such as "?!" or "..." end together.
    while (end < text.size() &&
           (text[end] == '.' || text[end] == '!' || text[end] == '?')) {
      ++end;
    }
    while (end < text.size() && IsClosing(text[end])) ++end;
    if (end < text.size() && !IsSpace(text[end])) {
      i = end - 1;
      continue;  // "3.5", "v1.2", "example.com"
    }
    if (c == '.' && end == i + 1) {
      // The word before the period.
      size_t w = i;
      while (w > start && !IsSpace(text[w - 1]) && text[w - 1] != '(') --w;
      const std::string_view word = text.substr(w, i - w);
      if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0])))
        continue;  // an initial
      if (IsAbbreviation(word)) continue;
    }
    size_t next = end;
    while (next < text.size() && IsSpace(text[next])) ++next;
    if (!StartsSentence(text, next)) {
      i = end - 1;
      continue;
    }
    Push(text, start, end, out);
    start = end;
    i = end - 1;
  }
  Push(text, start, text.size(), out);
  return out;
}

}  // namespace proofgate
