// The `headings` check: a draft's outline is well-formed.
//
// Rules (default severity):
//   headings/multiple-h1   (error)   more than one H1 in the body
//   headings/first-not-h1  (warning) the first heading is not an H1 and no
//                                    front-matter title stands in for it
//   headings/skipped-level (error)   a heading more than one level deeper
//                                    than the one before (H2 then H4)
//   headings/empty         (error)   a heading with no text
//   headings/duplicate     (warning) the same text twice under one parent
//   headings/max-depth     (warning) deeper than `max_depth`
//   headings/required      (error)   a required section missing or out of
//                                    order
//
// The outline. multiple-h1, skipped-level, max-depth and first-not-h1
// look at outline headings only (markdownlint's MD001 and MD025 look at
// every heading, which agrees wherever the headings are real sections).
// Not outline:
//   - headings inside a tab, details or aside (Document::scopes(): Hugo
//     and Liquid tabs, MDX <Tabs>, ":::note", "> [!NOTE]"), which title
//     that box, not a section of the page;
//   - callout labels: a heading whose whole text is an admonition label
//     (IsAdmonitionLabel(): Note, Tip, Warning, Important, Caution...),
//     the way some writers style an admonition ("##### Note");
//   - markers: one lower-case token of three or more hyphen-joined parts
//     with a digit, written without code ("###### sbb-itb-4f1a2b3");
//   - quoted headings: inside a Markdown block quote that is not an
//     admonition (BlockVoices() says kBlockQuote), someone else's text
//     such as a GitHub comment quoted with its own "#### autodiff".
// Declared levels. After a markdownlint directive that disables MD001
// ("<!-- markdownlint-disable heading-increment -->", also "MD001",
// "header-increment", or no rule named; "-file" from line 1) and up to the
// matching markdownlint-enable, the writer has said the heading levels are
// a style choice: no skipped-level and no max-depth findings there (the
// OpenTelemetry blog's H5 link labels under an H2).
//
// A heading's text is Heading::visible_text: templating left out, code and
// image alt text kept (a heading that is only an image with alt text is
// not empty). Suggestions rewrite the heading as written, code backticks
// and links included ("### `--force`").
//
// Duplicates. The same text (compared case-insensitively, blanks folded)
// under the same parent heading is a duplicate only within the same scope:
// the same "Install" once per language tab is by design. Nor is a heading
// that follows its own sibling when the two siblings name variants of one
// series ("Example request: Create" / "Example response", then "Example
// request: Delete" / "Example response": each response answers the request
// above it; the series label is the text before a colon, a number left
// out ("Example 1: Simple" / "Example 2: Complex"), or "example" for an
// example named in words ("Example with a stored payload" / "Example
// without a stored payload"); the siblings differ and neither repeats), nor one
// led by its own step label, a bold-only paragraph between it and the heading
// before ("**Step 3: Ingest a document**" / "#### Response") that differs from
// the first occurrence's. Callout labels, markers and quoted headings are never
// duplicates.
//
// Settings (all optional):
//   front_matter_title: the front-matter key whose value is the page title
//       and so counts as the H1 (default "title"; "" turns this off). With
//       a title there, the body may start at H2, and skipped-level counts
//       from H1.
//   front_matter_title_level: 1..5 (default 1): the level the site renders
//       the front-matter title at. The Rust blog (Zola) renders it as an
//       <h2>, so its posts start at H3: with 2 the body may start at H3 and
//       skipped-level counts from H2.
//   max_depth: 1..6 (default 6, i.e. no limit).
//   required: list of section titles that must appear as headings, in this
//       order (compared case-insensitively, surrounding spaces ignored).
#ifndef PROOFGATE_CHECKS_HEADINGS_HEADINGS_CHECK_H_
#define PROOFGATE_CHECKS_HEADINGS_HEADINGS_CHECK_H_

#include "checks/check.h"

namespace proofgate {

CheckSpec HeadingsCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_HEADINGS_HEADINGS_CHECK_H_
