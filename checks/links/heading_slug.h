// Heading slugs: the `#fragment` a link uses to reach a section of a page.
//
// Slugs follow GitHub's rules (github-slugger, the algorithm GitHub uses for
// rendered Markdown and Hugo's default "github" anchor style):
//   1. lower-case the text;
//   2. remove every character that is not a letter, mark, number or
//      connector punctuation (such as '_') of any script, a hyphen or a space;
//   3. replace each space with '-' (runs are not collapsed: "a  b" -> "a--b");
//   4. on one page, the second heading with the same slug gets "-1", the
//      third "-2", and so on (HeadingSlugger).
//
// Lower-casing is the simple Unicode mapping for the cased scripts headings
// use in practice: Latin (ASCII, Latin-1, Latin Extended-A and Latin
// Extended Additional), Greek, Cyrillic, Armenian and fullwidth Latin.
// Letters of other cased scripts are kept as written, and Greek capital
// sigma always becomes 'σ' (JavaScript's final-sigma rule is not applied);
// scripts without case (CJK, Arabic, ...) are unaffected.
//
// Also here, since a link into a page can reach more than its headings:
// explicit heading ids ("## Setup {#install}", kramdown and Hugo syntax) and
// ids in the page's raw HTML (DocumentAnchors).
//
// Everything here is a pure function of its input, or (HeadingSlugger) a
// value type; all are safe to use from any number of threads.
#ifndef PROOFGATE_CHECKS_LINKS_HEADING_SLUG_H_
#define PROOFGATE_CHECKS_LINKS_HEADING_SLUG_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "checks/document/document.h"

namespace proofgate {

// GitHub's slug for `text` (UTF-8 plain heading text), before de-duplication:
// "What's new in 2.0?" -> "whats-new-in-20". Invalid UTF-8 bytes are dropped.
// May return "" (a heading of only punctuation or emoji).
std::string GitHubSlug(std::string_view text);

// Assigns anchors to one page's headings, in document order, as GitHub does:
// "Setup", "Setup", "Setup-1" -> "setup", "setup-1", "setup-1-1".
// Use one slugger per page. Not thread-safe (a plain value).
class HeadingSlugger {
 public:
  // The anchor of the next heading with text `text`.
  std::string Next(std::string_view text);

 private:
  // Slug -> how many times it was handed out beyond the first.
  std::map<std::string, int, std::less<>> occurrences_;
};

// A heading's text split from a trailing explicit id, the syntax kramdown
// (Jekyll) and Hugo use: "Install {#setup}", "Install {#setup .wide}" and
// "Install {: #setup}" give {"Install", "setup"}. The id is everything
// after '#' up to whitespace, '}' or '.'.
struct ExplicitHeadingId {
  std::string text;  // the heading text without the attribute list, trimmed
  std::string id;
};

// The explicit id at the end of `heading_text`, or nullopt when it has none.
std::optional<ExplicitHeadingId> SplitExplicitId(std::string_view heading_text);

// Whether the last character of `heading_text` before trailing whitespace
// (RE2's \s: space, \t, \n, \f, \r) is '}', as in every heading that
// ends in an attribute list or explicit id ("Install {#setup}"): the cheap
// test that spares the regular expressions of SplitExplicitId() and
// WithoutAttributeList() the many headings without one (together about
// 1.3 % of `proofgate check`'s instructions over the shared corpus). O(1)
// but for trailing whitespace.
bool EndsInBraces(std::string_view heading_text);

// Every fragment a `#link` into `doc` can reach, undecoded as the page
// writes them:
//   - each heading's anchor: its explicit id when it has one, else its
//     GitHub slug (headings with an explicit id do not take part in the
//     "-1" numbering, as in Hugo), and its separator-collapsing slug
//     (Zola, Jekyll, Astro: CollapsedSlug() in generator_slugs.h), each of
//     the heading text without a trailing attribute list; a heading whose slug
//     is empty (only punctuation, such as "$?") also gets "section", then
//     "section-1", "section-2"..., the names Markdig gives them (docfx,
//     Microsoft Learn);
//   - `id="..."` on any HTML tag and `name="..."` on `<a>` tags, anywhere in
//     the raw file (a code sample that shows such a tag counts too: this errs
//     toward reaching, never toward a false "broken" report);
//   - kramdown block attributes `{: #id}` and `{#id}` anywhere in the file.
// O(file size).
std::set<std::string, std::less<>> DocumentAnchors(const Document& doc);

// Decodes %XX escapes ("caf%C3%A9" -> "café"); malformed escapes are kept
// as written.
std::string PercentDecode(std::string_view s);

// Looking up a link's fragment among a page's anchors.
struct AnchorLookup {
  bool found = false;
  std::string decoded;  // the fragment, percent-decoded
  // When not found: the existing anchor the fragment names after a case or
  // punctuation slip ("Getting-Started!" -> "getting-started"), else the
  // anchor closest to the fragment's slug by edit distance, within a
  // quarter of its length and at least 2 ("need-to-registered" ->
  // "need-to-be-registered"), or "".
  std::string suggestion;
  // Whether `suggestion` is the fragment's own slug (a case or punctuation
  // slip, so the heading meant is on this page) rather than the closest.
  bool slip = false;
};

// Whether `fragment` (the text after '#', as written) names one of
// `anchors` (DocumentAnchors): it must equal one exactly, decoded or as
// written (anchors are case-sensitive in browsers). The caller handles
// "", "top" and templated fragments, which always resolve.
AnchorLookup LookUpAnchor(const std::set<std::string, std::less<>>& anchors,
                          std::string_view fragment);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_LINKS_HEADING_SLUG_H_
