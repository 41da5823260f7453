// The Flesch readability formulas over counts of words, sentences and
// syllables (English).
//
// Reading ease (Flesch, "A new readability yardstick", Journal of Applied
// Psychology 32(3), 1948):
//   206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
// 100 is very easy; 60-70 plain English; 0-30 "very difficult", the band
// of college graduates in Flesch's table.
// Grade level (Kincaid, Fishburne, Rogers, Chissom, "Derivation of new
// readability formulas ... for Navy enlisted personnel", Research Branch
// Report 8-75, 1975):
//   0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
// a US school grade: 12 is the last year of high school, 16 a college
// graduate.
// Syllables come from CountSyllables (syllables.h).
#ifndef PROOFGATE_CHECKS_READABILITY_FLESCH_H_
#define PROOFGATE_CHECKS_READABILITY_FLESCH_H_

#include <string_view>

namespace proofgate {

struct TextCounts {
  long long words = 0;
  long long sentences = 0;
  long long syllables = 0;
};

// The counts of one sentence of prose: its ReaderWords() and their
// syllables; sentences is 1 when it has a word, else 0. Pure; thread-safe.
TextCounts CountSentence(std::string_view sentence);

// Flesch reading ease of `counts`; 0 when it has no word or sentence.
double FleschReadingEase(const TextCounts& counts);

// Flesch-Kincaid grade level of `counts`; 0 when it has no word or sentence.
double FleschKincaidGrade(const TextCounts& counts);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_READABILITY_FLESCH_H_
