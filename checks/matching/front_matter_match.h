// Front-matter conditions such as `front_matter: {layout: post}`, shared by
// a rulebook's applies_to/exclude and the `when.front_matter` triggers of
// the required and escalate checks.
#ifndef PROOFGATE_CHECKS_MATCHING_FRONT_MATTER_MATCH_H_
#define PROOFGATE_CHECKS_MATCHING_FRONT_MATTER_MATCH_H_

#include <string>

#include "checks/document/front_matter.h"

namespace proofgate {

// Whether top-level key `key` of `front_matter` holds `want`: a scalar
// equal to it (exact, case-sensitive, as written after YAML/TOML/JSON
// unquoting), or a list with such a scalar among its items. A missing key,
// a map, or null never matches. O(keys + list items). Thread-safe.
bool FrontMatterMatches(const FrontMatter& front_matter, const std::string& key,
                        const std::string& want);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_FRONT_MATTER_MATCH_H_
