#include "checks/document/front_matter_parser.h"

#include <string>

#include "checks/document/json_front_matter.h"
#include "checks/document/toml_front_matter.h"
#include "checks/document/yaml_front_matter.h"

namespace proofgate {

FrontMatter ParseFrontMatter(const SourceMap& map,
                             std::vector<FrontMatterProblem>& problems) {
  const FrontMatterBlock block = FindFrontMatter(map);
  if (!block.present) return FrontMatter();
  if (block.format == FrontMatterFormat::kJson) {
    return ParseJsonFrontMatter(map, block, problems);
  }
  if (!block.terminated) {
    const std::string delimiter =
        block.format == FrontMatterFormat::kToml ? "+++" : "---";
    problems.push_back({"input/front-matter-unterminated",
                        "The front matter opens with " + delimiter +
                            " on line 1 but has no closing " + delimiter +
                            " line; add one after the last key.",
                        map.LineStart(1)});
    return FrontMatter(block, YAML::Node(), &map);
  }
  if (block.format == FrontMatterFormat::kToml) {
    return ParseTomlFrontMatter(map, block, problems);
  }
  return ParseYamlFrontMatter(map, block, problems);
}

}  // namespace proofgate
