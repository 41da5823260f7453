#include "checks/headings/headings_check.h"

#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include "checks/document/admonition.h"
#include "checks/document/reported_speech.h"
#include "checks/document/text_compare.h"

namespace proofgate {

namespace {

// Appends rather than `"H" + std::to_string(level)`: GCC 12 at -O3 reports a
// false -Wrestrict inside that operator+.
std::string H(int level) {
  std::string name = "H";
  name += std::to_string(level);
  return name;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// The setext heading `h`'s content as written: its text lines joined by a
// space, without the block-quote markers of continuation lines.
std::string SetextMarkdown(const SourceMap& map, const Heading& h) {
  std::string out;
  for (int line = h.range.line; line < h.range.end_line; ++line) {
    std::string_view text = map.Line(line);
    if (line == h.range.line) {
      text = text.substr(map.OffsetOfColumn(line, h.range.column) -
                         map.LineStart(line));
    } else {
      text = TrimBlanks(text);
      while (!text.empty() && text.front() == '>') {
        text = TrimBlanks(text.substr(1));
      }
    }
    if (!out.empty()) out += ' ';
    out += TrimBlanks(text);
  }
  return out;
}

// The heading's content as written, inline markup and code backticks
// included: the ATX line without its opening and closing #s, or the
// setext lines joined by a space. Rewriting a heading keeps this.
std::string HeadingMarkdown(const Document& doc, const Heading& h) {
  const SourceMap& map = doc.source_map();
  if (h.setext) return SetextMarkdown(map, h);
  const int n = h.range.line;
  std::string_view line = map.Line(n);
  line = line.substr(map.OffsetOfColumn(n, h.range.column) - map.LineStart(n));
  while (!line.empty() && line.front() == '#') line.remove_prefix(1);
  line = TrimBlanks(line);
  // A closing sequence: #s alone or after a blank (CommonMark 4.2).
  size_t hashes = 0;
  while (hashes < line.size() && line[line.size() - 1 - hashes] == '#') {
    ++hashes;
  }
  if (hashes == line.size() ||
      (hashes > 0 && IsBlank(line[line.size() - 1 - hashes]))) {
    line = TrimBlanks(line.substr(0, line.size() - hashes));
  }
  return std::string(line);
}

// A tracking or anchor marker set as a heading: one lower-case token of
// three or more hyphen-joined parts with a digit in it, written without
// code ("###### sbb-itb-4f1a2b3", the markers an SEO blog tool leaves
// after each section).
bool IsMarker(const Document& doc, const Heading& h) {
  const std::string_view text = h.visible_text;
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  int parts = 1;
  bool digit = false;
  for (char c : text) {
    if (c == '-') {
      ++parts;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c < 'a' || c > 'z') {
      return false;
    }
  }
  return parts >= 3 && digit &&
         doc.source_map().Line(h.range.line).find('`') ==
             std::string_view::npos;
}

// How a heading takes part in the outline.
enum class Role {
  kOutline,  // a section of the page
  kScoped,   // inside a tab, details or aside: that box's own heading
  kLabel,    // a callout label or a marker: not a section at all
  kQuoted,   // inside a block quote: someone else's text, not this page's
             // outline (a GitHub comment quoted with its own "#### offload")
};

// The lines of the headings that stand in a block quote (not an
// admonition: "> [!NOTE]" is a scope), from BlockVoices().
std::set<int> QuotedHeadingLines(const Document& doc) {
  std::set<int> lines;
  const std::vector<ProseBlock>& blocks = doc.blocks();
  const std::vector<Voice> voices = BlockVoices(doc);
  for (size_t i = 0; i < blocks.size() && i < voices.size(); ++i) {
    if (blocks[i].kind == ProseBlock::Kind::kHeading &&
        voices[i] == Voice::kBlockQuote) {
      lines.insert(blocks[i].range.line);
    }
  }
  return lines;
}

Role RoleOf(const Document& doc, const Heading& h,
            const std::set<int>& quoted) {
  if (IsAdmonitionLabel(h.visible_text) || IsMarker(doc, h))
    return Role::kLabel;
  if (quoted.contains(h.range.line)) return Role::kQuoted;
  return h.scope >= 0 ? Role::kScoped : Role::kOutline;
}

// Adds headings/* findings about one draft's headings to a list.
class HeadingFindings {
 public:
  // `doc` and `out` must outlive this object.
  HeadingFindings(const Document& doc, std::vector<Finding>& out)
      : doc_(doc), out_(out) {}

  // A finding headings/`rule` at `h` (a default Heading: the draft as a
  // whole), with the heading's line as the excerpt.
  void Add(std::string rule, Severity severity, const Heading& h,
           std::string message, std::string suggestion = "") {
    Finding f;
    f.rule = "headings/" + std::move(rule);
    f.severity = severity;
    f.message = std::move(message);
    f.range = h.range;
    f.excerpt = doc_.Excerpt(h.range);
    f.suggestion = std::move(suggestion);
    out_.push_back(std::move(f));
  }

 private:
  const Document& doc_;
  std::vector<Finding>& out_;
};

// What a walk over the headings in document order has seen so far.
struct OutlineWalk {
  const Heading* first_h1 = nullptr;
  // The level of the heading before; before the first heading, the
  // title's level when the front matter has a title, else 0.
  int previous = 0;
  bool previous_is_title = false;  // `previous` is the front-matter title's
  // Indexes of the headings still open, by level: the last is the parent
  // of a deeper heading.
  std::vector<int> open;
  // Each titled heading's first occurrence by (scope, parent index or -1
  // for the draft, folded text): its index and the index of the titled
  // sibling heading just before it (-1: none).
  struct Seen {
    int index = -1;
    int previous_sibling = -1;
    std::string lead;  // StepLead() before it
  };
  std::map<std::tuple<int, int, std::string>, Seen> seen;
  // The last titled heading under each (scope, parent index).
  std::map<std::pair<int, int>, int> last_sibling;
  // Whether the outline's levels are the writer's declared choice from
  // here on (see LevelsWaived()).
  bool levels_waived = false;
};

// Whether `word` joins "Example" to the variant it names, as a colon
// would: "Example with a stored payload", "Example using a group
// parameter", "Example of a nested query".
bool IsVariantJoiner(std::string_view word) {
  for (std::string_view joiner : {"with", "without", "using", "of", "for"}) {
    if (word == joiner) return true;
  }
  return false;
}

// The label of a heading that names one variant of a series, "Example
// request: Delete one user" -> "example request" (folded text before the
// first colon, with text after it, a plural "s" and a number left out:
// "Example requests: Updating the guardrails" and "Example 2: Complex
// tool execution" are of the series "example"); an example named in
// words, "Example with a stored payload" / "Example without a stored
// payload", is of the series "example" too (IsVariantJoiner()); ""
// otherwise.
std::string_view SeriesLabel(std::string_view folded) {
  const size_t colon = folded.find(':');
  if (colon == std::string_view::npos) {
    for (std::string_view lead : {"example ", "examples "}) {
      if (!folded.starts_with(lead)) continue;
      std::string_view rest = folded.substr(lead.size());
      const size_t space = rest.find(' ');
      if (space != std::string_view::npos &&
          IsVariantJoiner(rest.substr(0, space)) &&
          !TrimBlanks(rest.substr(space)).empty()) {
        return "example";
      }
    }
    return {};
  }
  if (colon == 0 || TrimBlanks(folded.substr(colon + 1)).empty()) return {};
  std::string_view label = TrimBlanks(folded.substr(0, colon));
  const size_t digits = label.find_last_not_of("0123456789");
  if (digits != std::string_view::npos && digits + 1 < label.size() &&
      label[digits] == ' ') {
    label = TrimBlanks(label.substr(0, digits));
  }
  if (label.size() > 1 && label.back() == 's') label.remove_suffix(1);
  return label;
}

// The step label that leads up to heading `i`: the last line between the
// heading before and this one that is a paragraph in bold alone ("**Step
// 2 (Optional): Test the pipeline.**", the steps of OpenSearch's processor
// pages, each followed by its own "#### Response"); "" when none.
std::string StepLead(const Document& doc, const std::vector<Heading>& headings,
                     size_t i) {
  const SourceMap& map = doc.source_map();
  const int from = i == 0 ? 1 : headings[i - 1].range.end_line + 1;
  for (int line = headings[i].range.line - 1; line >= from; --line) {
    std::string_view text = TrimBlanks(map.Line(line));
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const size_t close = text.ends_with("**")    ? text.size() - 2
                         : text.ends_with("**.") ? text.size() - 3
                                                 : std::string_view::npos;
    if (text.size() > 4 && text.starts_with("**") &&
        close != std::string_view::npos && text.find("**", 2) == close) {
      return std::string(text);
    }
  }
  return {};
}

// Whether a repeated heading is one half of a pair whose other half tells
// the occurrences apart: each follows its own sibling heading, and those
// two name variants of one series ("Example request: Delete one user" /
// "Example response", then "Example request: Delete all" / "Example
// response", the template of OpenSearch's API pages; "Example: Solr
// format" / "Generated tokens"; "Example without a stored payload" /
// "Generated tokens", then "Example with a stored payload" / "Generated
// tokens"), neither of them repeated. Each "Example
// response" reads as the answer to the request just above it. Siblings
// without such a label ("K-means clustering" / "Parameters") do not pair:
// there the repeated heading is a sub-section set at the wrong level.
bool PairedWithSeriesSibling(const std::vector<Heading>& headings,
                             const OutlineWalk& walk, int scope, int parent,
                             int first_previous, int previous) {
  if (first_previous < 0 || previous < 0) return false;
  const std::string a = FoldForCompare(headings[first_previous].visible_text);
  const std::string b = FoldForCompare(headings[previous].visible_text);
  if (a == b || SeriesLabel(a).empty() || SeriesLabel(a) != SeriesLabel(b)) {
    return false;
  }
  for (const auto& [text, index] :
       {std::pair{a, first_previous}, std::pair{b, previous}}) {
    auto it = walk.seen.find(std::make_tuple(scope, parent, text));
    if (it == walk.seen.end() || it->second.index != index) return false;
  }
  return true;
}

// Whether a markdownlint directive's rule names take in MD001 (any of its
// names, any case; none named: every rule), as markdownlint reads them.
bool NamesHeadingIncrement(std::string_view names) {
  constexpr std::string_view kSeparators = " \t\r\n";
  bool named = false;
  while (!names.empty()) {
    const size_t start = names.find_first_not_of(kSeparators);
    if (start == std::string_view::npos) break;
    names.remove_prefix(start);
    const size_t end = names.find_first_of(kSeparators);
    std::string name(names.substr(0, end));
    names.remove_prefix(end == std::string_view::npos ? names.size() : end);
    named = true;
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (name == "md001" || name == "heading-increment" ||
        name == "header-increment") {
      return true;
    }
  }
  return !named;
}

// The lines from which the writer declared the heading levels deliberate
// (value true) or no longer (false): markdownlint-disable and
// markdownlint-enable directives that take in MD001 ("<!--
// markdownlint-disable heading-increment -->", the OpenTelemetry blog's
// "otel-in-focus" posts before their H5 link labels). A level chosen as a
// style is neither a skipped level nor too deep; markdownlint-disable-file
// counts from line 1.
std::map<int, bool> LevelsWaived(const Document& doc) {
  std::map<int, bool> from;
  constexpr std::string_view kDisable = "markdownlint-disable";
  constexpr std::string_view kEnable = "markdownlint-enable";
  for (const HtmlComment& c : doc.comments()) {
    std::string_view text = TrimBlanks(c.text);
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r')) {
      text = TrimBlanks(text.substr(1));
    }
    bool disable = text.starts_with(kDisable);
    std::string_view rest =
        text.substr(disable                     ? kDisable.size()
                    : text.starts_with(kEnable) ? kEnable.size()
                                                : 0);
    if (rest.size() == text.size()) continue;
    int line = c.range.line;
    if (disable && rest.starts_with("-file")) {
      rest.remove_prefix(5);
      line = 1;
    }
    if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t' &&
        rest.front() != '\n') {
      continue;  // -line, -next-line: one line, not the outline
    }
    if (NamesHeadingIncrement(rest)) from[line] = disable;
  }
  return from;
}

// multiple-h1 and skipped-level: outline heading `h`'s level against the
// outline headings above. Suggestions rewrite the heading as written.
void CheckLevel(const Document& doc, const Heading& h, OutlineWalk& walk,
                HeadingFindings& add) {
  if (h.level == 1) {
    if (walk.first_h1 == nullptr) {
      walk.first_h1 = &h;
    } else {
      add.Add("multiple-h1", Severity::kError, h,
              "This is a second H1 (the first is on line " +
                  std::to_string(walk.first_h1->range.line) +
                  "); a draft has one title, so make this an H2.",
              "## " + HeadingMarkdown(doc, h));
    }
  }
  const int previous = walk.previous;
  if (previous > 0 && h.level > previous + 1 && !walk.levels_waived) {
    // Before the first heading the level comes from the title, which the
    // writer may not think of as a heading: say so.
    const std::string from =
        walk.previous_is_title
            ? "the page title (counted as " + H(previous) + ")"
            : H(previous);
    add.Add("skipped-level", Severity::kError, h,
            "The heading level jumps from " + from + " to " + H(h.level) +
                "; use an " + H(previous + 1) + " here, or add the missing " +
                H(previous + 1) + " above.",
            std::string(previous + 1, '#') + " " + HeadingMarkdown(doc, h));
  }
  walk.previous = h.level;
  walk.previous_is_title = false;
}

// empty and duplicate: the text of heading `i` against its siblings under
// the same parent. An empty heading closes no section, but opens its own.
// Headings repeat by design once per tab (the same "Install" under each
// language), so the same text counts as a duplicate only within the same
// tab, details or aside; nor is a heading paired with a variant of a
// series (PairedWithSeriesSibling()) or one led by its own bold step label
// (StepLead()). Callout labels, markers and
// quoted headings are never duplicates.
void CheckText(const Document& doc, const std::vector<Heading>& headings,
               size_t i, Role role, OutlineWalk& walk, HeadingFindings& add) {
  const Heading& h = headings[i];
  const std::string folded = FoldForCompare(h.visible_text);
  if (folded.empty()) {
    add.Add("empty", Severity::kError, h,
            "This " + H(h.level) + " has no text; give the section a title.");
  } else {
    if (role == Role::kLabel || role == Role::kQuoted) return;
    while (!walk.open.empty() && headings[walk.open.back()].level >= h.level) {
      walk.open.pop_back();
    }
    const int parent = walk.open.empty() ? -1 : walk.open.back();
    const auto siblings = std::make_pair(h.scope, parent);
    auto last = walk.last_sibling.find(siblings);
    const int previous = last == walk.last_sibling.end() ? -1 : last->second;
    std::string lead = StepLead(doc, headings, i);
    auto [it, inserted] = walk.seen.emplace(
        std::make_tuple(h.scope, parent, folded),
        OutlineWalk::Seen{static_cast<int>(i), previous, lead});
    const bool own_step =
        !lead.empty() && !it->second.lead.empty() && lead != it->second.lead;
    if (!inserted && !own_step &&
        !PairedWithSeriesSibling(headings, walk, h.scope, parent,
                                 it->second.previous_sibling, previous)) {
      add.Add("duplicate", Severity::kWarning, h,
              "The heading '" + h.visible_text + "' repeats the one on line " +
                  std::to_string(headings[it->second.index].range.line) +
                  " in the same section; readers and anchor links cannot "
                  "tell them apart.");
    }
    walk.last_sibling[siblings] = static_cast<int>(i);
  }
  walk.open.push_back(static_cast<int>(i));
}

class HeadingsCheck : public Check {
 public:
  HeadingsCheck(std::string front_matter_title, int title_level, int max_depth,
                std::vector<std::string> required)
      : front_matter_title_(std::move(front_matter_title)),
        title_level_(title_level),
        max_depth_(max_depth),
        required_(std::move(required)) {}

  // multiple-h1, skipped-level, max-depth and first-not-h1 over the
  // outline headings; empty and duplicate over every heading.
  void Run(const Document& doc, std::vector<Finding>& out) const override {
    const std::vector<Heading>& headings = doc.headings();
    HeadingFindings add(doc, out);
    OutlineWalk walk;
    const bool has_title = HasFrontMatterTitle(doc);
    // Without a title level the site's template decides how the title is
    // rendered: as an H1 or an H2 (the Rust blog, Kubernetes event pages),
    // so the body may start at H2 or H3 below it.
    walk.previous = !has_title ? 0 : title_level_ > 0 ? title_level_ : 2;
    walk.previous_is_title = has_title;
    bool first = true;
    const std::set<int> quoted = QuotedHeadingLines(doc);
    const std::map<int, bool> waived = LevelsWaived(doc);
    for (size_t i = 0; i < headings.size(); ++i) {
      const Heading& h = headings[i];
      auto directive = waived.upper_bound(h.range.line);
      walk.levels_waived =
          directive != waived.begin() && std::prev(directive)->second;
      const Role role = RoleOf(doc, h, quoted);
      if (role == Role::kOutline) {
        if (first) CheckFirst(h, has_title, add);
        first = false;
        CheckLevel(doc, h, walk, add);
        if (h.level > max_depth_ && !walk.levels_waived) {
          add.Add("max-depth", Severity::kWarning, h,
                  "This " + H(h.level) + " is deeper than the limit of " +
                      H(max_depth_) +
                      "; flatten the outline or split the page.");
        }
      }
      CheckText(doc, headings, i, role, walk, add);
    }
    CheckRequired(doc, add);
  }

 private:
  // first-not-h1: the first outline heading `h` when the front matter has
  // no title (`has_title`).
  void CheckFirst(const Heading& h, bool has_title,
                  HeadingFindings& add) const {
    if (h.level == 1 || has_title) return;
    add.Add(
        "first-not-h1", Severity::kWarning, h,
        "The first heading is an " + H(h.level) +
            ", but a draft should open with its title as an H1" +
            (front_matter_title_.empty() ? std::string(".")
                                         : " (or a '" + front_matter_title_ +
                                               "' in the front matter)."));
  }

  bool HasFrontMatterTitle(const Document& doc) const {
    if (front_matter_title_.empty()) return false;
    const FieldLookup title =
        doc.front_matter().Get(front_matter_title_, ValueType::kString);
    return title.status == FieldLookup::Status::kFound &&
           !FoldForCompare(title.text).empty();
  }

  void CheckRequired(const Document& doc, HeadingFindings& add) const {
    if (required_.empty()) return;
    const std::vector<Heading>& headings = doc.headings();
    size_t next = 0;  // index into required_ of the next expected title
    for (const Heading& h : headings) {
      if (next < required_.size() &&
          FoldForCompare(h.visible_text) == FoldForCompare(required_[next])) {
        ++next;
      }
    }
    for (size_t k = next; k < required_.size(); ++k) {
      const std::string want = FoldForCompare(required_[k]);
      const Heading* found = nullptr;
      for (const Heading& h : headings) {
        if (FoldForCompare(h.visible_text) == want) found = &h;
      }
      const std::string after =
          k == 0 ? std::string() : " after '" + required_[k - 1] + "'";
      if (found != nullptr) {
        add.Add("required", Severity::kError, *found,
                "The required section '" + required_[k] +
                    "' is out of order: it must come" +
                    (after.empty() ? std::string(" first") : after) + ".");
      } else {
        Heading whole;  // the draft as a whole
        whole.range = SourceRange{};
        add.Add("required", Severity::kError, whole,
                "The required section '" + required_[k] + "' is missing" +
                    (after.empty() ? "" : "; add it" + after) + ".",
                "## " + required_[k]);
      }
    }
  }

  std::string front_matter_title_;
  // The level the site renders the front-matter title at; 0 when unknown
  // (the default): then it counts as an H2, the deepest level sites use.
  int title_level_;
  int max_depth_;
  std::vector<std::string> required_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  std::string title = settings.String("front_matter_title", "title");
  const int title_level =
      static_cast<int>(settings.Int("front_matter_title_level", 0, 0, 5));
  const int max_depth = static_cast<int>(settings.Int("max_depth", 6, 1, 6));
  std::vector<std::string> required = settings.StringList("required");
  return std::make_unique<HeadingsCheck>(std::move(title), title_level,
                                         max_depth, std::move(required));
}

}  // namespace

CheckSpec HeadingsCheckSpec() {
  return CheckSpec{
      "headings",
      "The outline: one title, no skipped levels, no empty or duplicate "
      "headings, required sections in order.",
      {
          {"headings/multiple-h1", Severity::kError,
           "More than one H1 in the body."},
          {"headings/first-not-h1", Severity::kWarning,
           "The first heading is not an H1 and no front-matter title stands "
           "in for it."},
          {"headings/skipped-level", Severity::kError,
           "A heading more than one level deeper than the one before."},
          {"headings/empty", Severity::kError, "A heading with no text."},
          {"headings/duplicate", Severity::kWarning,
           "The same heading text twice under one parent."},
          {"headings/max-depth", Severity::kWarning,
           "A heading deeper than the rulebook's max_depth."},
          {"headings/required", Severity::kError,
           "A required section is missing or out of order."},
      },
      &Build,
  };
}

}  // namespace proofgate
