// Comparisons of short user-visible texts (heading titles, section names).
#ifndef PROOFGATE_CHECKS_DOCUMENT_TEXT_COMPARE_H_
#define PROOFGATE_CHECKS_DOCUMENT_TEXT_COMPARE_H_

#include <string>
#include <string_view>

namespace proofgate {

// `text` with surrounding whitespace removed, inner runs of whitespace
// folded to one space, and ASCII letters lower-cased. Non-ASCII letters are
// kept as they are (no locale-dependent case folding).
std::string FoldForCompare(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_TEXT_COMPARE_H_
