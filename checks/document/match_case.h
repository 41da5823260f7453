// The case of a replacement, following the text it replaces.
#ifndef PROOFGATE_CHECKS_DOCUMENT_MATCH_CASE_H_
#define PROOFGATE_CHECKS_DOCUMENT_MATCH_CASE_H_

#include <string>
#include <string_view>

namespace proofgate {

// `suggest` in the case of `matched`: capitalised when the match starts
// with a capital ("Whitelist" -> "Allowlist"), upper case when the match is
// all capitals ("E-MAIL" -> "EMAIL"), as written otherwise (ASCII only:
// other scripts keep the rulebook's spelling). Pure; thread-safe.
std::string MatchCase(std::string_view matched, std::string suggest);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_MATCH_CASE_H_
