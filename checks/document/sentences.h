// Sentence splitting for prose, tuned for technical writing.
//
// A sentence ends at '.', '!' or '?' (or a run of them, such as "?!" or
// "...", optionally followed by closing quotes or brackets, ASCII or ’ ” »)
// when whitespace and then a capital letter, digit, opening quote or
// bracket, any non-ASCII character, or the end of the text follows. It
// also ends at the full-width 。！？ of Chinese and Japanese, space or not.
// Not an end: common abbreviations ("e.g.", "i.e.", "etc.", "vs.", "Dr."),
// initials ("J. Smith", "U.S. Army"), decimals ("3.5") and version strings
// ("v1.2"), since those are what break naive splitters on documentation.
// The cost: a sentence that really ends with one of those ("... in the
// U.S. Then ...") runs on into the next one.
#ifndef PROOFGATE_CHECKS_DOCUMENT_SENTENCES_H_
#define PROOFGATE_CHECKS_DOCUMENT_SENTENCES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace proofgate {

// A sentence as byte offsets [begin, end) into the text it came from,
// trimmed of surrounding whitespace; never empty.
struct SentenceSpan {
  size_t begin = 0;
  size_t end = 0;
};

// Splits `text` (UTF-8) into sentences. O(size).
std::vector<SentenceSpan> SplitSentences(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_SENTENCES_H_
