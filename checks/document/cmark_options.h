// The options of cmark-gfm's parses of a draft's body (Document::Parse and
// FindFootnoteDefinitions parse the same text with the same options).
//
// Pure; thread-safe.
#ifndef PROOFGATE_CHECKS_DOCUMENT_CMARK_OPTIONS_H_
#define PROOFGATE_CHECKS_DOCUMENT_CMARK_OPTIONS_H_

#include <string_view>

namespace proofgate {

// cmark-gfm's option bits for parsing `body`: source positions and GFM
// footnotes; and CMARK_OPT_VALIDATE_UTF8 only when `body` holds a byte that
// is not well-formed UTF-8 (FirstInvalidUtf8 in utf8.h). On well-formed
// UTF-8 cmark's validation changes nothing (it copies every line as it is;
// NUL bytes are replaced by U+FFFD before it, with or without it) and cost
// about 2 % of `proofgate check`'s instructions (callgrind over
// ../shared/corpus/opentelemetry-docs), a second pass over every byte.
// O(size of `body`): one pass, eight ASCII bytes at a time.
int CmarkOptionsFor(std::string_view body);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_CMARK_OPTIONS_H_
