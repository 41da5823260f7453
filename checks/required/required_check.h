// The `required` check: "if the draft is about A, it must say B", such as
// the risk disclaimer investment content needs or the disclosure an
// affiliate link needs (the FTC's endorsement guides).
//
// Rules: one per entry of `rules`, `required/<id>`, with the entry's
// severity (default error). As for `prohibited`, the rule ids come from
// the rulebook.
//
// Settings:
//   rules: (required) a non-empty list of maps:
//     id:       (required) [a-z0-9_-]+, unique; the rule id's suffix
//     when:     (required) what makes the rule apply: terms, patterns,
//               ignore_case, min_terms, front_matter, paths, links_to
//               (checks/matching/trigger.h)
//     must:     (required) what the draft must then contain, a map:
//       text:         literal text (a term: word boundaries, whitespace
//                     runs match any whitespace), or
//       pattern:      an RE2 regular expression (text or pattern, or both:
//                     either one found suffices);
//       ignore_case:  for text and pattern; default false
//       section:      heading text: text/pattern must be inside that
//                     section (from the heading to the next heading of the
//                     same or a higher level; headings compared with
//                     whitespace folded and ASCII case ignored); alone,
//                     the section itself must exist
//       within_words: N (1 to 1000): text/pattern must occur within N
//                     words of EVERY prose trigger (needs when.terms or
//                     when.patterns); words between the two are counted
//                     across paragraphs
//       front_matter: a key the front matter must have, with a non-empty
//                     value (alone: not with text, pattern or section)
//       suggest:      the exact text to suggest (default: `text`)
//     severity: error | warning | info; default error
//     message:  why, one sentence; default "This draft needs the text the
//               rulebook requires for this topic."
//
// `must` text and patterns are looked for in paragraphs, table cells and
// headings with templating masked (MaskTemplating): text present only in a
// code block or span, an HTML comment, a shortcode or a Liquid tag does
// not count. At most one finding per rule and draft, at the first trigger
// (for within_words, the first trigger with no `must` near it), saying what
// is missing, with the exact text as `suggestion`; confidence 1.
//
// Errors (unknown keys, wrong types, missing keys, duplicate ids, invalid
// patterns with RE2's message, bad globs, within_words without prose
// triggers) are reported at the file:line:col of the offending YAML node.
#ifndef PROOFGATE_CHECKS_REQUIRED_REQUIRED_CHECK_H_
#define PROOFGATE_CHECKS_REQUIRED_REQUIRED_CHECK_H_

#include "checks/check.h"

namespace proofgate {

// The check's registry entry. Thread-safe; the check it builds compiles all
// triggers into one TermSet and all `must` texts into another, is
// immutable, and may run on many drafts at once.
CheckSpec RequiredCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_REQUIRED_REQUIRED_CHECK_H_
