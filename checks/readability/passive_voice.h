// A sentence in the passive voice, by the heuristic most style checkers use
// (Yoast SEO's English assessment, GNU style(1), write-good): a form of
// "be" (am, is, are, was, were, be, been, being, and their negative
// contractions), then up to two adverbs ("not", "also", "always", words in
// -ly), then a past participle: a word in "-ed" (but not one of a few
// words that only look like one: "need", "speed", "hundred", "indeed"…)
// or one of about 140 irregular participles ("written", "built", "shown",
// "set", "run"…; the list is in passive_voice.cc). Case-insensitive.
//
// It misses passives without "be" ("got deleted", "had it fixed") and
// counts some adjectives after "be" ("is interested", "are tired"), as those
// tools do; as a share of a draft's sentences the errors are small.
#ifndef PROOFGATE_CHECKS_READABILITY_PASSIVE_VOICE_H_
#define PROOFGATE_CHECKS_READABILITY_PASSIVE_VOICE_H_

#include <string_view>

namespace proofgate {

// Whether `sentence` (plain text, UTF-8) has a passive construction as
// above. O(size). Pure; thread-safe.
bool IsPassive(std::string_view sentence);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_READABILITY_PASSIVE_VOICE_H_
