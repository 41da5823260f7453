#include "checks/document/templating.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "checks/document/find_bytes.h"
#include "checks/document/mdx_syntax.h"
#include "checks/document/template_tags.h"

namespace proofgate {

namespace {

constexpr size_t kNpos = std::string_view::npos;

// No construct is read past this many bytes from its start: the largest
// real one in the shared corpora (a Liquid include with one argument per
// line, an MDX <LinkCard> with a long description) is under 2 KiB.
constexpr size_t kMaxConstruct = 64 * 1024;

// Reads that find nothing may look at this many bytes per byte of the
// draft in all, then only kMinWindow bytes each: enough for every real
// page, linear time for hostile ones.
constexpr size_t kBudgetPerByte = 16;
constexpr size_t kMinWindow = 256;

// Constructs open at once, at most: real pages nest a handful.
constexpr size_t kMaxOpen = 256;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool OneOf(std::string_view name, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), name) != set.end();
}

// What an opening construct does to the content up to its closing one.
enum class Role {
  kTransparent,  // nothing: only matched with its closing tag
  kScope,        // makes a scope
  kNonProse,     // its content is not prose
  kCapture,      // a Liquid capture (decided at the end: see Finish)
};

// The markup family an opening construct belongs to; closing ones match
// only their own family.
enum class Family { kHugo, kLiquid, kJsx, kDirective };

struct OpenConstruct {
  Family family = Family::kHugo;
  std::string name;  // lower-cased for Hugo and Liquid, as written for JSX
  size_t begin = 0;
  Role role = Role::kTransparent;
  int scope = -1;            // index into scopes_ (kScope and code tabs)
  bool non_prose = false;    // content is not prose (set with kNonProse)
  bool tab_set = false;      // its direct children are tabs
  bool prose_tabs = false;   // a Docsy tabpane whose tabs hold Markdown
  int heading_level = 0;     // 1..6 for a top-level JSX <h1>..<h6>
  size_t content_begin = 0;  // just past the opening markup
  std::string capture_name;  // for kCapture
};

struct Capture {
  std::string name;
  size_t begin = 0;
  size_t end = 0;
};

// The fence of a fenced code block: a run of 3 or more '`' or '~', after
// blanks, block-quote markers and at most one list marker.
struct Fence {
  char mark = 0;
  size_t length = 0;
  std::string_view info;  // the rest of the line after the run
};

Fence ReadFence(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (IsBlank(line[i]) || line[i] == '>')) ++i;
  size_t j = i;
  if (j < line.size() && (line[j] == '-' || line[j] == '*' || line[j] == '+')) {
    ++j;
  } else {
    while (j < line.size() && j - i < 9 && line[j] >= '0' && line[j] <= '9') {
      ++j;
    }
    if (j > i && j < line.size() && (line[j] == '.' || line[j] == ')')) {
      ++j;
    } else {
      j = i;
    }
  }
  if (j > i && j < line.size() && IsBlank(line[j])) {
    i = j;
    while (i < line.size() && IsBlank(line[i])) ++i;
  }
  Fence fence;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return fence;
  size_t n = 0;
  while (i + n < line.size() && line[i + n] == line[i]) ++n;
  if (n < 3) return fence;
  fence.mark = line[i];
  fence.length = n;
  fence.info = line.substr(i + n);
  return fence;
}

class Scanner {
 public:
  Scanner(std::string_view text, size_t body_begin, Templating dialect)
      : text_(text),
        body_begin_(body_begin),
        dialect_(dialect),
        budget_(kBudgetPerByte * text.size() + kMaxConstruct) {}

  TemplateLayout Run() {
    size_t pos = std::min(body_begin_, text_.size());
    while (pos < text_.size()) {
      if (AtLineStart(pos)) {
        const size_t next = ScanLineStart(pos);
        if (next != kNpos) {
          pos = next;
          continue;
        }
      }
      pos = ScanInline(pos);
    }
    return Finish();
  }

 private:
  bool AtLineStart(size_t pos) const {
    if (pos == body_begin_ || pos == 0) return true;
    const char before = text_[pos - 1];
    return before == '\n' || (before == '\r' && text_[pos] != '\n');
  }
  // Offset of the line break ending the line that holds `pos` (or the
  // text's end). The last answer is kept: scanning asks for the same line
  // again and again, and a line may be megabytes long.
  size_t LineEnd(size_t pos) const {
    if (line_from_ == kNpos || pos < line_from_ || pos > line_end_) {
      const size_t end = FindLineBreak(text_, pos);
      line_from_ = pos;
      line_end_ = end == kNpos ? text_.size() : end;
    }
    return line_end_;
  }
  size_t NextLine(size_t pos) const {
    size_t end = LineEnd(pos);
    if (end < text_.size() && text_[end] == '\r') ++end;
    if (end < text_.size() && text_[end] == '\n') ++end;
    return end;
  }

  // Whether the character at `at` is backslash-escaped ("\{" is a brace
  // in MDX text, not an expression).
  bool Escaped(size_t at) const {
    size_t slashes = 0;
    while (slashes < at && text_[at - 1 - slashes] == '\\') ++slashes;
    return slashes % 2 == 1;
  }

  void AddSpan(size_t begin, size_t end) {
    if (end > begin) spans_.push_back({begin, end});
  }

  // Handles what only counts at the start of a line (code fences, MDX
  // import / export statements and directives). Returns where scanning
  // goes on, or npos when the line is ordinary.
  size_t ScanLineStart(size_t pos) {
    const std::string_view line = text_.substr(pos, LineEnd(pos) - pos);
    const Fence fence = ReadFence(line);
    if (fence_.length > 0) {
      if (fence.mark == fence_.mark && fence.length >= fence_.length &&
          fence.info.find_first_not_of(" \t") == kNpos) {
        fence_ = Fence();
      }
      return NextLine(pos);
    }
    if (fence.length > 0 &&
        (fence.mark == '~' || fence.info.find('`') == kNpos)) {
      fence_ = fence;
      return NextLine(pos);
    }
    if (dialect_ != Templating::kMdx) return kNpos;
    if (StartsEsmStatement(text_, pos)) {
      const size_t end = ReadEsmStatement(text_, pos, kMaxConstruct);
      AddSpan(pos, end);
      return end > pos ? end : NextLine(pos);
    }
    if (const auto directive = ReadDirectiveLine(line)) {
      OnDirective(*directive, pos, pos + line.size());
      return NextLine(pos);
    }
    return kNpos;
  }

  // Scans from `pos` to the next construct on the line and handles it;
  // returns where scanning goes on.
  size_t ScanInline(size_t pos) {
    const size_t line_end = LineEnd(pos);
    const std::string_view triggers =
        dialect_ == Templating::kMdx ? "`{<" : "`{";
    const size_t at =
        FindFirstOfBytes(text_.substr(0, line_end), pos, triggers);
    if (at == kNpos) return NextLine(pos);
    if (text_[at] == '`') {
      // A code span: up to the next run of as many backticks on the line.
      size_t run = 1;
      while (at + run < line_end && text_[at + run] == '`') ++run;
      for (size_t i = at + run; i < line_end;) {
        const size_t open = text_.substr(0, line_end).find('`', i);
        if (open == kNpos) break;
        size_t n = 0;
        while (open + n < line_end && text_[open + n] == '`') ++n;
        if (n == run) return open + n;
        i = open + n;
      }
      return at + run;
    }
    if (dialect_ == Templating::kMdx && Escaped(at)) return at + 1;
    if (text_[at] == '<') return OnAngle(at);
    return OnBrace(at);
  }

  size_t OnBrace(size_t at) {
    const std::string_view rest = text_.substr(at);
    if (dialect_ == Templating::kMdx) {
      size_t scanned = 0;
      const size_t end = ReadJsxExpression(text_, at, Window(), &scanned);
      if (end == kNpos) {
        Charge(scanned);
        return at + 1;
      }
      AddSpan(at, end);
      return end;
    }
    if (dialect_ == Templating::kHugo &&
        (rest.starts_with("{{<") || rest.starts_with("{{%"))) {
      if (auto tag = ReadShortcodeAt(at)) return OnHugoShortcode(*tag);
      return at + 1;
    }
    if (dialect_ == Templating::kLiquid && rest.starts_with("{%")) {
      if (auto tag = ReadLiquidTagAt(at)) return OnLiquidTag(*tag);
      return at + 1;
    }
    if (dialect_ == Templating::kLiquid && rest.starts_with("{:")) {
      if (auto tag = ReadKramdownAttributes(text_, at)) {
        AddSpan(tag->begin, tag->end);
        return tag->end;
      }
      return at + 1;
    }
    if (rest.starts_with("{{") && Closes(at, "}}")) {
      if (auto tag = ReadTemplateOutput(text_, at, kMaxConstruct)) {
        AddSpan(tag->begin, tag->end);
        const std::string_view expr = tag->args;
        outputs_.insert(std::string(expr.substr(0, expr.find_first_of(" |"))));
        return tag->end;
      }
    }
    return at + 1;
  }

  // Whether `closer` occurs within kMaxConstruct bytes after `at`. Each
  // closer's next occurrence is remembered, so however many openers lack
  // one, the text is searched for each closer once from left to right.
  bool Closes(size_t at, std::string_view closer) {
    auto it = closers_.find(closer);
    if (it == closers_.end()) {
      it = closers_.emplace(std::string(closer), NextCloser()).first;
    }
    NextCloser& next = it->second;
    if (next.from == kNpos || at < next.from ||
        (next.at != kNpos && at > next.at)) {
      next.from = at;
      next.at = text_.find(closer, at);
    }
    return next.at != kNpos && next.at - at <= kMaxConstruct;
  }

  // The Hugo shortcode at `at`, read only when its closer is in reach.
  std::optional<TemplateTag> ReadShortcodeAt(size_t at) {
    const bool angle = text_[at + 2] == '<';
    size_t inner = at + 3;
    while (inner < text_.size() && IsBlank(text_[inner])) ++inner;
    const bool escaped = text_.substr(inner, 2) == "/*";
    const std::string_view closer =
        escaped ? (angle ? "*/>}}" : "*/%}}") : (angle ? ">}}" : "%}}");
    if (!Closes(at, closer)) return std::nullopt;
    return ReadHugoShortcode(text_, at, kMaxConstruct);
  }

  // The Liquid tag at `at`, read only when its closer is in reach.
  std::optional<TemplateTag> ReadLiquidTagAt(size_t at) {
    if (!Closes(at, "%}")) return std::nullopt;
    return ReadLiquidTag(text_, at, kMaxConstruct);
  }

  // The bytes the next MDX read may look at: kMaxConstruct while the
  // budget for reads that find nothing lasts, then a short window, so that
  // a draft full of unclosed '{' or '<' costs linear time.
  size_t Window() const {
    return std::clamp<size_t>(budget_, kMinWindow, kMaxConstruct);
  }
  void Charge(size_t bytes) { budget_ -= std::min(budget_, bytes); }

  // Whether another construct may open: nesting is bounded, so that
  // closing and scope lookups stay cheap on hostile input.
  bool Full() const { return stack_.size() >= kMaxOpen; }

  int AddScope(ScopeKind kind, std::string name, std::string label,
               size_t begin) {
    Scope scope;
    scope.kind = kind;
    scope.name = std::move(name);
    scope.label = std::move(label);
    scope.begin = begin;
    scopes_.push_back(std::move(scope));
    closed_.push_back(false);
    return static_cast<int>(scopes_.size()) - 1;
  }

  // The innermost open construct of `family`, or null.
  OpenConstruct* Innermost(Family family) {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->family == family) return &*it;
    }
    return nullptr;
  }

  // Closes the innermost open construct of `family` named `name` (any
  // name when `name` is null), and the unclosed ones inside it.
  void Close(Family family, const std::string* name, size_t close_begin,
             size_t end) {
    auto it = std::find_if(
        stack_.rbegin(), stack_.rend(), [&](const OpenConstruct& c) {
          return c.family == family && (name == nullptr || c.name == *name);
        });
    if (it == stack_.rend()) return;
    const OpenConstruct& open = *it;
    if (open.scope >= 0) {
      scopes_[open.scope].end = end;
      closed_[open.scope] = true;
    }
    if (open.non_prose) AddSpan(open.begin, end);
    if (open.role == Role::kCapture) {
      captures_.push_back({open.capture_name, open.begin, end});
    }
    if (open.heading_level > 0 &&
        FindLineBreak(text_.substr(open.begin, end - open.begin), 0) == kNpos) {
      headings_.push_back({open.heading_level, open.begin, end,
                           open.content_begin, close_begin});
    }
    stack_.erase(std::next(it).base(), stack_.end());
  }

  // Skips to the closing tag of a construct whose content is not scanned
  // (Liquid raw, comment and highlight; the Hugo comment shortcode), and
  // returns where scanning goes on. `whole` marks the content non-prose.
  size_t SkipTo(Family family, std::string_view closer, size_t from,
                size_t open_begin, bool whole) {
    for (size_t at = text_.find('{', from); at != kNpos;
         at = text_.find('{', at + 1)) {
      const std::string_view rest = text_.substr(at);
      std::optional<TemplateTag> tag;
      if (family == Family::kLiquid && rest.starts_with("{%")) {
        tag = ReadLiquidTagAt(at);
      } else if (family == Family::kHugo &&
                 (rest.starts_with("{{<") || rest.starts_with("{{%"))) {
        tag = ReadShortcodeAt(at);
      }
      if (!tag) continue;
      if (Lower(tag->name) == closer &&
          (family == Family::kLiquid || tag->closing)) {
        AddSpan(whole ? open_begin : tag->begin, tag->end);
        return tag->end;
      }
      at = tag->end - 1;  // a tag inside is passed over whole
    }
    return from;  // never closed: the opening tag alone is templating
  }

  size_t OnHugoShortcode(const TemplateTag& tag) {
    AddSpan(tag.begin, tag.end);
    if (tag.name.empty() || tag.self_closing) return tag.end;
    std::string name = Lower(tag.name);
    if (tag.closing) {
      Close(Family::kHugo, &name, tag.begin, tag.end);
      return tag.end;
    }
    if (name == "comment") {
      return SkipTo(Family::kHugo, "comment", tag.end, tag.begin, true);
    }
    if (Full()) return tag.end;
    OpenConstruct open;
    open.family = Family::kHugo;
    open.name = name;
    open.begin = tag.begin;
    if (OneOf(name, {"tabpane", "tabs"})) {
      open.role = Role::kScope;
      open.tab_set = true;
      open.prose_tabs =
          name == "tabs" || TagArgument(tag.args, "text", -1) == "true";
      open.scope = AddScope(ScopeKind::kTabSet, tag.name, "", tag.begin);
    } else if (OneOf(name, {"tab", "codetab"})) {
      const OpenConstruct* set = Innermost(Family::kHugo);
      open.role = Role::kScope;
      open.scope = AddScope(ScopeKind::kTab, tag.name,
                            TagArgument(tag.args, "header", 0), tag.begin);
      // Docsy renders a tab as code unless the tabpane or the tab says
      // text=true (docsy.dev, "Tabbed panes").
      open.non_prose = set != nullptr && set->tab_set && !set->prose_tabs &&
                       TagArgument(tag.args, "text", -1) != "true";
    } else if (OneOf(name, {"alert", "note", "tip", "warning", "caution",
                            "info", "callout", "hint", "admonition", "notice",
                            "important", "danger", "pageinfo"})) {
      open.role = Role::kScope;
      open.scope = AddScope(ScopeKind::kAside, tag.name,
                            TagArgument(tag.args, "title", -1), tag.begin);
    } else if (OneOf(name, {"details", "expand", "collapse", "spoiler"})) {
      open.role = Role::kScope;
      open.scope = AddScope(ScopeKind::kDetails, tag.name,
                            TagArgument(tag.args, "title", 0), tag.begin);
    } else if (OneOf(name, {"highlight", "code"})) {
      open.role = Role::kNonProse;
      open.non_prose = true;
    }
    stack_.push_back(std::move(open));
    return tag.end;
  }

  size_t OnLiquidTag(const TemplateTag& tag) {
    AddSpan(tag.begin, tag.end);
    const std::string name = Lower(tag.name);
    if (name == "raw") {
      return SkipTo(Family::kLiquid, "endraw", tag.end, tag.begin, false);
    }
    if (name == "comment" || name == "highlight") {
      return SkipTo(Family::kLiquid, "end" + name, tag.end, tag.begin, true);
    }
    if (name.starts_with("end")) {
      const std::string opened = name.substr(3);
      Close(Family::kLiquid, &opened, tag.begin, tag.end);
      return tag.end;
    }
    if (Full()) return tag.end;
    OpenConstruct open;
    open.family = Family::kLiquid;
    open.name = name;
    open.begin = tag.begin;
    if (name == "tabs") {
      open.role = Role::kScope;
      open.tab_set = true;
      open.scope = AddScope(ScopeKind::kTabSet, tag.name, "", tag.begin);
    } else if (name == "tab") {
      // jekyll-tabs: {% tab group Label %}.
      std::string label = TagArgument(tag.args, "", 1);
      if (label.empty()) label = TagArgument(tag.args, "", 0);
      open.role = Role::kScope;
      open.scope = AddScope(ScopeKind::kTab, tag.name, label, tag.begin);
    } else if (name == "capture") {
      open.role = Role::kCapture;
      open.capture_name = TagArgument(tag.args, "", 0);
    } else {
      return tag.end;  // if, for, include...: the tag alone is templating
    }
    stack_.push_back(std::move(open));
    return tag.end;
  }

  size_t OnAngle(size_t at) {
    size_t scanned = 0;
    const std::optional<JsxTag> tag = ReadJsxTag(text_, at, Window(), &scanned);
    if (!tag) {
      Charge(scanned);
      return at + 1;
    }
    AddSpan(tag->begin, tag->end);
    if (tag->closing) {
      Close(Family::kJsx, &tag->name, tag->begin, tag->end);
      return tag->end;
    }
    // Elements that never hold children, even when not written "<br />".
    if (tag->self_closing ||
        OneOf(Lower(tag->name),
              {"br", "hr", "img", "input", "meta", "link", "source", "wbr",
               "area", "col", "embed", "track"})) {
      return tag->end;
    }
    OnJsxElement(*tag);
    return tag->end;
  }

  void OnJsxElement(const JsxTag& tag) {
    if (Full()) return;
    const OpenConstruct* parent = Innermost(Family::kJsx);
    OpenConstruct open;
    open.family = Family::kJsx;
    open.name = tag.name;
    open.begin = tag.begin;
    open.content_begin = tag.end;
    const std::string& name = tag.name;
    if (parent == nullptr && name.size() == 2 && name[0] == 'h' &&
        name[1] >= '1' && name[1] <= '6') {
      open.heading_level = name[1] - '0';
    }
    if (name.size() >= 4 && name.ends_with("Tabs")) {
      // Starlight <Tabs>, and components built on it (<PackageManagerTabs>).
      open.role = Role::kScope;
      open.tab_set = true;
      open.scope = AddScope(ScopeKind::kTabSet, name, "", tag.begin);
    } else if (parent != nullptr && parent->tab_set) {
      std::string label = tag.Attribute("label");
      if (label.empty()) label = tag.Attribute("slot");
      if (label.empty()) label = tag.Attribute("title");
      open.role = Role::kScope;
      open.scope = AddScope(ScopeKind::kTab, name, label, tag.begin);
    } else if (name == "Aside") {
      const std::string type = tag.Attribute("type");
      open.role = Role::kScope;
      open.scope = AddScope(ScopeKind::kAside, type.empty() ? "note" : type,
                            tag.Attribute("title"), tag.begin);
    } else if (name == "details") {
      open.role = Role::kScope;
      open.scope = AddScope(ScopeKind::kDetails, name, "", tag.begin);
    } else if (name == "FileTree" || name == "code" || name == "pre") {
      // Code, and Starlight's <FileTree>: a list of file names, not
      // sentences.
      open.role = Role::kNonProse;
      open.non_prose = true;
    }
    stack_.push_back(std::move(open));
  }

  void OnDirective(const DirectiveLine& d, size_t begin, size_t end) {
    AddSpan(begin, end);
    if (d.closing) {
      Close(Family::kDirective, nullptr, begin, end);
      return;
    }
    if (Full()) return;
    OpenConstruct open;
    open.family = Family::kDirective;
    open.name = Lower(d.name);
    open.begin = begin;
    open.role = Role::kScope;
    open.scope = AddScope(
        open.name == "details" ? ScopeKind::kDetails : ScopeKind::kAside,
        d.name, d.label, begin);
    stack_.push_back(std::move(open));
  }

  TemplateLayout Finish() {
    // A capture shown with {{ name }} is prose where it is shown; one only
    // passed to an include (OpenSearch's code-block.html rest=step1_rest)
    // is that include's code.
    for (const Capture& c : captures_) {
      if (!outputs_.contains(c.name)) AddSpan(c.begin, c.end);
    }
    TemplateLayout layout;
    layout.non_prose = MergeSpans(std::move(spans_));
    for (size_t i = 0; i < scopes_.size(); ++i) {
      if (closed_[i]) layout.scopes.push_back(std::move(scopes_[i]));
    }
    NestScopes(layout.scopes);
    layout.headings = std::move(headings_);
    return layout;
  }

  std::string_view text_;
  size_t body_begin_;
  Templating dialect_;
  Fence fence_;  // the open code fence, length 0 when none
  std::vector<TemplateSpan> spans_;
  std::vector<Scope> scopes_;  // in order of their opening markup
  std::vector<bool> closed_;
  std::vector<OpenConstruct> stack_;
  std::vector<Capture> captures_;
  std::set<std::string, std::less<>> outputs_;  // names shown with {{ }}
  std::vector<ElementHeading> headings_;
  struct NextCloser {
    size_t from = kNpos;  // where the last search started
    size_t at = kNpos;    // what it found
  };
  std::map<std::string, NextCloser, std::less<>> closers_;
  // Bytes that MDX reads finding nothing may still look at.
  size_t budget_;
  // LineEnd()'s last answer: the line break after line_from_.
  mutable size_t line_from_ = kNpos;
  mutable size_t line_end_ = 0;
};

// End of the construct of `dialect` at `at` in a line of plain text, or
// npos when none starts there within `window` bytes; `scanned` receives
// the bytes looked at.
size_t InlineConstructEnd(std::string_view text, size_t at, Templating dialect,
                          size_t window, size_t& scanned) {
  const std::string_view rest = text.substr(at);
  scanned = std::min(window, rest.size());
  std::optional<TemplateTag> tag;
  if (dialect == Templating::kMdx) {
    if (rest.starts_with("{")) {
      return ReadJsxExpression(text, at, window, &scanned);
    }
    const auto jsx = ReadJsxTag(text, at, window, &scanned);
    return jsx ? jsx->end : kNpos;
  }
  if (dialect == Templating::kHugo &&
      (rest.starts_with("{{<") || rest.starts_with("{{%"))) {
    tag = ReadHugoShortcode(text, at, window);
  } else if (dialect == Templating::kLiquid && rest.starts_with("{%")) {
    tag = ReadLiquidTag(text, at, window);
  } else if (dialect == Templating::kLiquid && rest.starts_with("{:")) {
    tag = ReadKramdownAttributes(text, at);
  } else if (dialect != Templating::kNone && rest.starts_with("{{")) {
    tag = ReadTemplateOutput(text, at, window);
  }
  return tag ? tag->end : kNpos;
}

// What a body's text says about its dialect, outside fenced code and code
// spans (where a page shows another site's syntax: OpenSearch's Liquid
// pages show Mustache's {{<field_name>}} in code).
struct TemplatingEvidence {
  size_t shortcodes = 0;   // "{{<" and "{{%"
  size_t liquid_tags = 0;  // "{%" not after '{'
  size_t other = 0;        // "{{" output and "{:" attribute lists
};

TemplatingEvidence CountEvidence(std::string_view body) {
  TemplatingEvidence evidence;
  Fence fence;
  for (size_t pos = 0; pos < body.size();) {
    size_t end = FindLineBreak(body, pos);
    if (end == kNpos) end = body.size();
    const std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    const Fence here = ReadFence(line);
    if (fence.length > 0) {
      if (here.mark == fence.mark && here.length >= fence.length) {
        fence = Fence();
      }
      continue;
    }
    if (here.length > 0) {
      fence = here;
      continue;
    }
    if (line.find('{') == kNpos) continue;  // nothing to count
    bool code = false;  // inside a code span (backticks pair up per line)
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      if (line[i] == '`') code = !code;
      if (code || line[i] != '{') continue;
      const char next = line[i + 1];
      if (next == '%' && (i == 0 || line[i - 1] != '{')) {
        ++evidence.liquid_tags;
      } else if (next == '{' && i + 2 < line.size() &&
                 (line[i + 2] == '<' || line[i + 2] == '%')) {
        ++evidence.shortcodes;
      } else if (next == '{' || next == ':') {
        ++evidence.other;
      }
    }
  }
  return evidence;
}

}  // namespace

std::string_view TemplatingName(Templating templating) {
  switch (templating) {
    case Templating::kAuto:
      return "auto";
    case Templating::kHugo:
      return "hugo";
    case Templating::kLiquid:
      return "liquid";
    case Templating::kMdx:
      return "mdx";
    case Templating::kNone:
      return "none";
  }
  return "auto";
}

std::optional<Templating> ParseTemplatingName(std::string_view name) {
  for (Templating t :
       {Templating::kAuto, Templating::kHugo, Templating::kLiquid,
        Templating::kMdx, Templating::kNone}) {
    if (TemplatingName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view ScopeKindName(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kTabSet:
      return "tab-set";
    case ScopeKind::kTab:
      return "tab";
    case ScopeKind::kDetails:
      return "details";
    case ScopeKind::kAside:
      return "aside";
  }
  return "aside";
}

Templating ResolveTemplating(Templating requested, std::string_view path,
                             std::string_view body) {
  if (requested != Templating::kAuto) return requested;
  if (path.size() >= 4 && Lower(path.substr(path.size() - 4)) == ".mdx") {
    return Templating::kMdx;
  }
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first != kNpos) {
    const size_t line = body.find_last_of("\r\n", first);
    const size_t start = line == kNpos ? 0 : line + 1;
    if (start == first && StartsEsmStatement(body, first)) {
      return Templating::kMdx;
    }
  }
  const TemplatingEvidence evidence = CountEvidence(body);
  if (evidence.liquid_tags > evidence.shortcodes) return Templating::kLiquid;
  if (evidence.shortcodes > 0) return Templating::kHugo;
  return evidence.other > 0 ? Templating::kLiquid : Templating::kNone;
}

TemplateLayout ScanTemplating(std::string_view text, size_t body_begin,
                              Templating dialect) {
  if (dialect == Templating::kNone || dialect == Templating::kAuto) return {};
  return Scanner(text, body_begin, dialect).Run();
}

std::vector<TemplateSpan> MergeSpans(std::vector<TemplateSpan> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const TemplateSpan& a, const TemplateSpan& b) {
              return a.begin < b.begin;
            });
  std::vector<TemplateSpan> merged;
  for (const TemplateSpan& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

void NestScopes(std::vector<Scope>& scopes) {
  std::stable_sort(
      scopes.begin(), scopes.end(), [](const Scope& a, const Scope& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
      });
  std::vector<int> open;  // indexes of the scopes holding the current one
  for (size_t i = 0; i < scopes.size(); ++i) {
    while (!open.empty() && (scopes[open.back()].end <= scopes[i].begin ||
                             scopes[open.back()].end < scopes[i].end)) {
      open.pop_back();
    }
    scopes[i].parent = open.empty() ? -1 : open.back();
    open.push_back(static_cast<int>(i));
  }
}

std::string StripTemplating(std::string_view text, Templating dialect) {
  std::string out;
  out.reserve(text.size());
  const std::string_view triggers = dialect == Templating::kMdx ? "{<" : "{";
  size_t pos = 0;
  bool removed = false;
  // As for the scanner: reads finding nothing share a budget.
  size_t budget = kBudgetPerByte * text.size() + kMinWindow;
  while (pos < text.size()) {
    const size_t at = FindFirstOfBytes(text, pos, triggers);
    size_t scanned = 0;
    const size_t end =
        at == kNpos ? kNpos
                    : InlineConstructEnd(
                          text, at, dialect,
                          std::clamp<size_t>(budget, kMinWindow, kMaxConstruct),
                          scanned);
    if (end == kNpos) budget -= std::min(budget, scanned);
    if (at == kNpos) {
      out += text.substr(pos);
      break;
    }
    out += text.substr(pos, (end == kNpos ? at + 1 : at) - pos);
    if (end != kNpos) {
      out += ' ';
      removed = true;
    }
    pos = end == kNpos ? at + 1 : end;
  }
  if (!removed) return out;
  // Fold the blanks around removals to one, and trim.
  std::string folded;
  for (char c : out) {
    if (IsBlank(c) && (folded.empty() || folded.back() == ' ')) continue;
    folded += IsBlank(c) ? ' ' : c;
  }
  while (!folded.empty() && folded.back() == ' ') folded.pop_back();
  return folded;
}

}  // namespace proofgate
