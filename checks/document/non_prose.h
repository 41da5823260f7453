// Non-prose spans applied to the document model: looking offsets up in
// them and cutting their text out of prose blocks.
#ifndef PROOFGATE_CHECKS_DOCUMENT_NON_PROSE_H_
#define PROOFGATE_CHECKS_DOCUMENT_NON_PROSE_H_

#include <cstddef>
#include <vector>

#include "checks/document/document.h"
#include "checks/document/templating.h"

namespace proofgate {

// Whether byte `offset` lies inside one of `spans` (sorted, disjoint, as
// TemplateLayout::non_prose). O(log spans).
bool InNonProse(const std::vector<TemplateSpan>& spans, size_t offset);

// Cuts out of `block` the text that came from bytes inside `spans`: each
// run of such text becomes one space (none at the block's start, none
// doubling a space already there; a run of spaces that stood for code or a
// line break is folded the same way), and the block's anchors follow, so that
// Document::Locate() stays exact for what is left. An escape or entity
// reference goes as a whole when it starts inside a span. Text that stands
// for no bytes (the space of a code span or line break) is kept. Leaves
// `block` untouched when no span meets it. O(text + anchors * log spans).
void ExciseNonProse(ProseBlock& block, const std::vector<TemplateSpan>& spans);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_NON_PROSE_H_
