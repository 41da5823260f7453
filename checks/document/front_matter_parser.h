// Reading a draft's front matter: finds the block (FindFrontMatter), parses
// it, and reports what is wrong with it as input problems, which
// Document::Parse turns into input/front-matter-* findings.
#ifndef PROOFGATE_CHECKS_DOCUMENT_FRONT_MATTER_PARSER_H_
#define PROOFGATE_CHECKS_DOCUMENT_FRONT_MATTER_PARSER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "checks/document/front_matter.h"
#include "checks/document/source_map.h"

namespace proofgate {

// Front matter is a page's metadata: the largest block in the shared corpus
// of 3,815 real pages has under 200 values. 100,000 (keys and values both
// count) leaves room for any honest use and bounds what YAML aliases can
// expand to downstream (JSON for plug-ins, proof records).
inline constexpr size_t kFrontMatterValueBudget = 100000;

// How many maps and lists may nest in one another, the top-level map
// included: yaml-cpp 0.7 reads a YAML document nested 499 levels deep and
// refuses one nested 500 (its DepthGuard; checked here), and TOML and JSON
// front matter gets the same limit.
inline constexpr int kFrontMatterMaxDepth = 499;

// One thing wrong with a front matter block.
struct FrontMatterProblem {
  std::string rule;     // an input/front-matter-* rule id
  std::string message;  // for the writer: what is wrong and what to do
  size_t offset = 0;    // byte offset in the draft where it was found
};

// The front matter of the draft mapped by `map`, which must outlive the
// result (the result points into it). Appends to `problems`, in file
// order, what keeps the block from being read; the result's root is then
// null (its block still says where the block is). A draft without front
// matter gets FrontMatter(), with no problem. Never throws (allocation
// failure aside); time and memory linear in the block's size, whatever
// YAML aliases would expand to. Thread-safe: no shared state.
FrontMatter ParseFrontMatter(const SourceMap& map,
                             std::vector<FrontMatterProblem>& problems);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_FRONT_MATTER_PARSER_H_
