// Heading anchors as site generators other than GitHub make them, and the
// pages whose anchors a draft alone cannot tell.
//
// GitHubSlug() (heading_slug.h) is GitHub's and Hugo's default. Zola (the
// `slug` crate) and Jekyll's and Astro's sluggers differ in ways a link
// follows: every run of characters other than ASCII letters and digits
// becomes one '-', with none at either end ("I'd like..." -> "i-d-like",
// "`Cargo.toml` fields" -> "cargo-toml-fields"), and characters outside
// ASCII are transliterated (deunicode: "👩‍💻" -> "woman-technologist",
// "é" -> "e") by tables this project does not carry. A link that matches
// any of these is taken as reaching its heading: a link checker errs
// toward reaching, never toward a false "broken" report.
//
// Measured on the shared corpora (tests/precision/labels/links.tsv): 17 of
// the 28 broken-anchor findings judged false were Zola slugs of the Rust
// blog, 9 anchors made by Hugo includes and shortcodes, and 1 a heading
// with a Hugo attribute list ("{.notranslate lang=en}").
//
// Everything here is a pure function: safe from any number of threads.
#ifndef PROOFGATE_CHECKS_LINKS_GENERATOR_SLUGS_H_
#define PROOFGATE_CHECKS_LINKS_GENERATOR_SLUGS_H_

#include <string>
#include <string_view>

#include "checks/document/document.h"

namespace proofgate {

// The separator-collapsing slug of `text` (UTF-8 heading text) when it is
// all ASCII: letters lower-cased, digits kept, every other run of
// characters one '-', none at either end ("Contributors to 1.31.0" ->
// "contributors-to-1-31-0"). "" when `text` holds a byte outside ASCII
// (its transliteration is unknown: see TransliteratedSlugMatches()) or no
// letter or digit.
std::string CollapsedSlug(std::string_view text);

// Whether `fragment` (decoded) can be the separator-collapsing slug of
// `text` with each run of characters outside ASCII transliterated into
// any lower-case ASCII words: "Debugging Aspirations (👩‍💻)" matches
// "debugging-aspirations-woman-technologist" and
// "debugging-aspirations". False when `text` is all ASCII (CollapsedSlug()
// decides those). O(length of both) with RE2.
bool TransliteratedSlugMatches(std::string_view text,
                               std::string_view fragment);

// Whether `fragment` (decoded) is, by TransliteratedSlugMatches(), the
// slug of one of `doc`'s headings (without its attribute list).
// O(headings with characters outside ASCII x their length).
bool ReachesTransliteratedHeading(const Document& doc,
                                  std::string_view fragment);

// `heading_text` without a trailing attribute list of classes and
// attributes only, the syntax Hugo and kramdown accept after a heading:
// "Easy CLA {.notranslate lang=en}" -> "Easy CLA". The text as it is when
// it has none (an explicit "{#id}" is SplitExplicitId()'s).
std::string WithoutAttributeList(std::string_view heading_text);

// Whether the draft pulls in content, and so anchors, from other files
// when it is built: Hugo's include and readfile shortcodes and shortcodes
// named by a path ("{{% docs/languages/exporters/intro %}}"), Liquid
// includes of Markdown files (not of HTML widgets such as "copy.html"),
// and MDX imports of .md / .mdx files. O(file size).
bool PullsInOtherContent(const Document& doc);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_LINKS_GENERATOR_SLUGS_H_
