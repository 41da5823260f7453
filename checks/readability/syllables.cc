#include "checks/readability/syllables.h"

#include <string>

#include "checks/ascii.h"

namespace proofgate {

namespace {

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Syllables of one lower-case run of ASCII letters.
int PartSyllables(std::string_view w) {
  if (w.empty()) return 0;
  int groups = 0;
  bool in_vowels = false;
  for (char c : w) {
    const bool vowel = IsVowel(c);
    if (vowel && !in_vowels) ++groups;
    in_vowels = vowel;
  }
  const size_t n = w.size();
  auto ends = [&](std::string_view tail) { return w.ends_with(tail); };
  if (n > 2 && w[n - 1] == 'e' && !IsVowel(w[n - 2])) {
    // Silent final e, except consonant + "le".
    if (!(w[n - 2] == 'l' && n > 3 && !IsVowel(w[n - 3]))) --groups;
  } else if (n > 3 && (ends("ed") || ends("es")) && !IsVowel(w[n - 3])) {
    const char before = w[n - 3];
    const bool voiced_ed = ends("ed") && (before == 't' || before == 'd');
    const bool voiced_es =
        ends("es") && (before == 's' || before == 'x' || before == 'z' ||
                       before == 'g' || before == 'c' ||
                       (before == 'h' && (w[n - 4] == 'c' || w[n - 4] == 's')));
    if (!voiced_ed && !voiced_es) --groups;
  }
  if (n > 4 && ends("ing") && IsVowel(w[n - 4])) ++groups;
  return groups < 1 ? 1 : groups;
}

}  // namespace

int CountSyllables(std::string_view word) {
  int total = 0;
  // A run of letters, lower-cased; words longer than the buffer (no real
  // word is) are counted on their first kMaxPart letters.
  constexpr size_t kMaxPart = 64;
  char buffer[kMaxPart];
  size_t size = 0;
  bool letters = false;
  auto flush = [&] {
    total += PartSyllables(std::string_view(buffer, size));
    size = 0;
  };
  for (char c : word) {
    const char lower = AsciiLower(c);
    if (lower >= 'a' && lower <= 'z') {
      if (size < kMaxPart) buffer[size++] = lower;
      letters = true;
    } else if (c == '-' || c == '/') {
      flush();
    }
    // Apostrophes, digits and other punctuation add nothing ("it's" is
    // read as one syllable, "end." as "end").
  }
  flush();
  if (!letters) return 1;
  return total < 1 ? 1 : total;
}

}  // namespace proofgate
