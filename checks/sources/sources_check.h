// The `sources` check: source completeness. Quoted speech needs a source,
// footnotes need both ends, a draft's declared sources need citing, and
// citations should come from hosts the rulebook trusts.
//
// Rules (default severity, confidence):
//   sources/unattributed-quote (warning, 0.9) a quotation attributed to a
//       person or organisation (quotations.h: an inline "…," said Jane
//       Doe, or a block quote with an attribution line or a "Jane said:"
//       lead-in) with no source nearby: no link, footnote reference or
//       written citation in the sentences of the quote and its attribution
//       or the next sentence (checks/matching/source_nearby.h, the same
//       notion the claims check uses). Callouts ("> **Note**", "> [!NOTE]"),
//       quoted UI strings, error messages and short quoted terms are not
//       quotations; nor are the quotes of interview and panel pages
//       (reported_speech.h), which are the page's own reporting.
//   sources/orphan-footnote (error, 1.0) a footnote reference "[^x]" with
//       no definition (cmark-gfm leaves it as text: reported where it
//       stands, outside code), or a definition "[^x]: …" nothing
//       references (document/footnote_definitions.h).
//   sources/uncited-source (warning, 1.0) an entry of the front matter's
//       `sources:` list (a URL, or a map with `url` and optional `title`)
//       that no link of the text points to. Links compare without a
//       trailing "/" or a "#fragment", scheme and host case-insensitively.
//   sources/untrusted-source (warning, 0.5: routes the draft to review) a
//       link used as a citation whose host is outside `trusted_sources`
//       (when the rulebook gives that list) or inside `untrusted_sources`.
//       Citations are: links in a footnote's text, the links that source
//       a quotation, the front matter's `sources:` entries, and links in a
//       sentence that says it cites ("according to", "source:", "cited",
//       "reports", "a study by"). Relative links and links to `own_hosts`
//       are the site's own pages, never judged.
//
// Settings (all optional):
//   quotes: true|false           report unattributed quotes (default true)
//   footnotes: true|false        report orphan footnotes (default true)
//   quote_min_words: N           words a quoted passage needs to count as
//                                a quotation (1..100, default 6: shorter
//                                quoted text is a term, label or title)
//   front_matter_key: KEY        the front-matter list of sources (default
//                                "sources"; a non-empty string)
//   trusted_sources: [host, ...] the allow-list ("www.sec.gov", or
//                                ".gov" for a domain and its subdomains)
//   untrusted_sources: [host, ...] the deny-list, same entries
//   own_hosts: [host, ...]       the site's own hosts (never untrusted)
// A host in both lists, or a bad entry, is an error at its file:line:col.
//
// Patterns are RE2, compiled once; Run() is const and thread-safe.
#ifndef PROOFGATE_CHECKS_SOURCES_SOURCES_CHECK_H_
#define PROOFGATE_CHECKS_SOURCES_SOURCES_CHECK_H_

#include "checks/check.h"

namespace proofgate {

// The registry entry: name "sources", the four rules above, and a factory
// that validates the settings above (errors through Settings, at the
// offending value). Cheap to call; the check it builds is immutable.
CheckSpec SourcesCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_SOURCES_SOURCES_CHECK_H_
