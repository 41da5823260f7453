// The `readability` check: sentence and paragraph length, Flesch reading
// ease and Flesch-Kincaid grade, and the share of passive sentences.
//
// Rules (default severity warning; each threshold 0 turns its rule off):
//   readability/sentence-length   a sentence over `max_sentence_words`
//   readability/paragraph-length  a paragraph over `max_paragraph_words`
//   readability/reading-ease      the draft's Flesch reading ease under
//                                 `min_flesch_reading_ease`
//   readability/grade-level       the draft's Flesch-Kincaid grade over
//                                 `max_grade_level`
//   readability/passive-voice     the share of passive sentences over
//                                 `max_passive_percent`
//
// Settings (all optional; defaults and their sources):
//   max_sentence_words: 30. Yoast SEO flags a text when more than 25 % of
//       its sentences have over 20 words; 30 (the contract example)
//       reports each sentence that is long by any guide's measure.
//   max_paragraph_words: 150 (Yoast SEO's paragraph length assessment).
//   min_flesch_reading_ease: 30. Flesch's table calls 0-30 "very
//       difficult" (college graduates); Yoast SEO marks a text under 30 red.
//   max_grade_level: 16 (Flesch-Kincaid grade of a college graduate, the
//       same band as a reading ease of 30).
//   max_passive_percent: 10 (Yoast SEO: at most 10 % passive sentences).
//   min_words: 200. The draft-level rules (reading-ease, grade-level,
//       passive-voice) judge drafts of at least this many words of prose:
//       on a few sentences one long word or one passive swings the score.
//
// What counts as prose: paragraphs of running text, not in a list, a block
// quote or a table (nor rows of one Markdown did not read as a table: three
// or more "|"), nor headings, nor the turns of an interview transcript
// or of a page reporting an interview, panel or Q&A
// (checks/document/reported_speech.h): lists and tables hold fragments, and
// quotes and transcripts are someone else's words. Words are counted as a
// reader would (reader_words.h: URLs, templating and code left out, a number is
// one word); sentences come from the document model (checks/document/
// sentences.h); syllables, the formulas and the passive heuristic are in
// syllables.h, flesch.h and passive_voice.h.
//
// Metrics, reported for every draft whether or not a rule fires (the proof
// record's "what was checked"): words, sentences, syllables,
// average_sentence_words, flesch_reading_ease, flesch_kincaid_grade,
// passive_sentences, passive_percent, long_sentences, long_paragraphs.
//
// Errors in the settings (wrong types, out of range) are reported at the
// file:line:col of the value.
#ifndef PROOFGATE_CHECKS_READABILITY_READABILITY_CHECK_H_
#define PROOFGATE_CHECKS_READABILITY_READABILITY_CHECK_H_

#include <string_view>

#include "checks/check.h"
#include "checks/document/document.h"

namespace proofgate {

// The check's registry entry. The check is immutable; Run() and
// RunMeasured() are thread-safe.
CheckSpec ReadabilityCheckSpec();

// Whether `block` is running prose as above, its voice aside: a paragraph
// that is not in a list (its first line starts with a list marker or is
// indented), a block quote or a table. Pure; thread-safe.
bool IsRunningProse(const Document& doc, const ProseBlock& block);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_READABILITY_READABILITY_CHECK_H_
