// Which site generator builds a draft, as far as the bare-URL rule needs
// to know: whether the rendered page turns a bare URL into a link.
//
// Hugo's Markdown renderer (Goldmark) links bare URLs by default
// (markup.goldmark.extensions.linkify: true), so on a Hugo site a bare URL
// is a link readers can follow. Zola (pulldown-cmark)
// and Jekyll (kramdown) leave it as text; MDX sites (Astro, Docusaurus)
// link it too, through remark-gfm. Judged on the shared corpus
// (tests/precision/labels/links.tsv), 15 of the 17 bare-url findings
// judged false were on Hugo sites (kubernetes-contributor-site).
#ifndef PROOFGATE_CHECKS_LINKS_SITE_GENERATOR_H_
#define PROOFGATE_CHECKS_LINKS_SITE_GENERATOR_H_

#include "checks/document/document.h"

namespace proofgate {

// Whether `doc` is a page of a Hugo site: its templating is Hugo's
// (shortcodes), or a folder holding it, up to 8 levels above the draft,
// holds a Hugo configuration file (hugo.toml, hugo.yaml, hugo.json) or a
// section page `_index.md` with YAML or JSON front matter (Zola, the other
// generator with `_index.md`, reads only TOML). Reads the file system
// (a few stat() calls and the first bytes of at most 8 files); a draft
// outside any site (the daemon's spool) is not one. Thread-safe.
bool IsHugoPage(const Document& doc);

// Whether the site building `doc` turns bare URLs into links: a Hugo page
// (IsHugoPage()) or an MDX page (Astro, Starlight and Docusaurus read
// Markdown with remark-gfm, whose autolink literals link bare URLs).
// Thread-safe.
bool LinkifiesBareUrls(const Document& doc);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_LINKS_SITE_GENERATOR_H_
