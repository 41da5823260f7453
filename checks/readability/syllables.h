// Syllables of an English word, estimated from its spelling, for the
// Flesch formulas.
//
// The method is the vowel-group count of Talburt ("The Flesch index: An
// easily programmable readability analysis algorithm", SIGDOC 1986), as
// GNU style(1) and most readability tools use it: each run of vowels
// (a e i o u y) is one syllable, then
//   - a final silent "e" is not one ("make", "sentence"), except in a
//     consonant + "le" ending ("table", "simple");
//   - a final "-ed" is not one unless after "t" or "d" ("used", "stored";
//     "created" keeps it), nor a final "-es" unless after s, x, z, ch, sh,
//     g or c ("makes"; "boxes", "pages" keep it);
//   - a vowel before a final "-ing" is its own syllable ("being", "doing");
//   - every word has at least one syllable.
// The estimate agrees with the dictionary for most words and errs by one on
// some ("Australian": 3, a dictionary says 4), as Flesch's own counts in the
// worked examples cited in the tests do. Words with no ASCII letters
// (numbers, other scripts) count one syllable.
#ifndef PROOFGATE_CHECKS_READABILITY_SYLLABLES_H_
#define PROOFGATE_CHECKS_READABILITY_SYLLABLES_H_

#include <string_view>

namespace proofgate {

// Estimated syllables of `word` (a ReaderWords() word; punctuation and
// digits in it are ignored, hyphenated parts are summed). At least 1.
// Pure; thread-safe.
int CountSyllables(std::string_view word);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_READABILITY_SYLLABLES_H_
