// YAML front matter ("---" lines), parsed with yaml-cpp.
#ifndef PROOFGATE_CHECKS_DOCUMENT_YAML_FRONT_MATTER_H_
#define PROOFGATE_CHECKS_DOCUMENT_YAML_FRONT_MATTER_H_

#include <vector>

#include "checks/document/front_matter.h"
#include "checks/document/front_matter_parser.h"
#include "checks/document/source_map.h"

namespace proofgate {

// Parses the YAML of `block`, a terminated YAML block of the draft mapped
// by `map`. Problems (appended to `problems`, root left null):
//   input/front-matter-invalid      yaml-cpp's error, at its mark (this
//                                   includes nesting 500 levels deep, which
//                                   yaml-cpp 0.7 refuses);
//   input/front-matter-too-complex  over kFrontMatterValueBudget values
//                                   once aliases are expanded (never
//                                   expanded here to count them);
//   input/front-matter-not-a-map    a list or a single value.
// Thread-safe; never throws (allocation failure aside).
FrontMatter ParseYamlFrontMatter(const SourceMap& map,
                                 const FrontMatterBlock& block,
                                 std::vector<FrontMatterProblem>& problems);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_YAML_FRONT_MATTER_H_
