// The `prohibited` check: words, phrases and patterns a draft must not use.
//
// Rules: one per list, `prohibited/<list id>`, with the list's severity.
// The rule ids therefore come from the rulebook, not from this file; change
// a list's severity in the list itself (the check-level `severity:` map of
// the rules layer knows only fixed rule ids, while `severity: LEVEL` for the
// whole check works as for any check).
//
// Settings:
//   scope: which prose to scan, a list of `paragraphs`, `table_cells`,
//       `headings` (default: paragraphs and table cells). Paragraphs include
//       those in lists, block quotes and footnotes. Code spans, code blocks,
//       URLs (autolinks and bare URLs), link destinations, raw HTML and the
//       front matter are never scanned (see ProseBlock in document.h); link
//       text is.
//   front_matter_keys: front-matter keys whose string values are scanned
//       too, such as [description] (the meta description, published as the
//       search snippet); default none. A missing key, or one that is not a
//       string, is skipped. In a value, unless_after, skip_quoted (text
//       between quotation marks) and skip_questions (a value ending in
//       '?') apply; skip_first_person does not. A finding's range is the
//       match itself when the value's first line holds it verbatim (a
//       one-line plain or quoted value), else the whole value.
//   lists: (required) a list of term lists, each a map:
//       id:          (required) [a-z0-9_-]+, unique; the rule id's suffix
//       severity:    (required) error | warning | info
//       message:     (required) why the terms are unwanted, one sentence
//       ignore_case: (optional) true to match regardless of case (Unicode
//                    simple case folding); default false
//       terms:       words or phrases, each a string or a map
//                    {term: TEXT, suggest: REPLACEMENT}
//       patterns:    RE2 regular expressions, each a string or a map
//                    {pattern: REGEX, suggest: REPLACEMENT}
//       unless_after: (optional) words such as [not, "isn't"]: a match
//                    right after one of them (and whitespace) is not
//                    reported, for lists that mean only the affirmative
//                    use ("isn't 100% reliable" states a limit, not a
//                    claim); see PrecedingWords in term_set.h
//       unless_after_gap: (optional) how many words may stand between an
//                    unless_after word and the match, in the same clause
//                    (0 to 6, default 0): 4 reaches "you don't need to be
//                    an industry-leading expert"
//       skip_quoted: (optional) true to skip someone else's words: block
//                    quotes (not "> [!NOTE]" admonitions), turns of an
//                    interview transcript, text between quotation marks,
//                    and pages whose title names an interview, panel or
//                    Q&A (see checks/document/reported_speech.h)
//       skip_first_person: (optional) true to skip sentences in the first
//                    person singular: a personal account ("I am poised to
//                    dive into cutting-edge strategies"), not a product's
//                    claim
//       skip_questions: (optional) true to skip questions, which ask rather
//                    than assert
//     A list has at least one term or pattern. Matching follows TermSet
//     (term_set.h): terms on Unicode-aware word boundaries, patterns as
//     written. `extends` replaces the whole `lists` setting, not list by
//     list.
//
// Each match is one finding: the list's message with the matched text,
// the exact range of the match (Document::Locate), the line as excerpt, the
// replacement as `suggestion` (its first letter upper-cased when the match
// starts with a capital, all of it when the match is all capitals) and
// confidence 1. Within one list, a match inside another match of the same
// list is dropped ("master/slave" is one finding, not also "slave").
//
// Errors in the settings (unknown keys, wrong types, missing keys, duplicate
// ids, invalid patterns with RE2's own message) are reported at the
// file:line:col of the offending YAML node.
#ifndef PROOFGATE_CHECKS_PROHIBITED_PROHIBITED_CHECK_H_
#define PROOFGATE_CHECKS_PROHIBITED_PROHIBITED_CHECK_H_

#include "checks/check.h"

namespace proofgate {

// The check's registry entry. Thread-safe; the check it builds compiles all
// lists into one TermSet and is immutable, so Run() is const and may run on
// many drafts at once.
CheckSpec ProhibitedCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_PROHIBITED_PROHIBITED_CHECK_H_
