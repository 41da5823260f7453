#include "checks/document/sentences.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "checks/ascii.h"
#include "checks/document/find_bytes.h"
#include "checks/document/utf8.h"

namespace proofgate {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool IsAsciiAlpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Closing quotes and brackets that may follow a sentence's final
// punctuation, as their byte length at `i` (0 when there is none): ASCII
// ones, ’ ” » (U+2019, U+201D, U+00BB) and 」 』 ） (U+300D, U+300F, U+FF09).
size_t ClosingLength(std::string_view text, size_t i) {
  const char c = text[i];
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_') {
    return 1;
  }
  const std::string_view rest = text.substr(i);
  for (std::string_view closing :
       {"\u2019", "\u201D", "\u00BB", "\u300D", "\u300F", "\uFF09"}) {
    if (rest.starts_with(closing)) return closing.size();
  }
  return 0;
}

// Full-width sentence punctuation of Chinese and Japanese (。！？, U+3002,
// U+FF01, U+FF1F) as its byte length at `i`, or 0. These end a sentence
// with no space after them.
size_t WideTerminatorLength(std::string_view text, size_t i) {
  const std::string_view rest = text.substr(i);
  for (std::string_view mark : {"\u3002", "\uFF01", "\uFF1F"}) {
    if (rest.starts_with(mark)) return mark.size();
  }
  return 0;
}

// Lower-cased abbreviations (without the final period) after which a period
// does not end a sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 24> kAbbreviations = {
      "e.g",    "i.e", "etc", "vs", "mr",  "mrs",  "ms", "dr",
      "prof",   "inc", "ltd", "jr", "sr",  "st",   "no", "fig",
      "approx", "cf",  "al",  "ca", "viz", "resp", "eq", "sec"};
  const std::string lower = AsciiLower(word);
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), lower) !=
         kAbbreviations.end();
}

// Whether `word` (before a period) is an initial ("J", "É") or a run of
// initials ("U.S", "a.k.a").
bool IsInitials(std::string_view word) {
  size_t i = 0;
  while (i < word.size()) {
    // One letter: ASCII, or any non-ASCII code point.
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      if (!IsAsciiAlpha(word[i])) return false;
      ++i;
    } else {
      ++i;
      while (i < word.size() && IsContinuationByte(word[i])) ++i;
    }
    if (i == word.size()) return true;
    if (word[i] != '.') return false;
    ++i;
  }
  return false;
}

// Opening quotes, brackets and emphasis markers in front of a word.
std::string_view TrimOpening(std::string_view word) {
  while (!word.empty()) {
    const char c = word.front();
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '*' || c == '_' ||
        c == '`') {
      word.remove_prefix(1);
      continue;
    }
    bool trimmed = false;
    for (std::string_view opening : {"\u2018", "\u201C", "\u00AB"}) {
      if (word.starts_with(opening)) {
        word.remove_prefix(opening.size());
        trimmed = true;
      }
    }
    if (!trimmed) break;
  }
  return word;
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
    // Most bytes are none of the candidates: ". ! ?" or the lead byte of a
    // full-width terminator (0xE3 for U+3002, 0xEF for U+FF01 and U+FF1F).
    // memchr skips to the next one (FindFirstOfBytes): testing each byte
    // in a loop was about 3 % of `proofgate check` (callgrind).
    i = FindFirstOfBytes(text, i, ".!?\xE3\xEF");
    if (i == std::string_view::npos) break;
    const char c = text[i];
    if (const size_t wide = WideTerminatorLength(text, i); wide > 0) {
      size_t end = i + wide;
      while (end < text.size()) {
        const size_t n = ClosingLength(text, end);
        if (n == 0) break;
        end += n;
      }
      Push(text, start, end, out);
      start = end;
      i = end - 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    // Runs such as "?!" or "..." end together.
    while (end < text.size() &&
           (text[end] == '.' || text[end] == '!' || text[end] == '?')) {
      ++end;
    }
    while (end < text.size()) {
      const size_t n = ClosingLength(text, end);
      if (n == 0) break;
      end += n;
    }
    if (end < text.size() && !IsSpace(text[end])) {
      i = end - 1;
      continue;  // "3.5", "v1.2", "example.com"
    }
    if (c == '.' && end == i + 1) {
      // The word before the period.
      size_t w = i;
      while (w > start && !IsSpace(text[w - 1]) && text[w - 1] != '(') --w;
      const std::string_view word = TrimOpening(text.substr(w, i - w));
      if (IsInitials(word) || IsAbbreviation(word)) continue;
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
