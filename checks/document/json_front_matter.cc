#include "checks/document/json_front_matter.h"

#include <cstddef>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace proofgate {

namespace {

using json = nlohmann::json;

// An iterator over the JSON text that counts, in *read, the bytes the
// parser has taken from it.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, size_t* read) : p_(p), read_(read) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    ++*read_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const {
    return p_ == other.p_;
  }

 private:
  const char* p_;
  size_t* read_;
};

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
         c == 'e' || c == 'E';
}

// nlohmann's message without its "[json.exception.parse_error.101] parse
// error at line 3, column 5: " prefix (the finding has the position).
std::string ParserMessage(const std::string& what) {
  std::string_view m = what;
  if (m.starts_with("[json.exception.")) {
    const size_t close = m.find("] ");
    if (close != std::string_view::npos) m.remove_prefix(close + 2);
  }
  if (m.starts_with("parse error")) {
    const size_t colon = m.find(": ");
    if (colon != std::string_view::npos) m.remove_prefix(colon + 2);
  }
  return std::string(m);
}

// Builds the yaml-cpp tree and the spans of every key and value from the
// parser's events. Iterative: nesting costs heap, not stack. Once the tree
// is over the budget or the depth limit it stops building and lets the
// parser read on to the object's end.
class JsonTreeBuilder : public json::json_sax_t {
 public:
  // `text` is the draft from the object's "{" on, which starts at byte
  // `origin` of the file; `read` counts the bytes the parser has taken.
  JsonTreeBuilder(std::string_view text, size_t origin, const size_t* read)
      : text_(text), origin_(origin), read_(read) {}

  bool null() override {
    return Scalar(YAML::Node(YAML::NodeType::Null), *read_ - 4);
  }
  bool boolean(bool value) override {
    return Scalar(YAML::Node(value ? "true" : "false"),
                  *read_ - (value ? 4 : 5));
  }
  bool number_integer(number_integer_t) override { return Number(); }
  bool number_unsigned(number_unsigned_t) override { return Number(); }
  bool number_float(number_float_t, const string_t&) override {
    return Number();
  }
  bool string(string_t& value) override {
    YAML::Node node(value);
    node.SetTag("tag:yaml.org,2002:str");
    return Scalar(node, StringBegin(*read_));
  }
  bool binary(binary_t&) override { return false; }  // not in JSON text
  bool start_object(std::size_t) override {
    return OpenContainer(YAML::Node(YAML::NodeType::Map));
  }
  bool key(string_t& value) override {
    if (!building()) return true;
    YAML::Node node(value);
    node.SetTag("tag:yaml.org,2002:str");
    if (Record(node, StringBegin(*read_), *read_))
      stack_.back().key.reset(node);
    return true;
  }
  bool end_object() override { return CloseContainer(); }
  bool start_array(std::size_t) override {
    return OpenContainer(YAML::Node(YAML::NodeType::Sequence));
  }
  bool end_array() override { return CloseContainer(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    error_position_ = position;
    error_ = ParserMessage(e.what());
    return false;
  }

  YAML::Node root() const { return root_; }
  std::vector<NodeSpan> TakeSpans() { return std::move(spans_); }
  // The parser's error and the count of bytes it had read (one past the
  // offending byte, or text size + 1 at the end of the text); "" if none.
  const std::string& error() const { return error_; }
  size_t error_position() const { return error_position_; }
  // Why the tree was not built, when it was too large or too deep.
  const FrontMatterProblem& too_complex() const { return too_complex_; }

 private:
  // yaml-cpp's Node::operator= writes through to the node assigned to;
  // reset() rebinds, as these members need.
  struct Container {
    YAML::Node node;
    size_t begin;    // text offset of its "{" or "["
    YAML::Node key;  // in an object, the key of the next value
  };

  static constexpr size_t kReadSoFar = static_cast<size_t>(-1);

  bool building() const { return too_complex_.rule.empty(); }

  void TooComplex(std::string message, size_t begin) {
    too_complex_ = {"input/front-matter-too-complex", std::move(message),
                    origin_ + begin};
    stack_.clear();
    spans_.clear();
    root_.reset();
  }

  // Records where a node is; false (and stops building) over the budget.
  bool Record(const YAML::Node& node, size_t begin, size_t end) {
    if (spans_.size() >= kFrontMatterValueBudget) {
      TooComplex("The front matter has more than " +
                     std::to_string(kFrontMatterValueBudget) +
                     " keys and values; keep it to the page's metadata.",
                 begin);
      return false;
    }
    spans_.push_back({node, origin_ + begin, origin_ + end});
    return true;
  }

  // Puts a new value into the object or array being read.
  void Attach(const YAML::Node& node) {
    if (stack_.empty()) {
      root_.reset(node);
      return;
    }
    Container& parent = stack_.back();
    if (parent.node.IsMap()) {
      parent.node.force_insert(parent.key, node);
    } else {
      parent.node.push_back(node);
    }
  }

  // A scalar at text bytes [begin, end), by default ending where the
  // parser stopped reading.
  bool Scalar(const YAML::Node& node, size_t begin, size_t end = kReadSoFar) {
    if (end == kReadSoFar) end = *read_;
    if (building() && Record(node, begin, end)) Attach(node);
    return true;
  }

  // A number ends before the byte the parser looked ahead at.
  bool Number() {
    if (!building()) return true;
    size_t end = *read_;
    if (end > 0 && !IsNumberChar(text_[end - 1])) --end;
    size_t begin = end;
    while (begin > 0 && IsNumberChar(text_[begin - 1])) --begin;
    return Scalar(YAML::Node(std::string(text_.substr(begin, end - begin))),
                  begin, end);
  }

  // The opening quote of the string whose closing quote ends at `end`:
  // the nearest quote before it that an even number of backslashes
  // precedes (inside a JSON string every quote is escaped).
  size_t StringBegin(size_t end) const {
    size_t i = end > 0 ? end - 1 : 0;
    while (i > 0) {
      --i;
      if (text_[i] != '"') continue;
      size_t backslashes = 0;
      while (backslashes < i && text_[i - backslashes - 1] == '\\') {
        ++backslashes;
      }
      if (backslashes % 2 == 0) return i;
    }
    return 0;
  }

  bool OpenContainer(YAML::Node node) {
    if (!building()) return true;
    const size_t begin = *read_ - 1;
    if (static_cast<int>(stack_.size()) >= kFrontMatterMaxDepth) {
      TooComplex("The front matter nests objects and arrays more than " +
                     std::to_string(kFrontMatterMaxDepth) +
                     " levels deep; keep it to the page's metadata.",
                 begin);
      return true;
    }
    Attach(node);
    stack_.push_back({node, begin, YAML::Node()});
    return true;
  }

  bool CloseContainer() {
    if (!building()) return true;
    const Container open = stack_.back();
    stack_.pop_back();
    // The top-level object has no span: RangeOf never points at it.
    if (!stack_.empty()) Record(open.node, open.begin, *read_);
    return true;
  }

  std::string_view text_;
  size_t origin_;
  const size_t* read_;
  std::vector<Container> stack_;
  YAML::Node root_;
  std::vector<NodeSpan> spans_;
  std::string error_;
  size_t error_position_ = 0;
  FrontMatterProblem too_complex_;
};

// After an invalid object: the block ends at the first line that is a
// lone "}" (0 when there is none).
int LoneClosingBraceLine(const SourceMap& map, int from) {
  for (int line = from; line <= map.line_count(); ++line) {
    std::string_view text = map.Line(line);
    while (!text.empty() &&
           (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
      text.remove_suffix(1);
    }
    if (text == "}") return line;
  }
  return 0;
}

// The block ends on `line`: the Markdown body starts after it.
void EndBlockAt(int line, size_t data_end, FrontMatterBlock& block) {
  block.terminated = line > 0;
  block.close_line = line;
  block.data_end = data_end;
}

}  // namespace

FrontMatter ParseJsonFrontMatter(const SourceMap& map,
                                 const FrontMatterBlock& found,
                                 std::vector<FrontMatterProblem>& problems) {
  FrontMatterBlock block = found;
  const std::string_view text = map.text().substr(block.data_begin);
  size_t read = 0;
  JsonTreeBuilder builder(text, block.data_begin, &read);
  const bool parsed =
      json::sax_parse(CountingIterator(text.data(), &read),
                      CountingIterator(text.data() + text.size(), &read),
                      &builder, json::input_format_t::json, /*strict=*/false);
  if (!parsed) {
    if (builder.error_position() > text.size()) {
      problems.push_back({"input/front-matter-unterminated",
                          "The front matter opens with { on line 1 but its "
                          "JSON object never closes; end it with a } line.",
                          map.LineStart(1)});
      EndBlockAt(0, map.text().size(), block);
      return FrontMatter(block, YAML::Node(), &map);
    }
    const size_t at = std::min(
        block.data_begin + std::max<size_t>(builder.error_position(), 1) - 1,
        map.text().size());
    problems.push_back(
        {"input/front-matter-invalid",
         "The front matter is not valid JSON: " + builder.error() + ".", at});
    const int line = LoneClosingBraceLine(map, block.open_line);
    EndBlockAt(line, line > 0 ? map.LineStart(line) + 1 : map.text().size(),
               block);
    return FrontMatter(block, YAML::Node(), &map);
  }
  const size_t end = block.data_begin + read;
  const int line = map.PositionOf(end - 1).line;
  EndBlockAt(line, end, block);
  const std::string_view rest =
      map.text().substr(end, map.LineStart(line) + map.Line(line).size() - end);
  const size_t trailing = rest.find_first_not_of(" \t");
  if (trailing != std::string_view::npos) {
    problems.push_back({"input/front-matter-invalid",
                        "The front matter's JSON object must end its line; "
                        "move what follows its closing } to the next line.",
                        end + trailing});
    return FrontMatter(block, YAML::Node(), &map);
  }
  if (!builder.too_complex().rule.empty()) {
    problems.push_back(builder.too_complex());
    return FrontMatter(block, YAML::Node(), &map);
  }
  return FrontMatter(block, builder.root(), &map, builder.TakeSpans());
}

}  // namespace proofgate
