#include "checks/readability/flesch.h"

#include "checks/readability/reader_words.h"
#include "checks/readability/syllables.h"

namespace proofgate {

TextCounts CountSentence(std::string_view sentence) {
  TextCounts counts;
  ForEachReaderWord(sentence, [&](std::string_view word) {
    ++counts.words;
    counts.syllables += CountSyllables(word);
  });
  counts.sentences = counts.words > 0 ? 1 : 0;
  return counts;
}

double FleschReadingEase(const TextCounts& c) {
  if (c.words == 0 || c.sentences == 0) return 0;
  const double words = static_cast<double>(c.words);
  return 206.835 - 1.015 * (words / static_cast<double>(c.sentences)) -
         84.6 * (static_cast<double>(c.syllables) / words);
}

double FleschKincaidGrade(const TextCounts& c) {
  if (c.words == 0 || c.sentences == 0) return 0;
  const double words = static_cast<double>(c.words);
  return 0.39 * (words / static_cast<double>(c.sentences)) +
         11.8 * (static_cast<double>(c.syllables) / words) - 15.59;
}

}  // namespace proofgate
