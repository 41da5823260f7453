// The `terminology` check: a brand's spelling of its terms, and one
// spelling of each term within a draft.
//
// Rules (default severity warning):
//   terminology/preferred     a variant the rulebook lists under a
//                             preferred term ("Javascript" for
//                             "JavaScript"); suggests the preferred term
//                             exactly as written in the rulebook
//   terminology/inconsistent  a second spelling of a term the draft already
//                             spells another way: "e-mail" after "email",
//                             "user name" after "username", UK after
//                             US spelling ("colour" after "color"); the
//                             families are in variant_families.h
//
// Settings (all optional):
//   preferred: a map, preferred term -> its unwanted variants (a list, or
//       one string): {JavaScript: [Javascript, javascript, Java Script]}.
//       Variants match as written (case-sensitive: list each casing you
//       mean), on word boundaries, whitespace inside a variant matching any
//       whitespace run; never the preferred term itself.
//   consistency: true to report terminology/inconsistent (default false).
//       The first form a draft uses wins, unless a preferred term of the
//       rulebook is a form of the family ("email: [e-mail]" makes "email"
//       win). Matching ignores case and the suggestion follows the case of
//       what it replaces ("E-mail" -> "Email"). Names keep their spelling
//       and neither count nor are reported: a capitalised form inside a
//       sentence ("the Plugin directory", "Data Center"), an identifier
//       with a capital inside ("UserName"), an emphasised term
//       ("**Timestamp**", a UI label). So does a spelling the draft tells
//       its spell checker to accept ("cSpell:ignore: behaviour" on an
//       Erlang page, where "behaviour" is the language's word;
//       spelling_directives.h).
//
// A match that is part of a path, host, handle or identifier is left alone:
// next to "/", "@", "_", "#", after "." or "-", or before ".", "-" or ":"
// and a letter or digit, after "=" ("kubernetes/enhancements",
// "github.com", "kubernetes-sigs", "lang=javascript"), or inside templating
// ("{{% tab lang=javascript %}}").
//
// Scanned: paragraphs (also in lists, quotes and footnotes), table cells,
// headings and link text. Never code, URLs, link destinations, raw HTML or
// the front matter (the document model leaves them out of prose, see
// ProseBlock in checks/document/document.h). Matching is TermSet's
// (checks/document/term_set.h), as for `prohibited`: one RE2::Set pass over
// each block.
//
// Every finding carries the exact replacement as `suggestion` and, when the
// file holds the matched text verbatim (no markup or escapes inside it), a
// safe `fix` (checks/finding.h) that `proofgate fix` applies.
//
// Errors in the settings (wrong types, empty terms, a variant equal to its
// preferred term or listed under two) are reported at file:line:col.
#ifndef PROOFGATE_CHECKS_TERMINOLOGY_TERMINOLOGY_CHECK_H_
#define PROOFGATE_CHECKS_TERMINOLOGY_TERMINOLOGY_CHECK_H_

#include "checks/check.h"

namespace proofgate {

// The check's registry entry. The check is immutable; Run() is
// thread-safe.
CheckSpec TerminologyCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_TERMINOLOGY_TERMINOLOGY_CHECK_H_
