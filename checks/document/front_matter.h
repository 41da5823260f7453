// FrontMatter: the metadata block at the top of a draft, with typed lookups.
//
// A draft's first line (after a byte order mark) says which format, if any,
// its front matter is in:
//
//   YAML (Jekyll, Hugo, Docusaurus, Starlight...): a line "---", YAML, and a
//     closing line "---" (or "...").
//   TOML (Hugo, Zola): a line "+++", TOML, and a closing line "+++".
//   JSON (Hugo): a line that opens a JSON object, "{" alone or "{" followed
//     by a quoted key or by "}"; the block ends at the "}" that closes that
//     object, which must end its line.
//
// Nothing else counts as front matter: a first line of "------" is a
// Markdown thematic break and "{{< shortcode >}}" or "{% raw %}" is
// templating, as Hugo and Jekyll read them too.
//
// One representation for the three formats: every block is read into a
// yaml-cpp node tree (maps, lists and scalars), so checks, rulebooks and
// plug-ins see one shape whatever the draft was written in, and TypeOf
// gives a TOML or JSON value its own type: strings are !!str scalars;
// numbers and booleans are plain scalars spelled as YAML 1.2 reads them
// ("42", "1.5", "1e+30", ".inf", "true"); JSON's null is a null node;
// TOML dates and times are strings as written. yaml-cpp marks only nodes it
// parsed itself, so the positions of TOML and JSON keys and values sit in a
// side table of spans, looked up by node identity.
//
// Lookups distinguish a key that is missing from one whose value has the
// wrong type, so a check can say which. Positions are in the original file.
// Immutable after Document::Parse; safe to read from many threads.
#ifndef PROOFGATE_CHECKS_DOCUMENT_FRONT_MATTER_H_
#define PROOFGATE_CHECKS_DOCUMENT_FRONT_MATTER_H_

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/document/source_map.h"
#include "checks/finding.h"

namespace proofgate {

// The type of a value, as a writer would name it.
enum class ValueType { kNull, kString, kNumber, kBoolean, kList, kMap };

// "null", "string", "number", "boolean", "list" or "map".
std::string_view ValueTypeName(ValueType type);

// Parses one of the names above. nullopt otherwise.
std::optional<ValueType> ParseValueType(std::string_view name);

// The language a front matter block is written in.
enum class FrontMatterFormat { kYaml, kToml, kJson };

// "YAML", "TOML" or "JSON", for messages.
std::string_view FrontMatterFormatName(FrontMatterFormat format);

// Where the front matter block sits in the file.
struct FrontMatterBlock {
  bool present = false;     // the file opens with a front matter line
  bool terminated = false;  // the block's end was found
  FrontMatterFormat format = FrontMatterFormat::kYaml;
  int open_line = 1;   // line of the opening "---", "+++" or "{"
  int close_line = 0;  // line of the closing delimiter or "}" (0 if none)
  // Byte offsets in the file of the text the format's parser reads: the
  // lines between the delimiter lines for YAML and TOML; for JSON, the
  // object from its "{" to just after its "}".
  size_t data_begin = 0;
  size_t data_end = 0;
};

// Finds the front matter block of the draft mapped by `map`, from its
// delimiter lines, without parsing it. A YAML block opens at a first line
// of three or more dashes (Hugo reads "------" as "---" and a YAML
// document marker) and closes at "---" or "...". O(lines of the block). Never
// fails; an opening line without a closing one comes back with terminated ==
// false. A JSON object ends where a JSON parser says it does, so for JSON
// this returns terminated == false and data_end at the end of the text;
// ParseFrontMatter (front_matter_parser.h) fills in the end.
FrontMatterBlock FindFrontMatter(const SourceMap& map);

// Where one TOML or JSON key or value is in the file: bytes [begin, end).
struct NodeSpan {
  YAML::Node node;
  size_t begin = 0;
  size_t end = 0;
};

// The result of looking up a key.
struct FieldLookup {
  enum class Status { kFound, kMissing, kWrongType };
  Status status = Status::kMissing;
  YAML::Node node;                    // the value when present
  ValueType type = ValueType::kNull;  // its type when present
  // The scalar's value (quotes and escapes resolved) when it is a string,
  // number or boolean.
  std::string text;
  // Where the value is (RangeOf), or its key when the value is null, or
  // the start of the opening line when the key is missing.
  SourceRange range;
};

class FrontMatter {
 public:
  FrontMatter() = default;
  // `root` must be a map or null; `map` is the whole draft's source map
  // and must outlive this object. `spans` gives the positions of the nodes
  // of a TOML or JSON block (a YAML block's nodes carry their own marks).
  FrontMatter(FrontMatterBlock block, YAML::Node root, const SourceMap* map,
              std::vector<NodeSpan> spans = {});

  // True when the draft has a front matter block (even an empty one).
  bool present() const { return block_.present; }
  const FrontMatterBlock& block() const { return block_; }
  FrontMatterFormat format() const { return block_.format; }

  // The parsed top-level map; a null node when absent or not parseable.
  const YAML::Node& root() const { return root_; }

  // Looks up a top-level key (the first one, if a key is repeated).
  // kWrongType is never returned here. O(keys) for YAML; for TOML and
  // JSON also O(values) to find the value's span.
  FieldLookup Find(std::string_view key) const;

  // Looks up a key that must hold a value of `type` (kString also accepts a
  // number or boolean scalar written plainly, such as `title: 2024`,
  // because that is how YAML writers expect it to read). Returns kWrongType
  // with the actual type otherwise.
  FieldLookup Get(std::string_view key, ValueType type) const;

  // Position of `node` (from this front matter) in the original file; for
  // an undefined node or one from elsewhere, the empty range at the start
  // of the block's text. Columns are code points.
  //
  // YAML: for a scalar on one line, its text (quotes included, a trailing
  // comment not); for other nodes, the rest of the line they start on.
  // yaml-cpp's marks are byte offsets, converted here.
  //
  // TOML and JSON: a scalar's exact text, quotes included, however many
  // lines it spans (a TOML """multi-line""" string); a table, array or
  // object on one line, its text; over several lines, from its start to
  // the end of its first line. A TOML [table] is its header line. A key
  // (for a null JSON value) is its quoted or bare text. O(values).
  SourceRange RangeOf(const YAML::Node& node) const;

  // The type of any YAML node.
  static ValueType TypeOf(const YAML::Node& node);

 private:
  SourceRange YamlRangeOf(const YAML::Node& node) const;
  SourceRange SpanRangeOf(const YAML::Node& node) const;

  FrontMatterBlock block_;
  YAML::Node root_;
  const SourceMap* map_ = nullptr;
  std::vector<NodeSpan> spans_;
};

// The range of `text`, a part of a front-matter string value found at
// `value` (FrontMatter::RangeOf) in `map`: exact when the value's first
// line holds `text` verbatim from the value's start on (a one-line plain or
// quoted value), else `value` itself (a folded or escaped value, whose
// source differs from its text). Columns are code points. Pure.
SourceRange LocateInValue(const SourceMap& map, const SourceRange& value,
                          std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_FRONT_MATTER_H_
