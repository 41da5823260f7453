#include "checks/document/document.h"

#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "checks/document/admonition.h"
#include "checks/document/cmark_arena.h"
#include "checks/document/cmark_options.h"
#include "checks/document/cmark_threads.h"
#include "checks/document/front_matter_parser.h"
#include "checks/document/non_prose.h"
#include "checks/document/sentences.h"
#include "checks/document/text_compare.h"
#include "checks/document/utf8.h"

namespace proofgate {

std::string_view LinkKindName(LinkKind kind) {
  switch (kind) {
    case LinkKind::kInline:
      return "inline";
    case LinkKind::kReference:
      return "reference";
    case LinkKind::kAutolink:
      return "autolink";
    case LinkKind::kBareUrl:
      return "bare-url";
    case LinkKind::kImage:
      return "image";
  }
  return "inline";
}

const std::vector<InputRule>& InputRules() {
  static const std::vector<InputRule> rules = {
      {"input/too-large", "The draft is larger than the configured limit."},
      {"input/unreadable", "The draft file cannot be read."},
      {"input/check-failed",
       "The draft could not be checked: every attempt failed or stopped "
       "its node."},
      {"input/nul-byte", "The draft contains a NUL byte: it is binary."},
      {"input/invalid-utf8", "The draft is not valid UTF-8 text."},
      {"input/front-matter-unterminated",
       "The front matter opens with ---, +++ or { but never closes."},
      {"input/front-matter-invalid",
       "The front matter is not valid YAML, TOML or JSON."},
      {"input/front-matter-too-complex",
       "The front matter expands to too many values (YAML aliases)."},
      {"input/too-deep",
       "Markdown nested too deep to check (lists, quotes, inline markup)."},
      {"input/front-matter-not-a-map",
       "The front matter is YAML but not a map of keys to values."},
  };
  return rules;
}

namespace {

// Markdown nesting (block quotes in lists in quotes, emphasis in links...)
// deeper than this is refused: real pages nest under 20 levels, and the
// document walk is recursive, so the limit also bounds its stack use.
constexpr int kMaxNestingDepth = 256;

constexpr size_t kNone = std::string_view::npos;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimBlanksRight(std::string_view s) {
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  return TrimBlanksRight(s);
}

// The code point the numeric character reference `ref` ("&#38;" or
// "&#x26;") stands for, as CommonMark decodes it (U+FFFD for 0, surrogates
// and values past U+10FFFF); -1 when `ref` is not numeric.
int32_t NumericReference(std::string_view ref) {
  if (ref.size() < 4 || ref[1] != '#') return -1;
  const bool hex = ref[2] == 'x' || ref[2] == 'X';
  const std::string_view digits =
      ref.substr(hex ? 3 : 2, ref.size() - (hex ? 4 : 3));
  if (digits.empty() || digits.size() > (hex ? 6u : 7u)) return -1;
  int32_t cp = 0;
  for (char c : digits) {
    const unsigned char u = static_cast<unsigned char>(c);
    int d = -1;
    if (std::isdigit(u)) {
      d = c - '0';
    } else if (hex && std::isxdigit(u)) {
      d = std::tolower(u) - 'a' + 10;
    }
    if (d < 0) return -1;
    cp = cp * (hex ? 16 : 10) + d;
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0xFFFD;
  }
  return cp;
}

// Bytes at the start of both `a` and `b` that are the same in both and are
// not '&' (which may open an entity reference): what Builder::Align copies
// as they are. Compares eight bytes at a time; the byte-by-byte loop was
// about 3 % of `proofgate check`'s instructions (callgrind, whole corpus).
size_t PlainPrefix(std::string_view a, std::string_view b) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  constexpr uint64_t kAmpersands = kOnes * '&';
  const size_t size = std::min(a.size(), b.size());
  size_t n = 0;
  for (; n + 8 <= size; n += 8) {
    uint64_t x;
    uint64_t y;
    std::memcpy(&x, a.data() + n, sizeof x);
    std::memcpy(&y, b.data() + n, sizeof y);
    // Some byte of x is '&' exactly when some byte of x ^ kAmpersands is 0.
    const uint64_t amp = x ^ kAmpersands;
    if (x != y || ((amp - kOnes) & ~amp & kHigh) != 0) break;
  }
  while (n < size && a[n] == b[n] && a[n] != '&') ++n;
  return n;
}

size_t Utf8Length(int32_t cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Bytes of the entity reference ("&name;", "&#123;", "&#x7B;") at the start
// of `s`, or 0 when there is none. Whether a name is one cmark knows is
// not checked: an unknown one fails to match the decoded text later.
size_t ReferenceLength(std::string_view s) {
  if (s.empty() || s[0] != '&') return 0;
  // The longest HTML5 entity name has 31 characters
  // (&CounterClockwiseContourIntegral;).
  const size_t semi = s.substr(0, 34).find(';');
  if (semi == std::string_view::npos || semi < 2) return 0;
  for (size_t k = 1; k < semi; ++k) {
    const unsigned char c = static_cast<unsigned char>(s[k]);
    if (!std::isalnum(c) && !(k == 1 && c == '#')) return 0;
  }
  return semi + 1;
}

// Whether the reference `ref` stands for '&', which cmark always decodes
// (so a literal '&' here is not the '&' of the file).
bool IsAmpersandReference(std::string_view ref) {
  return ref == "&amp;" || ref == "&AMP;" || NumericReference(ref) == '&';
}

// Bytes of the ill-formed UTF-8 at the start of `s` that cmark replaces by
// one U+FFFD: a lead byte with the continuation bytes that follow it (up to
// the length it announces), or a stray byte alone.
size_t IllFormedLength(std::string_view s) {
  const size_t announced = Utf8AnnouncedLength(s[0]);
  size_t n = 1;
  while (n < announced && n < s.size() && IsContinuationByte(s[n])) ++n;
  return n;
}

// `s` from `pos` on; empty when `pos` is past its end.
std::string_view Rest(std::string_view s, size_t pos) {
  return pos < s.size() ? s.substr(pos) : std::string_view();
}

// Line breaks ("\n", "\r\n" or "\r") in `s`, not counting one at its end.
int LineBreaks(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    if ((s[i] == '\n' || s[i] == '\r') && i + 1 < s.size()) ++n;
  }
  return n;
}

// The characters CommonMark lets a backslash escape.
bool IsAsciiPunctuation(char c) {
  return c > ' ' && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c));
}

// Bytes of the UTF-8 sequence starting at s[i] (1 for a stray byte).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  size_t n = 1;
  while (i + n < s.size() && IsContinuationByte(s[i + n])) ++n;
  return n;
}

std::string_view Literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s == nullptr ? std::string_view() : std::string_view(s);
}

bool HasType(cmark_node* node, std::string_view type) {
  const char* s = cmark_node_get_type_string(node);
  return s != nullptr && type == s;
}

// The alt text of `html` when it is an <img> tag with one ("<img
// src="logo.png" alt="OpenTelemetry">" gives "OpenTelemetry"), else "": an
// image is its alt text to readers who cannot see it.
std::string_view HtmlImageAlt(std::string_view html) {
  if (html.size() < 5 || html[0] != '<' || (html[1] != 'i' && html[1] != 'I') ||
      (html[2] != 'm' && html[2] != 'M') ||
      (html[3] != 'g' && html[3] != 'G') ||
      (html[4] != ' ' && html[4] != '\t' && html[4] != '\n' &&
       html[4] != '\r')) {
    return {};
  }
  for (size_t at = html.find("alt", 5); at != std::string_view::npos;
       at = html.find("alt", at + 3)) {
    const char before = html[at - 1];
    if (before != ' ' && before != '\t' && before != '\n' && before != '\r') {
      continue;
    }
    size_t i = at + 3;
    while (i < html.size() && IsBlank(html[i])) ++i;
    if (i >= html.size() || html[i] != '=') continue;
    ++i;
    while (i < html.size() && IsBlank(html[i])) ++i;
    if (i >= html.size()) return {};
    const char quote = html[i];
    if (quote != '"' && quote != '\'') {
      const size_t end = html.find_first_of(" \t\r\n/>", i);
      return html.substr(i, end == std::string_view::npos ? end : end - i);
    }
    const size_t close = html.find(quote, i + 1);
    if (close == std::string_view::npos) return {};
    return html.substr(i + 1, close - i - 1);
  }
  return {};
}

// Stands for a code span in text that StripTemplating() reads: a control
// character no construct contains, so that code is never taken for one.
constexpr char kCodeMark = '\x1A';

// Plain text of an inline tree: text and code literals, breaks as spaces.
// With `code`, each code span is written as kCodeMark and its literal
// appended to `code` instead.
void AppendPlainText(cmark_node* node, std::string& out,
                     std::vector<std::string_view>* code = nullptr) {
  for (cmark_node* c = cmark_node_first_child(node); c != nullptr;
       c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_CODE:
        if (code != nullptr) {
          out += kCodeMark;
          code->push_back(Literal(c));
          break;
        }
        out += Literal(c);
        break;
      case CMARK_NODE_TEXT:
        out += Literal(c);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_HTML_INLINE:
        out += HtmlImageAlt(Literal(c));
        break;
      default:
        AppendPlainText(c, out, code);
    }
  }
}

std::string PlainText(cmark_node* node) {
  std::string out;
  AppendPlainText(node, out);
  return out;
}

// PlainText() with the templating of `dialect` left out, code spans kept
// as written: a heading's text as readers see it. The text as
// written when that would leave nothing (a heading that is only a
// shortcode is not empty to a reader) or when templating swallowed a code
// span.
std::string VisibleText(cmark_node* node, Templating dialect) {
  if (dialect == Templating::kNone) return PlainText(node);
  std::string marked;
  std::vector<std::string_view> code;
  AppendPlainText(node, marked, &code);
  const std::string stripped = StripTemplating(marked, dialect);
  if (stripped == marked ||
      std::count(stripped.begin(), stripped.end(), kCodeMark) !=
          static_cast<ptrdiff_t>(code.size())) {
    return PlainText(node);
  }
  std::string out;
  size_t k = 0;
  for (char c : stripped) {
    if (c == kCodeMark) {
      out += code[k++];
    } else {
      out += c;
    }
  }
  return FoldForCompare(out).empty() ? PlainText(node) : out;
}

}  // namespace

// Fills a Document from its bytes. One Builder per Parse() call.
//
// cmark-gfm reports block positions exactly, but inline positions only
// approximately: every inline column on a paragraph's continuation line is
// computed as if the line were indented like the paragraph's first line
// (wrong after lazy continuation lines, tabs, or quote markers indented
// differently), `<url>` autolinks get columns counted from the paragraph's
// start, `www.` autolinks are one column early, links made by the autolink
// extension and the text split off around them have no position at all, a
// link spanning lines starts on its last line, and literals have entities
// and backslash escapes decoded. So every inline piece is re-anchored on the
// file: cmark's position (corrected by the drift learned on that line) is
// only a hint, checked against the text and otherwise searched for after the
// previous piece.
class Document::Builder {
 public:
  explicit Builder(Document& doc) : doc_(doc), map_(*doc.map_) {}

  void CheckEncoding() {
    const std::string& b = doc_.bytes_;
    const size_t nul = b.find('\0');
    if (nul != std::string::npos) {
      AddInput("input/nul-byte",
               "The draft contains a NUL byte, so it is binary, not text; "
               "save it as plain UTF-8 text.",
               nul);
    }
    const size_t bad = FirstInvalidUtf8(b);
    if (bad != std::string_view::npos) {
      AddInput("input/invalid-utf8",
               "The draft is not valid UTF-8 (first bad byte at offset " +
                   std::to_string(bad) + "); save it as UTF-8.",
               bad);
    }
  }

  // Returns the Markdown body to parse: the file with the front matter lines
  // blanked (so line numbers stay those of the file) and without a BOM.
  std::string ReadFrontMatter() {
    std::vector<FrontMatterProblem> problems;
    doc_.front_matter_ = ParseFrontMatter(map_, problems);
    for (FrontMatterProblem& p : problems) {
      AddInput(std::move(p.rule), std::move(p.message), p.offset);
    }
    const FrontMatterBlock& block = doc_.front_matter_.block();
    const std::string& b = doc_.bytes_;
    body_begin_ = map_.LineStart(1);
    body_prefix_ = 0;
    if (!block.present || !block.terminated) {
      return b.substr(map_.LineStart(1));
    }
    std::string body(block.close_line, '\n');
    body_prefix_ = body.size();
    body_begin_ = b.size();
    if (block.close_line < map_.line_count()) {
      body_begin_ = map_.LineStart(block.close_line + 1);
      body += b.substr(body_begin_);
    }
    return body;
  }

  void ParseMarkdown(const std::string& body) {
    // Drafts parse on many threads at once: see cmark_threads.h.
    PrepareCmarkForThreads();
    // Outlives the parser and the tree (cmark_arena.h); only for drafts up
    // to kArenaMaxDraftBytes, larger ones parse with malloc and free.
    std::optional<CmarkArena> arena;
    if (body.size() <= CmarkArena::kArenaMaxDraftBytes) arena.emplace();
    CmarkParserPtr parser(
        cmark_parser_new_with_mem(CmarkOptionsFor(body), CmarkArena::mem()));
    AttachCmarkExtensions(parser.get());
    cmark_parser_feed(parser.get(), body.data(), body.size());
    CmarkNodePtr root = FinishCmarkParse(parser.get());
    if (root && WithinDepthLimit(root.get())) {
      WalkBlocks(root.get());
      FindDefinitions(body);
    }
    ApplyTemplating();
    for (size_t i = 0; i < doc_.blocks_.size(); ++i) {
      const ProseBlock& block = doc_.blocks_[i];
      if (block.kind == ProseBlock::Kind::kHeading) continue;
      for (const SentenceSpan& s : SplitSentences(block.text)) {
        Sentence sentence;
        sentence.block = i;
        sentence.begin = s.begin;
        sentence.end = s.end;
        sentence.text = block.text.substr(s.begin, s.end - s.begin);
        sentence.range = doc_.Locate(block, s.begin, s.end);
        doc_.sentences_.push_back(std::move(sentence));
      }
    }
    doc_.parsed_ = true;
  }

  // Every footnote definition, referenced or not (footnote_definitions.h).
  void FindDefinitions(const std::string& body) {
    std::vector<std::string> labels;
    for (const FootnoteReference& ref : doc_.footnote_references_) {
      labels.push_back(ref.label);
    }
    doc_.footnote_definitions_ = FindFootnoteDefinitions(body, map_, labels);
  }

  // Resolves the templating dialect, finds the templating in the body and
  // blanks, in `body` (the text cmark will read), the lines that hold
  // nothing else. Call after ReadFrontMatter(), before ParseMarkdown().
  void FindTemplating(Templating requested, std::string& body) {
    const std::string_view text = map_.text();
    doc_.templating_ =
        ResolveTemplating(requested, doc_.path_, Rest(text, body_begin_));
    layout_ = ScanTemplating(text, body_begin_, doc_.templating_);
    const std::vector<TemplateSpan>& spans = layout_.non_prose;
    int checked = 0;  // the last line looked at
    for (const TemplateSpan& span : spans) {
      const int first = std::max(checked + 1, map_.PositionOf(span.begin).line);
      const int last = map_.PositionOf(span.end - 1).line;
      for (int line = first; line <= last; ++line) {
        const size_t begin = map_.LineStart(line);
        const size_t end = begin + map_.Line(line).size();
        if (begin < body_begin_) continue;
        bool covered = true;
        for (size_t i = begin; i < end && covered; ++i) {
          covered = IsBlank(text[i]) || InNonProse(spans, i);
        }
        if (!covered) continue;
        BlankLine(line, body);
      }
      checked = std::max(checked, last);
    }
    BlankOutdentedShortcodeFences(body);
  }

  // Blanks `line` of the file in `body`, the text cmark will read.
  void BlankLine(int line, std::string& body) const {
    const size_t begin = map_.LineStart(line);
    if (begin < body_begin_) return;
    const size_t end = begin + map_.Line(line).size();
    for (size_t i = begin; i < end; ++i) {
      body[i - body_begin_ + body_prefix_] = ' ';
    }
  }

  // Hugo replaces a paired {{< name >}} ... {{< /name >}} shortcode, its
  // inner content and all, by one placeholder before it parses the page's
  // Markdown (the shortcode's template renders the inner content itself).
  // So a fenced code block inside one, written less indented than the
  // shortcode, does not end the list item the shortcode sits in, and what
  // follows at the item's indent still belongs to the item
  // (opentelemetry-docs/docs/demo/docker-deployment.md: a tabpane in step
  // 3 of a list, its tabs holding code fences at column 0, then "### Run
  // in minimal mode" indented in the item, a heading on the site). cmark
  // would end the item at the fence, so such fences are blanked in `body`,
  // code lines and all: they are code, outside the page's prose and
  // outline either way.
  void BlankOutdentedShortcodeFences(std::string& body) const {
    if (doc_.templating_ != Templating::kHugo) return;
    const std::string_view text = map_.text();
    for (const Scope& scope : layout_.scopes) {
      if (scope.parent != -1 || !Rest(text, scope.begin).starts_with("{{<")) {
        continue;
      }
      const int open = map_.PositionOf(scope.begin).line;
      const size_t indent = scope.begin - map_.LineStart(open);
      if (indent == 0 || map_.Line(open).substr(0, indent).find_first_not_of(
                             " \t") != std::string_view::npos) {
        continue;
      }
      const int close = map_.PositionOf(scope.end - 1).line;
      std::string_view fence;  // the open fence's marker, "" outside one
      for (int line = open + 1; line < close; ++line) {
        const std::string_view l = map_.Line(line);
        const size_t b = l.find_first_not_of(" \t");
        const std::string_view rest =
            b == std::string_view::npos ? std::string_view() : l.substr(b);
        if (fence.empty()) {
          if (b >= indent ||
              !(rest.starts_with("```") || rest.starts_with("~~~"))) {
            continue;
          }
          fence = rest.substr(0, rest.find_first_not_of(rest[0]));
        } else if (rest.starts_with(fence)) {
          const size_t after = rest.find_first_not_of(fence[0]);
          if (after == std::string_view::npos ||
              TrimBlanks(rest.substr(after)).empty()) {
            fence = {};
          }
        }
        BlankLine(line, body);
      }
    }
  }

  void AddInput(std::string rule, std::string message, size_t offset) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = Severity::kError;
    f.message = std::move(message);
    f.range = map_.RangeOf(offset, offset);
    f.excerpt = doc_.Excerpt(f.range);
    f.confidence = 1.0;
    doc_.input_.push_back(std::move(f));
  }

 private:
  // Offset of the end of `line`, before its terminator and trailing blanks.
  size_t TrimmedLineEnd(int line) const {
    return map_.LineStart(line) + TrimBlanksRight(map_.Line(line)).size();
  }
  size_t LineEnd(int line) const {
    return map_.LineStart(line) + map_.Line(line).size();
  }

  // Byte offset in the file of a block's start (exact in cmark).
  size_t StartOffset(cmark_node* node) const {
    return map_.OffsetOfByteColumn(cmark_node_get_start_line(node),
                                   cmark_node_get_start_column(node));
  }

  // One past a block's inclusive end position (exact in cmark for
  // paragraphs, headings and table cells, but not for HTML blocks).
  size_t BlockEnd(cmark_node* node) const {
    return EndOffset(cmark_node_get_end_line(node),
                     cmark_node_get_end_column(node), false);
  }

  // One past the code point at cmark's inclusive (line, byte column) end
  // position, corrected by the line's drift when `inline_pos`. Column 0
  // means "the end of the previous line".
  size_t EndOffset(int line, int column, bool inline_pos) const {
    if (line <= 0) return kNone;
    line = std::min(line, map_.line_count());
    if (column <= 0) return LineEnd(std::max(1, line - 1));
    const size_t at = inline_pos ? InlineOffset(line, column)
                                 : map_.OffsetOfByteColumn(line, column);
    const size_t line_end = LineEnd(line);
    if (at >= line_end) return line_end;
    const std::string_view text = map_.text();
    size_t end = at + 1;
    while (end < line_end && IsContinuationByte(text[end])) ++end;
    return end;
  }

  // File offset of cmark's inline position (line, byte column), corrected
  // by the drift learned on that line and clamped to it; kNone for nodes
  // without a position (0:0).
  size_t InlineOffset(int line, int column) const {
    if (line <= 0 || line > map_.line_count()) return kNone;
    ptrdiff_t col = std::max(column, 1) - 1;
    if (auto it = drift_.find(line); it != drift_.end()) col += it->second;
    const size_t size = map_.Line(line).size();
    return map_.LineStart(line) + static_cast<size_t>(std::clamp<ptrdiff_t>(
                                      col, 0, static_cast<ptrdiff_t>(size)));
  }
  size_t InlineOffset(cmark_node* node) const {
    return InlineOffset(cmark_node_get_start_line(node),
                        cmark_node_get_start_column(node));
  }

  // Records how far cmark's columns are off on `node`'s line, now that its
  // text was found at `at`.
  void LearnDrift(cmark_node* node, size_t at) {
    const int line = cmark_node_get_start_line(node);
    if (line <= 0 || line > map_.line_count()) return;
    const size_t begin = map_.LineStart(line);
    if (at < begin || at > LineEnd(line)) return;  // found on another line
    drift_[line] = static_cast<ptrdiff_t>(at - begin) -
                   (std::max(cmark_node_get_start_column(node), 1) - 1);
  }

  // Where `needle` sits in [cursor, limit): at `expected` if the file has it
  // there, else its first occurrence; kNone if it is not there at all.
  size_t Find(std::string_view needle, size_t expected, size_t cursor,
              size_t limit) const {
    const std::string_view text = map_.text().substr(0, limit);
    if (needle.empty() || cursor > text.size()) return kNone;
    if (expected != kNone && expected >= cursor &&
        Rest(text, expected).starts_with(needle)) {
      return expected;
    }
    const std::string_view scan = Scannable(cursor, limit);
    const size_t found = scan.find(needle, cursor);
    Spend(cursor, found == kNone ? scan.size() : found + needle.size());
    return found;
  }

  // The file up to `limit`, or up to where a scan from `from` would exhaust
  // the search budget.
  std::string_view Scannable(size_t from, size_t limit) const {
    const std::string_view text = map_.text();
    return text.substr(
        0, std::min({limit, text.size(), std::max(from, from + budget_)}));
  }
  // Takes the bytes [from, to) a scan read off the budget.
  void Spend(size_t from, size_t to) const {
    budget_ -= std::min(budget_, to > from ? to - from : 0);
  }

  // Where the next inline starts if only a line break (with the blanks
  // around it and the quote markers and indentation of the next line)
  // separates it from `cursor`; else `cursor`.
  size_t SkipBreak(size_t cursor, size_t limit) const {
    const std::string_view text = map_.text().substr(0, limit);
    size_t i = cursor;
    while (i < text.size() && IsBlank(text[i])) ++i;
    if (i >= text.size() || (text[i] != '\n' && text[i] != '\r')) {
      return cursor;
    }
    while (i < text.size() && std::string_view(" \t\r\n>").find(text[i]) !=
                                  std::string_view::npos) {
      ++i;
    }
    return i;
  }

  // Matches `literal`, text as cmark decoded it, against the file from
  // `at`, undoing backslash escapes and entity references. On success
  // appends the pieces (with text offsets counted from `text_base`) to
  // `pieces` and returns the offset after the last source byte; kNone when
  // the file does not hold the literal at `at`.
  size_t Align(std::string_view literal, size_t at, size_t limit,
               size_t text_base,
               std::vector<ProseBlock::Anchor>& pieces) const {
    const std::string_view text = map_.text().substr(0, limit);
    const size_t first_piece = pieces.size();
    size_t i = at;
    size_t j = 0;
    size_t run_i = i;
    size_t run_j = j;
    auto flush = [&] {
      if (j > run_j) {
        pieces.push_back({text_base + run_j, run_i, j - run_j, j - run_j});
      }
    };
    auto fail = [&] {
      pieces.resize(first_piece);
      return kNone;
    };
    while (j < literal.size()) {
      if (i >= text.size()) return fail();
      // Most bytes are plain: the same in the file and in cmark's text,
      // and no '&' to start a reference.
      if (text[i] == literal[j] && text[i] != '&') {
        const size_t plain = PlainPrefix(text.substr(i), literal.substr(j));
        i += plain;
        j += plain;
        continue;
      }
      const size_t reference = ReferenceLength(text.substr(i));
      if (text[i] == literal[j] &&
          !(reference > 0 && IsAmpersandReference(text.substr(i, reference)))) {
        ++i;
        ++j;
        continue;
      }
      size_t source_length = 0;
      size_t text_length = 0;
      if (text[i] == '\\' && i + 1 < text.size() &&
          IsAsciiPunctuation(text[i + 1]) && text[i + 1] == literal[j]) {
        source_length = 2;
        text_length = 1;
      } else if (reference > 0) {
        // cmark decodes a reference to one code point (two for a few
        // names, such as &ngE;, U+2267 U+0338).
        source_length = reference;
        const int32_t cp = NumericReference(text.substr(i, reference));
        size_t n = cp >= 0 ? Utf8Length(cp) : Utf8SequenceLength(literal, j);
        const size_t after = i + reference;
        if (cp < 0 && j + n < literal.size() && after < text.size() &&
            text[after] != literal[j + n]) {
          // A named one: two code points if only that makes the text
          // after it match.
          const size_t two = n + Utf8SequenceLength(literal, j + n);
          if (j + two < literal.size() && text[after] == literal[j + two]) {
            n = two;
          }
        }
        text_length = std::min(n, literal.size() - j);
      } else if (literal.substr(j).starts_with("\uFFFD") &&
                 (text[i] == '\0' ||
                  FirstInvalidUtf8(text.substr(i, 4)) == 0)) {
        // cmark replaced a NUL byte or ill-formed UTF-8.
        source_length = text[i] == '\0' ? 1 : IllFormedLength(text.substr(i));
        text_length = 3;
      } else {
        return fail();
      }
      flush();
      pieces.push_back({text_base + j, i, text_length, source_length});
      i += source_length;
      j += text_length;
      run_i = i;
      run_j = j;
    }
    flush();
    return i;
  }

  // Places a text node's literal: appends it to the block's text with its
  // anchors and moves `cursor` past it.
  void PlaceText(cmark_node* node, std::string_view literal, ProseBlock& block,
                 size_t& cursor, size_t limit) {
    if (literal.empty()) return;
    const size_t expected = InlineOffset(node);
    const size_t base = block.text.size();
    block.text += literal;
    size_t end = kNone;
    size_t at = kNone;
    if (expected != kNone && expected >= cursor) {
      at = expected;
      end = Align(literal, at, limit, base, block.anchors);
    }
    if (end == kNone) {
      at = SkipBreak(cursor, limit);
      end = Align(literal, at, limit, base, block.anchors);
    }
    if (end == kNone) {
      at = Find(literal, kNone, cursor, limit);
      if (at != kNone) {
        end = at + literal.size();
        block.anchors.push_back({base, at, literal.size(), literal.size()});
      }
    }
    if (end == kNone) {
      // Not in the file as far as we can tell (cmark replaced invalid
      // bytes, say): trust cmark's position but do not move the cursor.
      at = expected == kNone ? cursor : std::max(expected, cursor);
      block.anchors.push_back(
          {base, at, literal.size(),
           std::min(literal.size(), limit > at ? limit - at : 0)});
      return;
    }
    LearnDrift(node, at);
    cursor = std::max(cursor, end);
  }

  // Whether the tree nests at most kMaxNestingDepth levels; otherwise
  // reports input/too-deep at the first node past the limit. Iterative.
  bool WithinDepthLimit(cmark_node* root) {
    cmark_iter* iter = cmark_iter_new(root);
    int depth = 0;
    cmark_node* too_deep = nullptr;
    for (cmark_event_type ev;
         (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
      if (ev == CMARK_EVENT_ENTER) {
        // Leaves get no EXIT event, so they do not nest.
        const cmark_node_type type =
            cmark_node_get_type(cmark_iter_get_node(iter));
        if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ||
            type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ||
            type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK ||
            type == CMARK_NODE_CODE_BLOCK ||
            type == CMARK_NODE_THEMATIC_BREAK ||
            type == CMARK_NODE_FOOTNOTE_REFERENCE) {
          continue;
        }
        if (++depth > kMaxNestingDepth) {
          too_deep = cmark_iter_get_node(iter);
          break;
        }
      } else if (ev == CMARK_EVENT_EXIT) {
        --depth;
      }
    }
    cmark_iter_free(iter);
    if (too_deep == nullptr) return true;
    size_t at =
        map_.LineStart(std::max(1, cmark_node_get_start_line(too_deep)));
    AddInput("input/too-deep",
             "The draft nests lists, quotes or inline markup more than " +
                 std::to_string(kMaxNestingDepth) +
                 " levels deep; its content was not checked.",
             at);
    return false;
  }

  void WalkBlocks(cmark_node* parent) {
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
         node = cmark_node_next(node)) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_HEADING:
          AddProse(node, ProseBlock::Kind::kHeading, StartOffset(node),
                   AddHeading(node));
          break;
        case CMARK_NODE_PARAGRAPH:
          AddProse(node, ProseBlock::Kind::kParagraph, StartOffset(node),
                   BlockEnd(node));
          break;
        case CMARK_NODE_HTML_BLOCK: {
          // cmark ends an HTML block a line early (or before it starts):
          // count its lines instead.
          const std::string_view literal = Literal(node);
          const int last_line =
              cmark_node_get_start_line(node) + LineBreaks(literal);
          AddComments(literal, StartOffset(node),
                      LineEnd(std::min(last_line, map_.line_count())),
                      StartOffset(node));
          break;
        }
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_THEMATIC_BREAK:
          break;
        case CMARK_NODE_BLOCK_QUOTE:
          AddAlert(node);
          WalkBlocks(node);
          break;
        default:
          if (HasType(node, "table_row") || HasType(node, "table_header")) {
            // cmark-gfm places every row as if it were indented like the
            // table's first row (whose position is exact); measure the
            // difference on this row's line, where only blanks and quote
            // markers can precede the row.
            const int line = cmark_node_get_start_line(node);
            const std::string_view text = map_.Line(line);
            const size_t content = text.find_first_not_of(" \t>");
            cmark_node* table = cmark_node_parent(node);
            row_drift_ =
                content == std::string_view::npos || table == nullptr ||
                        cmark_node_get_start_line(table) == line
                    ? 0
                    : static_cast<ptrdiff_t>(content) -
                          (std::max(cmark_node_get_start_column(node), 1) - 1);
            WalkBlocks(node);
            row_drift_ = 0;
          } else if (HasType(node, "table_cell")) {
            // cmark's cell includes the blanks around its content.
            const std::string_view text = map_.text();
            const int line = cmark_node_get_start_line(node);
            const size_t line_start = map_.LineStart(line);
            const size_t line_end = LineEnd(line);
            auto shift = [&](size_t offset) {
              return static_cast<size_t>(std::clamp<ptrdiff_t>(
                  static_cast<ptrdiff_t>(offset) + row_drift_,
                  static_cast<ptrdiff_t>(line_start),
                  static_cast<ptrdiff_t>(line_end)));
            };
            size_t begin = shift(StartOffset(node));
            size_t end = std::max(begin, shift(BlockEnd(node)));
            while (begin < end && IsBlank(text[begin])) ++begin;
            while (end > begin && IsBlank(text[end - 1])) --end;
            AddProse(node, ProseBlock::Kind::kTableCell, begin, end,
                     row_drift_);
          } else {
            WalkBlocks(node);
          }
      }
    }
  }

  // Records a block quote that opens with an admonition marker (a GitHub
  // alert, "> [!NOTE]", or a bold label alone on the first line,
  // "> **Note**") as an aside scope, its marker as non-prose: the label
  // does not run into the sentence on the next line.
  void AddAlert(cmark_node* quote) {
    cmark_node* first = cmark_node_first_child(quote);
    if (first == nullptr ||
        cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH) {
      return;
    }
    const size_t at = StartOffset(first);
    const int line = cmark_node_get_start_line(first);
    const std::string_view text =
        std::string_view(map_.text()).substr(at, LineEnd(line) - at);
    size_t length = 0;
    std::string name = AdmonitionMarker(text, length);
    if (name.empty()) return;
    alert_spans_.push_back({at, at + length});
    Scope scope;
    scope.kind = ScopeKind::kAside;
    scope.name = std::move(name);
    scope.begin = StartOffset(quote);
    scope.end =
        LineEnd(std::min(cmark_node_get_end_line(quote), map_.line_count()));
    alert_scopes_.push_back(std::move(scope));
  }

  // The innermost of the document's scopes holding byte `offset`, or -1:
  // the last one opening at or before it, or the closest of its
  // enclosing ones that holds it. O(log scopes + nesting depth).
  int ScopeAt(size_t offset) const {
    const std::vector<Scope>& scopes = doc_.scopes_;
    auto it =
        std::partition_point(scopes.begin(), scopes.end(),
                             [&](const Scope& s) { return s.begin <= offset; });
    int found = static_cast<int>(it - scopes.begin()) - 1;
    while (found >= 0 && scopes[found].end <= offset) {
      found = scopes[found].parent;
    }
    return found;
  }

  // Applies what FindTemplating() and AddAlert() found to what the walk
  // built: the document's scopes and non-prose spans; templating cut out of
  // prose blocks; headings and links inside non-prose regions dropped;
  // every block, heading and link told its scope.
  void ApplyTemplating() {
    std::vector<TemplateSpan> spans = std::move(layout_.non_prose);
    spans.insert(spans.end(), alert_spans_.begin(), alert_spans_.end());
    doc_.non_prose_ = MergeSpans(std::move(spans));
    doc_.scopes_ = std::move(layout_.scopes);
    doc_.scopes_.insert(doc_.scopes_.end(), alert_scopes_.begin(),
                        alert_scopes_.end());
    NestScopes(doc_.scopes_);
    for (Scope& scope : doc_.scopes_) {
      scope.range = map_.RangeOf(scope.begin, scope.end);
    }
    const std::vector<TemplateSpan>& non_prose = doc_.non_prose_;
    for (size_t i = 0; i < doc_.blocks_.size(); ++i) {
      ExciseNonProse(doc_.blocks_[i], non_prose);
      doc_.blocks_[i].scope = ScopeAt(block_begin_[i]);
    }
    size_t kept = 0;
    for (size_t i = 0; i < doc_.headings_.size(); ++i) {
      if (InNonProse(non_prose, heading_begin_[i])) continue;
      if (kept != i) doc_.headings_[kept] = std::move(doc_.headings_[i]);
      doc_.headings_[kept++].scope = ScopeAt(heading_begin_[i]);
    }
    doc_.headings_.resize(kept);
    kept = 0;
    for (size_t i = 0; i < doc_.links_.size(); ++i) {
      if (InNonProse(non_prose, link_begin_[i])) continue;
      if (kept != i) doc_.links_[kept] = std::move(doc_.links_[i]);
      doc_.links_[kept++].scope = ScopeAt(link_begin_[i]);
    }
    doc_.links_.resize(kept);
    AddElementHeadings();
  }

  // Adds the JSX heading elements the scan found (<h3>Flags</h3>) to the
  // headings, in file order.
  void AddElementHeadings() {
    if (layout_.headings.empty()) return;
    std::vector<std::pair<size_t, Heading>> all;
    for (Heading& h : doc_.headings_) {
      // A heading has its lines to itself: its first line orders it.
      const size_t at = map_.LineStart(h.range.line);
      all.emplace_back(at, std::move(h));
    }
    for (const ElementHeading& e : layout_.headings) {
      Heading h;
      h.level = e.level;
      h.text = std::string(TrimBlanks(
          map_.text().substr(e.text_begin, e.text_end - e.text_begin)));
      h.visible_text = StripTemplating(h.text, doc_.templating_);
      if (FoldForCompare(h.visible_text).empty()) h.visible_text = h.text;
      h.range = map_.RangeOf(e.begin, e.end);
      h.scope = ScopeAt(e.begin);
      all.emplace_back(map_.LineStart(h.range.line), std::move(h));
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.first < b.first;
    });
    doc_.headings_.clear();
    for (auto& [at, h] : all) doc_.headings_.push_back(std::move(h));
  }

  // Adds the heading and returns the offset of its end.
  size_t AddHeading(cmark_node* node) {
    Heading h;
    h.level = cmark_node_get_heading_level(node);
    h.text = PlainText(node);
    h.visible_text = VisibleText(node, doc_.templating_);
    // Trim: ATX closing sequences and padding are not part of the text.
    while (!h.text.empty() && h.text.back() == ' ') h.text.pop_back();
    while (!h.visible_text.empty() && h.visible_text.back() == ' ') {
      h.visible_text.pop_back();
    }
    const size_t begin = StartOffset(node);
    heading_begin_.push_back(begin);
    // An ATX heading is one line, a setext heading at least two (text and
    // underline): the first character cannot tell them apart ("#foo" over
    // "===" is setext; "- # Foo" is ATX).
    const int first_line = map_.PositionOf(begin).line;
    const size_t block_end = BlockEnd(node);
    const int last_line =
        block_end == kNone
            ? first_line
            : std::max(first_line, map_.PositionOf(block_end).line);
    h.setext = last_line > first_line;
    // The whole heading, closing #s and setext underline included.
    const size_t end = std::max(begin, TrimmedLineEnd(last_line));
    h.range = map_.RangeOf(begin, end);
    doc_.headings_.push_back(std::move(h));
    return end;
  }

  // Adds the block of text at bytes [begin, end) of the file.
  // `first_line_drift` is what cmark's inline columns are known to be off
  // by on the block's first line.
  void AddProse(cmark_node* node, ProseBlock::Kind kind, size_t begin,
                size_t end, ptrdiff_t first_line_drift = 0) {
    ProseBlock block;
    block.kind = kind;
    block_begin_.push_back(begin);
    end = end == kNone ? begin : std::max(begin, end);
    block.range = map_.RangeOf(begin, end);
    drift_.clear();  // drift is a property of one paragraph's lines
    budget_ = kBudgetPerByte * (LineEnd(map_.PositionOf(end).line) - begin) +
              kBudgetPerBlock;
    if (first_line_drift != 0) {
      drift_[cmark_node_get_start_line(node)] = first_line_drift;
    }
    size_t cursor = begin;
    // Inline pieces never lie past the end of the block's last line; a
    // table cell's end is exact.
    const size_t limit = kind == ProseBlock::Kind::kTableCell
                             ? end
                             : LineEnd(map_.PositionOf(end).line);
    WalkInlines(node, block, cursor, limit);
    doc_.blocks_.push_back(std::move(block));
  }

  void WalkInlines(cmark_node* parent, ProseBlock& block, size_t& cursor,
                   size_t limit) {
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
         node = cmark_node_next(node)) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT:
          PlaceText(node, Literal(node), block, cursor, limit);
          break;
        case CMARK_NODE_CODE: {
          // The literal, between the backtick runs, matches the file unless
          // the span has line breaks or padding cmark removed.
          const std::string_view lit = Literal(node);
          const size_t at = Find(lit, InlineOffset(node), cursor, limit);
          if (at != kNone) {
            LearnDrift(node, at);
            cursor = at + lit.size();
            // Past the padding and the closing backticks.
            const std::string_view text = map_.text().substr(0, limit);
            size_t close = cursor;
            while (close < text.size() && text[close] == ' ') ++close;
            if (close < text.size() && text[close] == '`') {
              while (close < text.size() && text[close] == '`') ++close;
              cursor = close;
            }
          }
          block.text += ' ';
          break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          block.text += ' ';
          break;
        case CMARK_NODE_HTML_INLINE: {
          const std::string_view lit = Literal(node);
          const size_t expected = InlineOffset(node);
          const size_t at = Find(lit, expected, cursor, limit);
          if (at != kNone) {
            LearnDrift(node, at);
            AddComments(lit, at, at + lit.size(), at);
            cursor = at + lit.size();
          } else {
            // A comment spanning lines of a quote: its literal lacks the
            // markers, so search for each comment on its own.
            AddComments(lit, cursor, limit,
                        expected == kNone ? cursor : expected);
          }
          block.text += ' ';
          break;
        }
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
          AddLink(node, block, cursor, limit);
          break;
        case CMARK_NODE_FOOTNOTE_REFERENCE: {
          // The label comes from the source text (cmark-gfm's literal is
          // the footnote's number).
          const size_t at = Find("[^", InlineOffset(node), cursor, limit);
          if (at != kNone) {
            const size_t close = map_.text().substr(0, limit).find(']', at);
            if (close != std::string_view::npos && close < limit) {
              FootnoteReference ref;
              ref.label =
                  std::string(map_.text().substr(at + 2, close - at - 2));
              ref.range = map_.RangeOf(at, close + 1);
              doc_.footnote_references_.push_back(std::move(ref));
              cursor = close + 1;
            }
          }
          break;
        }
        default:
          WalkInlines(node, block, cursor, limit);
      }
    }
  }

  // Classifies and places a link or image, walking the text of inline and
  // reference links into `block`; leaves `cursor` after the link.
  void AddLink(cmark_node* node, ProseBlock& block, size_t& cursor,
               size_t limit) {
    const std::string_view text = map_.text();
    Link link;
    const char* url = cmark_node_get_url(node);
    const char* title = cmark_node_get_title(node);
    link.destination = url ? url : "";
    link.title = title ? title : "";
    link.text = PlainText(node);
    const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    cmark_node* child = cmark_node_first_child(node);
    const bool single_text = child != nullptr &&
                             cmark_node_next(child) == nullptr &&
                             cmark_node_get_type(child) == CMARK_NODE_TEXT;
    const bool url_is_text =
        single_text && (link.destination == link.text ||
                        link.destination == "mailto:" + link.text ||
                        link.destination == "http://" + link.text);
    const size_t expected = InlineOffset(node);
    const size_t natural = SkipBreak(cursor, limit);
    size_t begin = kNone;
    size_t end = kNone;
    if (image) {
      link.kind = LinkKind::kImage;
      begin = FindOpener(node, "![", expected, natural, cursor, limit);
    } else if (cmark_node_get_start_line(node) == 0 ||
               (url_is_text &&
                cmark_node_get_start_line(child) ==
                    cmark_node_get_start_line(node) &&
                cmark_node_get_start_column(child) ==
                    cmark_node_get_start_column(node))) {
      // Made by the autolink extension: no position at all, or (for
      // "www." links) the link and its text at the same, early, column.
      link.kind = LinkKind::kBareUrl;
      begin = Find(link.text, natural, cursor, limit);
      if (begin != kNone) end = begin + link.text.size();
    } else if (size_t at = url_is_text ? AutolinkStart(child, link.text,
                                                       natural, cursor, limit)
                                       : kNone;
               at != kNone) {
      link.kind = LinkKind::kAutolink;
      begin = at;
      const size_t close = text.substr(0, limit).find('>', begin);
      end = close == std::string_view::npos ? begin + 1 : close + 1;
    } else {
      begin = FindOpener(node, "[", expected, natural, cursor, limit);
      link.kind = begin != kNone && IsInlineLink(begin, limit)
                      ? LinkKind::kInline
                      : LinkKind::kReference;
    }
    if (begin == kNone) {
      begin = std::clamp(expected == kNone ? cursor : expected, cursor,
                         std::max(cursor, limit));
    }
    const size_t index = doc_.links_.size();
    link.block = doc_.blocks_.size();  // the block being built
    doc_.links_.push_back(std::move(link));
    link_begin_.push_back(begin);
    const LinkKind kind = doc_.links_[index].kind;
    if (kind == LinkKind::kInline || kind == LinkKind::kReference) {
      cursor = std::max(cursor, begin + 1);
      WalkInlines(node, block, cursor, limit);
    } else {
      block.text += ' ';
    }
    if (kind == LinkKind::kInline || kind == LinkKind::kReference ||
        kind == LinkKind::kImage) {
      end = BracketedLinkEnd(node, doc_.links_[index], begin, image, limit);
    }
    if (end == kNone || end <= begin) end = std::min(begin + 1, text.size());
    doc_.links_[index].range = map_.RangeOf(begin, end);
    cursor = std::max(cursor, end);
  }

  // The end offset of the inline link, reference link or image `link`
  // (cmark `node`) that opens at `begin`; corrects `link.kind` when an
  // "inline" link is a shortcut reference followed by text.
  size_t BracketedLinkEnd(cmark_node* node, Link& link, size_t begin,
                          bool image, size_t limit) {
    const std::string_view text = map_.text();
    // cmark's end, corrected by the drift now known for its line.
    size_t end = EndOffset(cmark_node_get_end_line(node),
                           cmark_node_get_end_column(node), true);
    const size_t open = image ? begin + 1 : begin;
    const size_t close = ClosingBracket(open, limit);
    if (link.kind == LinkKind::kInline && end != kNone && close != kNone &&
        end == close + 1) {
      // "[label](text" with [label] defined: a shortcut reference
      // followed by text that merely looks like a destination.
      link.kind = LinkKind::kReference;
    }
    // Checked against the closing character (inline links end with ')',
    // reference links with ']', images with either), else found by
    // reading the link.
    const bool closed =
        end != kNone && end > begin + 1 && end <= limit &&
        ((link.kind != LinkKind::kReference && text[end - 1] == ')') ||
         (link.kind != LinkKind::kInline && text[end - 1] == ']'));
    return closed ? end : LinkEnd(open, limit);
  }

  // Where the link or image `node` opens with `opener` ("[" or "!["): at
  // `expected`, else at `natural`, else at the first opener after `cursor`,
  // taking only an opener followed by what the link's first child starts
  // with. (A link spanning lines gets the start column on its LAST line
  // from cmark, which may well hold another '['.) kNone if none fits.
  size_t FindOpener(cmark_node* node, std::string_view opener, size_t expected,
                    size_t natural, size_t cursor, size_t limit) const {
    const std::string_view text = map_.text().substr(0, limit);
    auto fits = [&](size_t at) {
      if (at == kNone || at < cursor || !Rest(text, at).starts_with(opener)) {
        return false;
      }
      const size_t after = at + opener.size();
      if (after >= text.size()) return false;
      const char next = text[after];
      cmark_node* child = cmark_node_first_child(node);
      if (child == nullptr) return next == ']';
      switch (cmark_node_get_type(child)) {
        case CMARK_NODE_TEXT: {
          const std::string_view lit = Literal(child);
          return lit.empty() || next == lit[0] || next == '\\' || next == '&';
        }
        case CMARK_NODE_CODE:
          return next == '`';
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
          return next == '*' || next == '_';
        case CMARK_NODE_IMAGE:
          return next == '!';
        case CMARK_NODE_HTML_INLINE:
          return next == '<';
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          return next == '\r' || next == '\n' || next == ' ' || next == '\\';
        default:
          return true;
      }
    };
    if (fits(expected)) return expected;
    if (fits(natural)) return natural;
    const std::string_view scan = Scannable(cursor, limit);
    size_t at = scan.find(opener, cursor);
    while (at != std::string_view::npos && !fits(at)) {
      at = scan.find(opener, at + 1);
    }
    Spend(cursor, at == std::string_view::npos ? scan.size() : at);
    return at;
  }

  // The '<' of a `<url>` autolink whose text node is `child`, or kNone when
  // the link is not one. The link node's own position is unreliable, its
  // text's is not.
  size_t AutolinkStart(cmark_node* child, std::string_view url_text,
                       size_t natural, size_t cursor, size_t limit) const {
    const std::string_view text = map_.text().substr(0, limit);
    const size_t at = InlineOffset(child);
    if (at != kNone && at > cursor && Rest(text, at).starts_with(url_text) &&
        text[at - 1] == '<' &&
        Rest(text, at + url_text.size()).starts_with('>')) {
      return at - 1;
    }
    // Entities in the URL: the literal differs from the file.
    if (natural < text.size() && text[natural] == '<') return natural;
    return kNone;
  }

  // Offset of the ']' matching the '[' at `open`, or kNone.
  size_t ClosingBracket(size_t open, size_t limit) const {
    const std::string_view text = Scannable(open, limit);
    if (open >= text.size() || text[open] != '[') return kNone;
    size_t i = open;
    const auto spend = [&] { Spend(open, i); };
    int depth = 0;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\\') {
        ++i;
      } else if (c == '`') {
        // Code spans may hold brackets; skip to the closing backtick run.
        size_t run = 1;
        while (i + run < text.size() && text[i + run] == '`') ++run;
        const size_t close = text.find(std::string(run, '`'), i + run);
        Spend(i + run, close == std::string_view::npos ? text.size() : close);
        if (budget_ == 0) return kNone;
        i = close == std::string_view::npos ? i + run - 1 : close + run - 1;
      } else if (c == '[') {
        ++depth;
      } else if (c == ']' && --depth == 0) {
        spend();
        return i;
      }
    }
    spend();
    return kNone;
  }

  // Whether the link opening with the '[' at `open` is an inline link: its
  // matching ']' is followed by '('.
  bool IsInlineLink(size_t open, size_t limit) const {
    const size_t close = ClosingBracket(open, limit);
    return close != kNone && close + 1 < limit &&
           map_.text().substr(close + 1, 1) == "(";
  }

  // One past the end of the link opening with the '[' at `open`, read from
  // the file: after "(destination "title")", "[label]" or the "]".
  size_t LinkEnd(size_t open, size_t limit) const {
    const size_t close = ClosingBracket(open, limit);
    if (close == kNone) return kNone;
    const std::string_view text = Scannable(close, limit);
    size_t i = close + 1;
    const auto done = [&](size_t result) {
      Spend(close, i);
      return result;
    };
    if (i < text.size() && text[i] == '[') {
      while (i < text.size() && text[i] != ']') ++i;
      return done(i < text.size() ? i + 1 : close + 1);
    }
    if (i >= text.size() || text[i] != '(') return done(i);
    int depth = 0;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\\') {
        ++i;
      } else if (c == '<' && depth == 1) {
        while (i < text.size() && text[i] != '>') ++i;
      } else if ((c == '"' || c == '\'') && depth == 1) {
        ++i;
        while (i < text.size() && text[i] != c) i += text[i] == '\\' ? 2 : 1;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        return done(i + 1);
      }
    }
    return done(kNone);
  }

  // Records the HTML comments in `literal`, raw HTML found in the file at
  // [begin, end) (or, for a literal that is not a copy of the file, such as
  // a block inside a quote, somewhere in that span; `fallback` then).
  void AddComments(std::string_view literal, size_t begin, size_t end,
                   size_t fallback) {
    const std::string_view text = map_.text().substr(0, end);
    size_t from = 0;
    size_t cursor = begin;
    while (true) {
      const size_t open = literal.find("<!--", from);
      if (open == std::string_view::npos) return;
      const size_t close = literal.find("-->", open + 4);
      const size_t stop =
          close == std::string_view::npos ? literal.size() : close + 3;
      const std::string_view whole = literal.substr(open, stop - open);
      size_t at = cursor <= text.size() ? text.find(whole, cursor) : kNone;
      size_t length = whole.size();
      if (at == kNone) {
        // The literal lacks the quote markers of a comment's later lines:
        // find its opening and closing delimiters instead.
        at = cursor <= text.size() ? text.find("<!--", cursor) : kNone;
        const size_t at_close = at == kNone ? kNone : text.find("-->", at + 4);
        if (at == kNone) {
          at = std::min(fallback + open, map_.text().size());
        } else {
          length = (at_close == kNone ? text.size() : at_close + 3) - at;
        }
      }
      HtmlComment comment;
      const size_t body_end = close == std::string_view::npos ? stop : close;
      comment.text = std::string(literal.substr(open + 4, body_end - open - 4));
      comment.range = map_.RangeOf(at, at + length);
      doc_.comments_.push_back(std::move(comment));
      cursor = at + length;
      from = stop;
    }
  }

  Document& doc_;
  const SourceMap& map_;
  // Where the Markdown body starts in the file, and how many bytes stand
  // for the front matter before it in the text cmark reads.
  size_t body_begin_ = 0;
  size_t body_prefix_ = 0;
  TemplateLayout layout_;
  std::vector<TemplateSpan> alert_spans_;
  std::vector<Scope> alert_scopes_;
  // Byte offsets where each heading, link and prose block starts, by index.
  std::vector<size_t> heading_begin_;
  std::vector<size_t> link_begin_;
  std::vector<size_t> block_begin_;
  // cmark line -> bytes to add to cmark's inline columns on that line,
  // learned while placing the current prose block's text.
  std::unordered_map<int, ptrdiff_t> drift_;
  // The same for the table row being walked.
  ptrdiff_t row_drift_ = 0;
  // Bytes the searches for misplaced pieces of the current block may still
  // read, so that a block whose pieces cannot be found costs linear time
  // all the same. Pieces are normally where cmark says or right after the
  // previous one: searches read far only in broken or hostile input.
  static constexpr size_t kBudgetPerByte = 16;
  static constexpr size_t kBudgetPerBlock = 4096;
  mutable size_t budget_ = 0;
};

std::unique_ptr<Document> Document::Parse(std::string path, std::string bytes,
                                          const ParseOptions& options,
                                          size_t file_size) {
  std::unique_ptr<Document> doc(new Document());
  doc->path_ = std::move(path);
  doc->bytes_ = std::move(bytes);
  if (doc->bytes_.size() > options.max_bytes) {
    // Keep what was checked identifiable, but do not index a huge file.
    doc->map_ = std::make_unique<SourceMap>(std::string_view());
    Builder builder(*doc);
    builder.AddInput(
        "input/too-large",
        "The draft is " +
            std::to_string(std::max(file_size, doc->bytes_.size())) +
            " bytes, over the limit of " + std::to_string(options.max_bytes) +
            " bytes; split it or raise the limit.",
        0);
    return doc;
  }
  doc->map_ = std::make_unique<SourceMap>(doc->bytes_);
  Builder builder(*doc);
  builder.CheckEncoding();
  std::string body = builder.ReadFrontMatter();
  builder.FindTemplating(options.templating, body);
  builder.ParseMarkdown(body);
  return doc;
}

int Document::EnclosingScope(int scope, ScopeKind kind) const {
  while (scope >= 0 && static_cast<size_t>(scope) < scopes_.size()) {
    if (scopes_[scope].kind == kind) return scope;
    scope = scopes_[scope].parent;
  }
  return -1;
}

SourceRange Document::Locate(const ProseBlock& block, size_t begin,
                             size_t end) const {
  if (block.anchors.empty()) return block.range;
  end = std::max(begin, end);
  // The piece holding text offset t: the last one starting at or before t
  // (`at_end`: before t, so that an end maps to the end of the text before
  // it, not to the start of the next piece, past markup such as "**").
  auto to_source = [&](size_t t, bool at_end) -> size_t {
    auto it = std::partition_point(block.anchors.begin(), block.anchors.end(),
                                   [&](const ProseBlock::Anchor& a) {
                                     return at_end ? a.text_offset < t
                                                   : a.text_offset <= t;
                                   });
    if (it == block.anchors.begin()) return block.anchors.front().source_offset;
    const ProseBlock::Anchor& a = *(it - 1);
    if (t >= a.text_offset + a.length) {
      // At or past the piece's end: a space that stood for a code span,
      // break or image, or the end of the text.
      return a.source_offset + a.source_length;
    }
    if (a.source_length == a.length) {
      return a.source_offset + (t - a.text_offset);
    }
    // Inside an escape or entity: it maps as a whole.
    return a.source_offset;
  };
  const size_t b = to_source(begin, false);
  return map_->RangeOf(b, std::max(b, to_source(end, true)));
}

std::string Document::Excerpt(const SourceRange& range,
                              size_t max_bytes) const {
  std::string_view line = map_->Line(range.line);
  const size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  line = TrimBlanks(line);
  if (line.size() > max_bytes) {
    // Keep the spot the range points at in view: start a quarter of the
    // window before it, but no later than a full window before the end
    // (then on the next code point, so that the end stays in view).
    const std::string_view full = map_->Line(range.line);
    size_t target = 0;
    for (int col = 1; target < full.size() && col < range.column; ++col) {
      ++target;
      while (target < full.size() && IsContinuationByte(full[target])) {
        ++target;
      }
    }
    size_t start =
        target > first + max_bytes / 4 ? target - first - max_bytes / 4 : 0;
    start = std::min(start, line.size() - max_bytes);
    while (start < line.size() && IsContinuationByte(line[start])) ++start;
    line = line.substr(start);
    line = TrimBlanks(line.substr(0, Utf8PrefixLength(line, max_bytes)));
  }
  return std::string(line);
}

}  // namespace proofgate
