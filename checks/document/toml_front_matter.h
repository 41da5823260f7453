// TOML front matter ("+++" lines, as Hugo and Zola write it), parsed with
// toml++ 3.3 and converted into the yaml-cpp tree that FrontMatter holds
// (see front_matter.h), with a span per key and value from toml++'s source
// regions.
#ifndef PROOFGATE_CHECKS_DOCUMENT_TOML_FRONT_MATTER_H_
#define PROOFGATE_CHECKS_DOCUMENT_TOML_FRONT_MATTER_H_

#include <cstddef>
#include <vector>

#include "checks/document/front_matter.h"
#include "checks/document/front_matter_parser.h"
#include "checks/document/source_map.h"

namespace proofgate {

// toml++ 3.3 walks the parsed tree recursively once per table level (its
// update_region_ends), so a header such as [a.a.a....] with 30,000 parts
// overflows an 8 MiB stack inside toml::parse (checked here). A table can
// only nest as deep as the dotted keys and headers that name it: at most
// twice the block's dots (an [[array.of.tables]] adds a level per part)
// plus toml++'s own limit of 256 nested arrays and inline tables. A block
// with more dots than this is refused before toml++ sees it, which keeps
// toml++ under about 2,600 levels. The rust-lang blog's 754 Zola posts have
// at most 12 dots in their front matter.
inline constexpr size_t kTomlMaxDots = 1000;

// Parses the TOML of `block`, a terminated TOML block of the draft mapped
// by `map`. Tables become maps (keys in file order), arrays lists; strings
// stay strings, integers and floats become numbers (as YAML spells them:
// "1000" for 1_000 or 0x3E8, ".inf", ".nan"), booleans "true"/"false",
// dates and times strings as written. Problems (appended to `problems`,
// root left null):
//   input/front-matter-invalid      toml++'s error, at its line and column
//                                   (this includes more than 256 nested
//                                   arrays and inline tables);
//   input/front-matter-too-complex  over kTomlMaxDots dots, over
//                                   kFrontMatterValueBudget keys and
//                                   values, or nested deeper than
//                                   kFrontMatterMaxDepth.
// Thread-safe; never throws (allocation failure aside).
FrontMatter ParseTomlFrontMatter(const SourceMap& map,
                                 const FrontMatterBlock& block,
                                 std::vector<FrontMatterProblem>& problems);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_TOML_FRONT_MATTER_H_
