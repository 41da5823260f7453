#include "checks/document/front_matter.h"

#include <re2/re2.h>

#include <algorithm>

#include "checks/document/utf8.h"

namespace proofgate {

namespace {

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Whether a first line opens JSON front matter: "{" alone, or followed by
// a quoted key or by "}". Templating that opens a page ("{{< note >}}",
// "{% raw %}", an MDX "{/* comment */}") does not.
bool OpensJsonObject(std::string_view line) {
  if (!line.starts_with('{')) return false;
  line.remove_prefix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    line.remove_prefix(1);
  }
  return line.empty() || line.front() == '"' || line.front() == '}';
}

}  // namespace

std::string_view ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kNull:
      return "null";
    case ValueType::kString:
      return "string";
    case ValueType::kNumber:
      return "number";
    case ValueType::kBoolean:
      return "boolean";
    case ValueType::kList:
      return "list";
    case ValueType::kMap:
      return "map";
  }
  return "null";
}

std::optional<ValueType> ParseValueType(std::string_view name) {
  for (ValueType t : {ValueType::kNull, ValueType::kString, ValueType::kNumber,
                      ValueType::kBoolean, ValueType::kList, ValueType::kMap}) {
    if (ValueTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view FrontMatterFormatName(FrontMatterFormat format) {
  switch (format) {
    case FrontMatterFormat::kYaml:
      return "YAML";
    case FrontMatterFormat::kToml:
      return "TOML";
    case FrontMatterFormat::kJson:
      return "JSON";
  }
  return "YAML";
}

FrontMatterBlock FindFrontMatter(const SourceMap& map) {
  FrontMatterBlock block;
  const std::string_view first = TrimRight(map.Line(1));
  if (OpensJsonObject(first)) {
    block.present = true;
    block.format = FrontMatterFormat::kJson;
    block.data_begin = map.LineStart(1);
    block.data_end = map.text().size();
    return block;
  }
  // A YAML block may open with more than three dashes: Hugo reads the
  // first three as the delimiter and the rest as a YAML document marker
  // (kubernetes-contributor-site/blog/2024/k8s-book-club/k8s-book-club.md
  // opens with "------" and is published with its title and author).
  if (first == "+++") {
    block.format = FrontMatterFormat::kToml;
  } else if (first.size() < 3 ||
             first.find_first_not_of('-') != std::string_view::npos) {
    return block;
  }
  block.present = true;
  block.open_line = 1;
  block.data_begin =
      map.line_count() >= 2 ? map.LineStart(2) : map.text().size();
  for (int line = 2; line <= map.line_count(); ++line) {
    const std::string_view text = TrimRight(map.Line(line));
    const bool closes = block.format == FrontMatterFormat::kToml
                            ? text == "+++"
                            : text == "---" || text == "...";
    if (closes) {
      block.terminated = true;
      block.close_line = line;
      block.data_end = map.LineStart(line);
      return block;
    }
  }
  block.data_end = map.text().size();
  return block;
}

FrontMatter::FrontMatter(FrontMatterBlock block, YAML::Node root,
                         const SourceMap* map, std::vector<NodeSpan> spans)
    : block_(block),
      root_(std::move(root)),
      map_(map),
      spans_(std::move(spans)) {}

ValueType FrontMatter::TypeOf(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return ValueType::kNull;
  if (node.IsSequence()) return ValueType::kList;
  if (node.IsMap()) return ValueType::kMap;
  // A scalar. Quoted scalars carry the "!" tag and are always strings, as
  // are scalars tagged !!str; plain ones resolve by the YAML 1.2 core schema
  // (yaml.org/spec/1.2.2, 10.3.2 Tag Resolution).
  if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") {
    return ValueType::kString;
  }
  static const RE2 kBool("true|True|TRUE|false|False|FALSE");
  static const RE2 kNumber(
      "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|"
      "[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|"
      "[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
  const std::string& s = node.Scalar();
  if (RE2::FullMatch(s, kBool)) return ValueType::kBoolean;
  if (RE2::FullMatch(s, kNumber)) return ValueType::kNumber;
  return ValueType::kString;
}

SourceRange FrontMatter::RangeOf(const YAML::Node& node) const {
  if (map_ == nullptr) return {};
  if (block_.format != FrontMatterFormat::kYaml) return SpanRangeOf(node);
  return YamlRangeOf(node);
}

SourceRange FrontMatter::SpanRangeOf(const YAML::Node& node) const {
  // IsDefined() first: is() throws on the placeholder node that a lookup
  // of a missing key returns.
  const NodeSpan* span = nullptr;
  if (node.IsDefined()) {
    for (const NodeSpan& s : spans_) {
      if (s.node.is(node)) {
        span = &s;
        break;
      }
    }
  }
  if (span == nullptr) {
    return map_->RangeOf(block_.data_begin, block_.data_begin);
  }
  size_t end = span->end;
  if (node.IsMap() || node.IsSequence()) {
    // A collection over several lines: the rest of its first line.
    const int line = map_->PositionOf(span->begin).line;
    const size_t line_end =
        map_->LineStart(line) + TrimRight(map_->Line(line)).size();
    end = std::min(end, std::max(line_end, span->begin));
  }
  return map_->RangeOf(span->begin, end);
}

SourceRange FrontMatter::YamlRangeOf(const YAML::Node& node) const {
  // An undefined node (a missing key) has no mark; asking throws.
  const YAML::Mark mark =
      node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  if (mark.is_null() || mark.pos < 0) {
    return map_->RangeOf(block_.data_begin, block_.data_begin);
  }
  // yaml-cpp's marks count bytes of the YAML text (checked with non-ASCII
  // keys and values and with CRLF line ends), which starts at data_begin.
  const size_t begin = std::min(
      block_.data_begin + static_cast<size_t>(mark.pos), block_.data_end);
  const int line = map_->PositionOf(begin).line;
  const size_t line_end =
      map_->LineStart(line) + TrimRight(map_->Line(line)).size();
  size_t end = std::max(begin, line_end);
  // A scalar on one line ends where its text (or closing quote) does, before
  // any comment; block scalars and collections are pointed at by the rest of
  // their first line, which is what a reader needs to find them.
  if (node.IsScalar() && begin < line_end) {
    const std::string_view rest = map_->text().substr(begin, line_end - begin);
    const char quote = rest[0];
    if (quote == '"' || quote == '\'') {
      for (size_t i = 1; i < rest.size(); ++i) {
        if (quote == '"' && rest[i] == '\\') {
          ++i;
        } else if (rest[i] == quote) {
          if (quote == '\'' && i + 1 < rest.size() && rest[i + 1] == '\'') {
            ++i;  // '' is an escaped quote
            continue;
          }
          end = begin + i + 1;
          break;
        }
      }
    } else if (!node.Scalar().empty() && rest.starts_with(node.Scalar())) {
      end = begin + node.Scalar().size();
    }
  }
  return map_->RangeOf(begin, end);
}

FieldLookup FrontMatter::Find(std::string_view key) const {
  FieldLookup out;
  out.range = map_ ? map_->RangeOf(map_->LineStart(block_.open_line),
                                   map_->LineStart(block_.open_line))
                   : SourceRange{};
  if (!root_.IsMap()) return out;
  for (const auto& item : root_) {
    if (item.first.IsScalar() && item.first.Scalar() == key) {
      out.status = FieldLookup::Status::kFound;
      out.node = item.second;
      out.type = TypeOf(item.second);
      if (item.second.IsScalar()) out.text = item.second.Scalar();
      // An empty value has no useful mark of its own: point at the key.
      out.range =
          RangeOf(out.type == ValueType::kNull ? item.first : item.second);
      return out;
    }
  }
  return out;
}

FieldLookup FrontMatter::Get(std::string_view key, ValueType type) const {
  FieldLookup out = Find(key);
  if (out.status != FieldLookup::Status::kFound) return out;
  bool ok = out.type == type;
  if (type == ValueType::kString &&
      (out.type == ValueType::kNumber || out.type == ValueType::kBoolean)) {
    ok = true;
  }
  if (!ok) out.status = FieldLookup::Status::kWrongType;
  return out;
}

SourceRange LocateInValue(const SourceMap& map, const SourceRange& value,
                          std::string_view text) {
  if (value.line < 1 || value.line > map.line_count()) return value;
  const std::string_view line = map.Line(value.line);
  size_t from = 0;  // the byte of column value.column
  for (int c = 1; c < value.column && from < line.size(); ++c) {
    from += std::max<size_t>(1, Utf8AnnouncedLength(line[from]));
  }
  const size_t at = line.find(text, std::min(from, line.size()));
  if (at == std::string_view::npos) return value;
  auto points = [](std::string_view bytes) {
    int n = 0;
    for (char b : bytes) n += IsContinuationByte(b) ? 0 : 1;
    return n;
  };
  const int column = value.column + points(line.substr(from, at - from));
  return SourceRange{value.line, column, value.line, column + points(text)};
}

}  // namespace proofgate
