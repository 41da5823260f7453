#include "checks/document/toml_front_matter.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace proofgate {

namespace {

constexpr std::string_view kStringTag = "tag:yaml.org,2002:str";

// A scalar that TypeOf reads as a string whatever its text ("2024").
YAML::Node StringNode(std::string text) {
  YAML::Node node(std::move(text));
  node.SetTag(std::string(kStringTag));
  return node;
}

// A float in a spelling that FrontMatter::TypeOf reads as a number: the
// shortest that round-trips ("1.5", "1e+30"), or YAML's ".inf", "-.inf",
// ".nan".
std::string FloatText(double value) {
  if (std::isnan(value)) return ".nan";
  if (std::isinf(value)) return value < 0 ? "-.inf" : ".inf";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof(buf), value);
  return std::string(buf, result.ptr);
}

// Converts toml++'s positions (1-based lines of the TOML text, 1-based
// columns in code points) into byte offsets of the file. Keeps the code
// point starts of the last line asked about, because a tree is visited
// mostly in file order and a long line of an inline array would otherwise
// be rescanned for every value on it.
class FileOffsets {
 public:
  FileOffsets(const SourceMap& map, const FrontMatterBlock& block)
      : map_(map), block_(block) {}

  size_t Of(const toml::source_position& pos) {
    if (pos.line == 0) return block_.data_begin;  // toml++: unknown
    const int64_t line = static_cast<int64_t>(block_.open_line) + pos.line;
    if (line > map_.line_count()) return block_.data_end;
    if (line != line_) Index(static_cast<int>(line));
    const size_t column = std::max<size_t>(pos.column, 1) - 1;
    const size_t in_line =
        column < starts_.size() ? starts_[column] : map_.Line(line_).size();
    return std::clamp(map_.LineStart(line_) + in_line, block_.data_begin,
                      block_.data_end);
  }

 private:
  void Index(int line) {
    line_ = line;
    starts_.clear();
    const std::string_view text = map_.Line(line);
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        starts_.push_back(i);
      }
    }
  }

  const SourceMap& map_;
  const FrontMatterBlock& block_;
  int64_t line_ = 0;
  std::vector<size_t> starts_;  // byte offset in the line of each column
};

// Builds the yaml-cpp tree and its spans from a parsed TOML table, within
// the value budget and the depth limit. Recursion is bounded by the depth
// limit.
class TomlTreeConverter {
 public:
  TomlTreeConverter(const SourceMap& map, const FrontMatterBlock& block)
      : map_(map), offsets_(map, block) {}

  // The tree, or a null node with `problem` set when it is too large or
  // too deep.
  YAML::Node Convert(const toml::table& root) {
    YAML::Node out = Table(root, 1);
    return problem_.rule.empty() ? out : YAML::Node();
  }

  std::vector<NodeSpan> TakeSpans() { return std::move(spans_); }
  const FrontMatterProblem& problem() const { return problem_; }

 private:
  // Records where `node` is; false once the budget is spent.
  bool Record(const YAML::Node& node, const toml::source_region& region) {
    if (spans_.size() >= kFrontMatterValueBudget) {
      Fail("The front matter has more than " +
               std::to_string(kFrontMatterValueBudget) +
               " keys and values; keep it to the page's metadata.",
           offsets_.Of(region.begin));
      return false;
    }
    spans_.push_back(
        {node, offsets_.Of(region.begin), offsets_.Of(region.end)});
    return true;
  }

  void Fail(std::string message, size_t offset) {
    if (!problem_.rule.empty()) return;
    problem_ = {"input/front-matter-too-complex", std::move(message), offset};
  }

  bool Failed() const { return !problem_.rule.empty(); }

  YAML::Node Value(const toml::node& node, int depth) {
    if (const toml::table* table = node.as_table()) return Table(*table, depth);
    if (const toml::array* array = node.as_array()) return Array(*array, depth);
    YAML::Node out;
    if (const auto* s = node.as_string()) {
      out = StringNode(s->get());
    } else if (const auto* i = node.as_integer()) {
      out = YAML::Node(std::to_string(i->get()));
    } else if (const auto* f = node.as_floating_point()) {
      out = YAML::Node(FloatText(f->get()));
    } else if (const auto* b = node.as_boolean()) {
      out = YAML::Node(b->get() ? "true" : "false");
    } else {
      // A date, time or date-time: its text as written.
      const toml::source_region& r = node.source();
      const size_t begin = offsets_.Of(r.begin);
      const size_t end = std::max(begin, offsets_.Of(r.end));
      out = StringNode(std::string(map_.text().substr(begin, end - begin)));
    }
    Record(out, node.source());
    return out;
  }

  bool Enter(const toml::node& node, int depth) {
    if (depth > kFrontMatterMaxDepth) {
      Fail("The front matter nests tables and arrays more than " +
               std::to_string(kFrontMatterMaxDepth) +
               " levels deep; keep it to the page's metadata.",
           offsets_.Of(node.source().begin));
    }
    return !Failed();
  }

  YAML::Node Table(const toml::table& table, int depth) {
    YAML::Node out(YAML::NodeType::Map);
    if (!Enter(table, depth) || (depth > 1 && !Record(out, table.source()))) {
      return out;
    }
    // toml++ keeps a table's keys sorted; a reader expects file order.
    std::vector<std::pair<const toml::key*, const toml::node*>> items;
    for (const auto& [key, value] : table) items.emplace_back(&key, &value);
    std::stable_sort(items.begin(), items.end(), [](auto& a, auto& b) {
      const toml::source_position& pa = a.first->source().begin;
      const toml::source_position& pb = b.first->source().begin;
      return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
    });
    for (const auto& [key, value] : items) {
      YAML::Node key_node = StringNode(std::string(key->str()));
      if (!Record(key_node, key->source())) break;
      YAML::Node value_node = Value(*value, depth + 1);
      if (Failed()) break;
      out.force_insert(key_node, value_node);
    }
    return out;
  }

  YAML::Node Array(const toml::array& array, int depth) {
    YAML::Node out(YAML::NodeType::Sequence);
    if (!Enter(array, depth) || !Record(out, array.source())) return out;
    for (const toml::node& item : array) {
      YAML::Node value = Value(item, depth + 1);
      if (Failed()) break;
      out.push_back(value);
    }
    return out;
  }

  const SourceMap& map_;
  FileOffsets offsets_;
  std::vector<NodeSpan> spans_;
  FrontMatterProblem problem_;
};

}  // namespace

FrontMatter ParseTomlFrontMatter(const SourceMap& map,
                                 const FrontMatterBlock& block,
                                 std::vector<FrontMatterProblem>& problems) {
  const std::string_view toml_text =
      map.text().substr(block.data_begin, block.data_end - block.data_begin);
  if (static_cast<size_t>(std::count(toml_text.begin(), toml_text.end(), '.')) >
      kTomlMaxDots) {
    problems.push_back(
        {"input/front-matter-too-complex",
         "The front matter holds more than " + std::to_string(kTomlMaxDots) +
             " dots, so its dotted keys could nest tables deeper than "
             "proofgate reads safely; keep it to the page's metadata.",
         block.data_begin});
    return FrontMatter(block, YAML::Node(), &map);
  }
  toml::table table;
  try {
    table = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());
    if (!what.empty() && what.back() == '.') what.pop_back();
    problems.push_back({"input/front-matter-invalid",
                        "The front matter is not valid TOML: " + what + ".",
                        FileOffsets(map, block).Of(e.source().begin)});
    return FrontMatter(block, YAML::Node(), &map);
  }
  TomlTreeConverter converter(map, block);
  YAML::Node root = converter.Convert(table);
  if (!converter.problem().rule.empty()) {
    problems.push_back(converter.problem());
    return FrontMatter(block, YAML::Node(), &map);
  }
  return FrontMatter(block, root, &map, converter.TakeSpans());
}

}  // namespace proofgate
