// Where a page credits its author other than in a front-matter key.
//
// Blogs name a post's author in more places than the `author` key that a
// rulebook's `required` list asks for; a post that credits its author in
// one of them is listed with its author, so metadata/missing-key must not
// fail it (judged in tests/precision/labels/metadata.tsv):
//   - a byline at the top of the body: "**Author:** Grace Nguyen",
//     "**Authors:** ...", "**Author**: ...", "**Authors & Interviewers:**
//     ...", "Author: ...", "By: ..." (the Kubernetes contributor blog's
//     convention from 2022 on, kubernetes-contributor-site/blog/2022/*.md),
//     or a line that is only "By" and capitalised names ("By Chris Metz
//     and Tim Bannister"; "By default, ..." is not one);
//   - a link-out stub: a post whose front matter names the original it
//     summarises (`canonical_url`, `canonicalURL` or `canonical`), which
//     credits the author there (the OpenTelemetry blog's Medium posts,
//     opentelemetry-docs/blog/2021/malabi.md).
#ifndef PROOFGATE_CHECKS_METADATA_AUTHOR_CREDIT_H_
#define PROOFGATE_CHECKS_METADATA_AUTHOR_CREDIT_H_

#include <string>
#include <string_view>

#include "checks/document/document.h"

namespace proofgate {

// How many non-blank lines at the top of the body a byline may be in:
// the Kubernetes posts put it on the first line after the front matter,
// some after a logo image or a rule ("---").
inline constexpr int kBylineMaxLines = 3;

// True when one of the first kBylineMaxLines non-blank lines after the
// front matter is a byline (see above): an author label, optionally
// emphasised, then a colon and a name. Case-insensitive. O(bytes of those
// lines). Thread-safe.
bool BodyHasByline(const Document& doc);

// The value of the front matter's first non-empty canonical URL key
// (canonical_url, canonicalURL or canonical, any case): the address of the
// original the page stands for ("https://medium.com/opentelemetry/..."),
// or "" when there is none. O(keys). Thread-safe.
std::string CanonicalUrl(const Document& doc);

// True when CanonicalUrl(doc) is not empty: the page stands for an
// original published elsewhere. O(keys). Thread-safe.
bool LinksOutToOriginal(const Document& doc);

// True when `key` names a page's author ("author", "authors", any case).
bool IsAuthorKey(std::string_view key);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_METADATA_AUTHOR_CREDIT_H_
