// Built-in families of spellings that mean the same thing, for the
// terminology check's `consistency`: a draft should use one form of each.
//
// A family has two or more variants (such as US and UK spelling, or "email"
// and "e-mail"); each variant lists the same inflections in the same order
// ("organize", "organized", "organizing"… and "organise", "organised",
// "organising"…), so an occurrence of one variant maps to the matching
// form of another. The families are in variant_families.cc, each with why
// it is there; left out on purpose are pairs whose spellings differ in
// meaning or grammar within one variety: license/licence and
// practice/practise (UK noun vs verb), program/programme (software vs
// broadcast), analyses (also the plural of analysis), dialog/dialogue
// ("dialog box"), meter/metre, disk/disc, gray/grey (both CSS colour names),
// setup/set up and login/log in (noun vs verb), open source/open-source
// (noun vs adjective before a noun: "is open source", "open-source
// software"; 1 of the first 30 judged findings in the shared corpus was
// that pair, and it was grammar, not inconsistency).
#ifndef PROOFGATE_CHECKS_TERMINOLOGY_VARIANT_FAMILIES_H_
#define PROOFGATE_CHECKS_TERMINOLOGY_VARIANT_FAMILIES_H_

#include <string>
#include <vector>

namespace proofgate {

struct VariantFamily {
  std::string name;  // for messages: "email / e-mail", "US / UK spelling"
  // variants[v][k]: inflection k of variant v; every variant has the same
  // number of forms, all lower case.
  std::vector<std::vector<std::string>> variants;
};

// The built-in families, built once. Thread-safe.
const std::vector<VariantFamily>& BuiltInFamilies();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_TERMINOLOGY_VARIANT_FAMILIES_H_
