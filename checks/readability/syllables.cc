#include "checks/readability/syllables.h"

#include <cstddef>
#include <cstdint>

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
// length and its last four letters, packed into `back` (the last in the
// low byte), which are all the ending rules look at.
struct Part {
  int groups = 0;
  bool in_vowels = false;
  size_t n = 0;
  uint32_t back = 0;

  void Add(char lower, bool vowel) {
    if (vowel && !in_vowels) ++groups;
    in_vowels = vowel;
    back = (back << 8) | static_cast<unsigned char>(lower);
    ++n;
  }

  // The letter `k` places before the last (0: the last).
  char Back(int k) const { return static_cast<char>(back >> (8 * k)); }

  // Syllables of the run (0 when empty), after the ending rules.
  int Syllables() const {
    if (n == 0) return 0;
    int g = groups;
    const char c0 = Back(0), c1 = Back(1), c2 = Back(2), c3 = Back(3);
    const bool ed = n >= 2 && c1 == 'e' && c0 == 'd';
    const bool es = n >= 2 && c1 == 'e' && c0 == 's';
    if (n > 2 && c0 == 'e' && !IsVowel(c1)) {
      // Silent final e, except consonant + "le".
      if (!(c1 == 'l' && n > 3 && !IsVowel(c2))) --g;
    } else if (n > 3 && (ed || es) && !IsVowel(c2)) {
      const bool voiced_ed = ed && (c2 == 't' || c2 == 'd');
      const bool voiced_es =
          es && (c2 == 's' || c2 == 'x' || c2 == 'z' || c2 == 'g' ||
                 c2 == 'c' || (c2 == 'h' && (c3 == 'c' || c3 == 's')));
      if (!voiced_ed && !voiced_es) --g;
    }
    if (n > 4 && c2 == 'i' && c1 == 'n' && c0 == 'g' && IsVowel(c3)) ++g;
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
        if (part.n < kMaxPart) {
          part.Add(kTable.lower[b], kTable.kind[b] == kVowel);
        }
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
