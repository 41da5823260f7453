// A draft as HTML, for people to read beside its source: the rendered
// view of the proof page (daemon/spool/proof_html.h).
//
// Safe to put in a page that shows writers' text: cmark-gfm's safe mode
// (no CMARK_OPT_UNSAFE) replaces raw HTML blocks and inline HTML with a
// comment ("raw HTML omitted") and drops link and image destinations with
// the schemes javascript:, vbscript:, file: and data: (but data:image
// PNG/GIF/JPEG/WebP), so no markup of the draft's own reaches the page and
// no script runs; every link gets rel="noopener noreferrer".
#ifndef PROOFGATE_CHECKS_DOCUMENT_MARKDOWN_HTML_H_
#define PROOFGATE_CHECKS_DOCUMENT_MARKDOWN_HTML_H_

#include <string>
#include <string_view>

namespace proofgate {

// The HTML of draft `draft` (front matter, if any, left out; a BOM
// ignored): GitHub Flavored Markdown with tables, strikethrough,
// autolinks and task lists, as above. Bytes that are not UTF-8 are
// replaced by U+FFFD. Never throws (allocation aside); time and memory
// linear in the draft's size. Thread-safe (parses run in parallel,
// see cmark_threads.h).
std::string DraftMarkdownHtml(std::string_view draft);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_MARKDOWN_HTML_H_
