// The words a draft tells its spell checker to accept: cSpell's
// in-document settings, which cSpell reads wherever the file writes them
// (its InDocSettings: "cSpell:" or "spell-checker:", then `words` or
// `ignore` and the words, separated by spaces or commas, to the end of
// the line). The OpenTelemetry site writes them as a front-matter key
// ("cSpell:ignore: behaviour defmodule healthcheck", docs/languages/
// erlang/sampling.md, whose front matter notes that "behaviour" is
// Erlang's spelling) or in an HTML comment ("<!-- cSpell:ignore
// Signoz -->"); a YAML comment or any other line counts the same.
//
// A spelling listed there is the writers' deliberate choice for that page,
// which is why the terminology check neither counts nor reports it (README,
// "Rulebook reference: terminology").
#ifndef PROOFGATE_CHECKS_TERMINOLOGY_SPELLING_DIRECTIVES_H_
#define PROOFGATE_CHECKS_TERMINOLOGY_SPELLING_DIRECTIVES_H_

#include <set>
#include <string>
#include <string_view>

namespace proofgate {

// Every word the cSpell directives in `bytes` (a whole draft) accept,
// ASCII lower-cased, as cSpell compares them; empty when there are none.
// One linear pass (RE2) over `bytes`. Never fails: text that is not a
// directive is no directive. Thread-safe.
std::set<std::string> SpellingAccepted(std::string_view bytes);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_TERMINOLOGY_SPELLING_DIRECTIVES_H_
