#include "checks/readability/syllables.h"

#include <cstddef>

namespace proofgate {

namespace {

// What a byte of a word is to the count: a lower-cased letter (its class
// says whether a vowel: a e i o u y), a part separator ('-' or '/'), or
// nothing (apostrophes, digits, punctuation, bytes of other scripts).
enum ByteClass : unsigned char { kOther, kConsonant, kVowel, kSeparator };

struct ByteTable {
  ByteClass kind[256] = {};
  char lower[256] = {};
  constexpr ByteTable() {
    for (int c = 'a'; c <= 'z'; ++c) {
      const bool vowel =
          c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
      kind[c] = kind[c - 'a' + 'A'] = vowel ? kVowel : kConsonant;
      lower[c] = lower[c - 'a' + 'A'] = static_cast<char>(c);
    }
    kind[static_cast<unsigned char>('-')] = kSeparator;
    kind[static_cast<unsigned char>('/')] = kSeparator;
  }
};

constexpr ByteTable kTable;

bool IsVowel(char c) {
  return kTable.kind[static_cast<unsigned char>(c)] == kVowel;
}

// One run of letters, read a letter at a time: its vowel groups, its
// length and its last four letters (back[0] the last), which are all the
// ending rules look at.
struct Part {
  int groups = 0;
  bool in_vowels = false;
  size_t n = 0;
  char back[4] = {0, 0, 0, 0};

  void Add(char lower, bool vowel) {
    if (vowel && !in_vowels) ++groups;
    in_vowels = vowel;
    back[3] = back[2];
    back[2] = back[1];
    back[1] = back[0];
    back[0] = lower;
    ++n;
  }

  // Syllables of the run (0 when empty), after the ending rules.
  int Syllables() const {
    if (n == 0) return 0;
    int g = groups;
    const bool ed = n >= 2 && back[1] == 'e' && back[0] == 'd';
    const bool es = n >= 2 && back[1] == 'e' && back[0] == 's';
    if (n > 2 && back[0] == 'e' && !IsVowel(back[1])) {
      // Silent final e, except consonant + "le".
      if (!(back[1] == 'l' && n > 3 && !IsVowel(back[2]))) --g;
    } else if (n > 3 && (ed || es) && !IsVowel(back[2])) {
      const char before = back[2];
      const bool voiced_ed = ed && (before == 't' || before == 'd');
      const bool voiced_es =
          es && (before == 's' || before == 'x' || before == 'z' ||
                 before == 'g' || before == 'c' ||
                 (before == 'h' && (back[3] == 'c' || back[3] == 's')));
      if (!voiced_ed && !voiced_es) --g;
    }
    if (n > 4 && back[2] == 'i' && back[1] == 'n' && back[0] == 'g' &&
        IsVowel(back[3])) {
      ++g;
    }
    return g < 1 ? 1 : g;
  }
};

}  // namespace

int CountSyllables(std::string_view word) {
  int total = 0;
  // Words longer than kMaxPart letters (no real word is) are counted on
  // their first kMaxPart letters.
  constexpr size_t kMaxPart = 64;
  Part part;
  bool letters = false;
  for (char c : word) {
    const unsigned char b = static_cast<unsigned char>(c);
    switch (kTable.kind[b]) {
      case kConsonant:
      case kVowel:
        if (part.n < kMaxPart) part.Add(kTable.lower[b], kTable.kind[b] == kVowel);
        letters = true;
        break;
      case kSeparator:
        total += part.Syllables();
        part = Part();
        break;
      case kOther:
        // Apostrophes, digits and other punctuation add nothing ("it's"
        // is read as one syllable, "end." as "end").
        break;
    }
  }
  total += part.Syllables();
  if (!letters) return 1;
  return total < 1 ? 1 : total;
}

}  // namespace proofgate
