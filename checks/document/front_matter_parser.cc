#include "checks/document/front_matter_parser.h"

#include "checks/document/yaml_front_matter.h"

namespace proofgate {

FrontMatter ParseFrontMatter(const SourceMap& map,
                             std::vector<FrontMatterProblem>& problems) {
  const FrontMatterBlock block = FindFrontMatter(map);
  if (!block.present) return FrontMatter();
  if (!block.terminated) {
    problems.push_back({"input/front-matter-unterminated",
                        "The front matter opens with --- on line 1 but has no "
                        "closing --- line; add one after the last key.",
                        map.LineStart(1)});
    return FrontMatter(block, YAML::Node(), &map);
  }
  return ParseYamlFrontMatter(map, block, problems);
}

}  // namespace proofgate
