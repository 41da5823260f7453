// The source range of a match found in a prose block's plain text.
//
// Document::Locate maps a text offset where two source pieces meet to the
// start of the later piece, which is right for a start but not for an end
// ("[whitelist](url)": the end of "whitelist" would land after the URL), so
// a match's end is taken as one past its last code point instead.
#ifndef PROOFGATE_CHECKS_DOCUMENT_MATCH_RANGE_H_
#define PROOFGATE_CHECKS_DOCUMENT_MATCH_RANGE_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "checks/document/document.h"
#include "checks/finding.h"

namespace proofgate {

// The range in the file of bytes [begin, end) of `block`'s text
// (begin < end <= block.text.size()). Pure; thread-safe.
SourceRange LocateMatch(const Document& doc, const ProseBlock& block,
                        size_t begin, size_t end);

// The byte offsets [begin, end) in doc.bytes() of `range` (columns in code
// points, as SourceRange counts them). Pure; thread-safe.
std::pair<size_t, size_t> RangeBytes(const Document& doc,
                                     const SourceRange& range);

// Whether the file holds exactly `text` at `range`, so that replacing the
// range replaces that text and nothing else: false when markup, escapes or
// entities stand between the characters ("Java**Script**", "Java&#32;Script")
// or the range spans lines. A safe fix (Finding::fix) is offered only then.
bool SourceHolds(const Document& doc, const SourceRange& range,
                 std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_MATCH_RANGE_H_
