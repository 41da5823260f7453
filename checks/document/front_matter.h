// FrontMatter: the YAML block at the top of a draft, with typed lookups.
//
// A draft may open with a line "---", YAML, and a closing line "---" (or
// "..."). Nothing else counts as front matter: a first line of "------" is a
// Markdown thematic break, as Jekyll and Hugo read it too.
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

#include "checks/document/source_map.h"
#include "checks/finding.h"

namespace proofgate {

// The YAML type of a value, as a writer would name it.
enum class ValueType { kNull, kString, kNumber, kBoolean, kList, kMap };

// "null", "string", "number", "boolean", "list" or "map".
std::string_view ValueTypeName(ValueType type);

// Parses one of the names above. nullopt otherwise.
std::optional<ValueType> ParseValueType(std::string_view name);

// Where the front matter block sits in the file, found without parsing YAML.
struct FrontMatterBlock {
  bool present = false;     // the file opens with a "---" line
  bool terminated = false;  // a closing "---" or "..." line was found
  int open_line = 1;        // line of the opening "---"
  int close_line = 0;       // line of the closing delimiter (0 if none)
  size_t yaml_begin = 0;    // byte offsets of the YAML text between them
  size_t yaml_end = 0;
};

// Finds the front matter block of `text` (a whole draft). O(lines of the
// block). Never fails; an opening line without a closing one comes back
// with terminated == false.
FrontMatterBlock FindFrontMatter(const SourceMap& map);

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
  // the start of the opening "---" line when the key is missing.
  SourceRange range;
};

class FrontMatter {
 public:
  FrontMatter() = default;
  // `root` must be a map or null; `map` is the whole draft's source map.
  FrontMatter(FrontMatterBlock block, YAML::Node root, const SourceMap* map);

  // True when the draft has a front matter block (even an empty one).
  bool present() const { return block_.present; }
  const FrontMatterBlock& block() const { return block_; }

  // The parsed top-level map; a null node when absent or not parseable.
  const YAML::Node& root() const { return root_; }

  // Looks up a top-level key. kWrongType is never returned here.
  FieldLookup Find(std::string_view key) const;

  // Looks up a key that must hold a value of `type` (kString also accepts a
  // number or boolean scalar written plainly, such as `title: 2024`,
  // because that is how YAML writers expect it to read). Returns kWrongType
  // with the actual type otherwise.
  FieldLookup Get(std::string_view key, ValueType type) const;

  // Position of `node` (from this front matter) in the original file: for
  // a scalar on one line, its text (quotes included, a trailing comment
  // not); for other nodes, the rest of the line they start on; for an
  // undefined node, the empty range at the YAML's first line. yaml-cpp's
  // marks are byte offsets; columns here are code points.
  SourceRange RangeOf(const YAML::Node& node) const;

  // The type of any YAML node.
  static ValueType TypeOf(const YAML::Node& node);

 private:
  FrontMatterBlock block_;
  YAML::Node root_;
  const SourceMap* map_ = nullptr;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_FRONT_MATTER_H_
