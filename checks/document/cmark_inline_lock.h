// The lock around cmark-gfm's inline parsing, shared by everything in the
// process that parses Markdown (the document model, the draft's rendered
// view).
//
// cmark-gfm keeps the table of inline "special characters" in a global:
// cmark_parser_finish() adds its parser's extension characters (':' and 'w'
// for autolinks, '~' for strikethrough) and removes them when it is done
// (blocks.c, process_inlines). Two drafts finishing at once race, and one
// may silently lose its bare URLs (standardese/standardese#199 describes
// the same global; seen here as bare-url counts that changed from run to
// run over the shared corpus). Inline parsing is therefore serialized;
// block parsing (cmark_parser_feed) and everything after stay parallel.
#ifndef PROOFGATE_CHECKS_DOCUMENT_CMARK_INLINE_LOCK_H_
#define PROOFGATE_CHECKS_DOCUMENT_CMARK_INLINE_LOCK_H_

#include <mutex>

namespace proofgate {

// The one mutex to hold around cmark_parser_finish(). Thread-safe.
std::mutex& CmarkInlineMutex();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_CMARK_INLINE_LOCK_H_
