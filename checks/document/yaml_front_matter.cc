#include "checks/document/yaml_front_matter.h"

#include <algorithm>
#include <string>

namespace proofgate {

namespace {

// Whether `node` and everything below it, counted with aliases expanded,
// is at most kFrontMatterValueBudget values. Visits at most that many
// nodes, so an alias bomb ("billion laughs") costs no more than an honest
// block.
bool WithinValueBudget(const YAML::Node& root) {
  size_t budget = kFrontMatterValueBudget;
  std::vector<YAML::Node> stack = {root};
  while (!stack.empty()) {
    const YAML::Node node = stack.back();
    stack.pop_back();
    if (budget-- == 0) return false;
    if (node.IsSequence()) {
      for (const YAML::Node& child : node) stack.push_back(child);
    } else if (node.IsMap()) {
      for (const auto& item : node) {
        stack.push_back(item.first);
        stack.push_back(item.second);
      }
    }
  }
  return true;
}

// File offset of a yaml-cpp mark (a byte offset into the YAML text).
size_t FileOffset(const FrontMatterBlock& block, const YAML::Mark& mark) {
  if (mark.is_null() || mark.pos < 0) return block.data_begin;
  return std::min(block.data_begin + static_cast<size_t>(mark.pos),
                  block.data_end);
}

}  // namespace

FrontMatter ParseYamlFrontMatter(const SourceMap& map,
                                 const FrontMatterBlock& block,
                                 std::vector<FrontMatterProblem>& problems) {
  std::string yaml(
      map.text().substr(block.data_begin, block.data_end - block.data_begin));
  // yaml-cpp breaks lines only at "\n" (a lone "\r" is not a line break to
  // it, though YAML and CommonMark say it is). Replacing each lone "\r"
  // byte for byte keeps its marks, which are byte offsets, valid.
  for (size_t i = 0; i < yaml.size(); ++i) {
    if (yaml[i] == '\r' && (i + 1 == yaml.size() || yaml[i + 1] != '\n')) {
      yaml[i] = '\n';
    }
  }
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    problems.push_back({"input/front-matter-invalid",
                        "The front matter is not valid YAML: " + e.msg + ".",
                        FileOffset(block, e.mark)});
    root = YAML::Node();
  }
  if (root.IsMap() && !WithinValueBudget(root)) {
    problems.push_back(
        {"input/front-matter-too-complex",
         "The front matter expands to more than " +
             std::to_string(kFrontMatterValueBudget) +
             " values (through YAML aliases or sheer size); keep it to the "
             "page's metadata.",
         FileOffset(block, root.Mark())});
    root = YAML::Node();
  }
  if (root.IsDefined() && !root.IsNull() && !root.IsMap()) {
    problems.push_back({"input/front-matter-not-a-map",
                        std::string("The front matter must be a map of keys "
                                    "to values, but it is a ") +
                            (root.IsSequence() ? "list" : "single value") + ".",
                        FileOffset(block, root.Mark())});
    root = YAML::Node();
  }
  return FrontMatter(block, root, &map);
}

}  // namespace proofgate
