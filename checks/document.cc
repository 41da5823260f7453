#include "checks/document.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <mutex>

#include "checks/sentences.h"
#include "checks/utf8.h"

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
      {"input/nul-byte", "The draft contains a NUL byte: it is binary."},
      {"input/invalid-utf8", "The draft is not valid UTF-8 text."},
      {"input/front-matter-unterminated",
       "The front matter opens with --- but never closes."},
      {"input/front-matter-invalid", "The front matter is not valid YAML."},
      {"input/front-matter-not-a-map",
       "The front matter is YAML but not a map of keys to values."},
  };
  return rules;
}

namespace {

constexpr int kOptions =
    CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;

void EnsureExtensionsRegistered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// cmark-gfm keeps the table of inline "special characters" in a global:
// cmark_parser_finish() adds its parser's extension characters (':' and 'w'
// for autolinks, '~' for strikethrough) and removes them when it is done
// (blocks.c, process_inlines). Two drafts finishing at once race, and one
// may silently lose its bare URLs (standardese/standardese#199 describes
// the same global; seen here as bare-url counts that changed from run to
// run over the shared corpus). Inline parsing is therefore serialized;
// block parsing (cmark_parser_feed) and everything after stay parallel.
std::mutex& CmarkInlineMutex() {
  static std::mutex mutex;
  return mutex;
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

std::string_view Literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s == nullptr ? std::string_view() : std::string_view(s);
}

bool HasType(cmark_node* node, std::string_view type) {
  const char* s = cmark_node_get_type_string(node);
  return s != nullptr && type == s;
}

// Plain text of an inline tree: text and code literals, breaks as spaces.
void AppendPlainText(cmark_node* node, std::string& out) {
  for (cmark_node* c = cmark_node_first_child(node); c != nullptr;
       c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        out += Literal(c);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      case CMARK_NODE_HTML_INLINE:
        break;
      default:
        AppendPlainText(c, out);
    }
  }
}

std::string PlainText(cmark_node* node) {
  std::string out;
  AppendPlainText(node, out);
  return out;
}

}  // namespace

// Fills a Document from its bytes. One Builder per Parse() call.
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
    const FrontMatterBlock block = FindFrontMatter(map_);
    const std::string& b = doc_.bytes_;
    if (!block.present) {
      return b.substr(map_.LineStart(1));
    }
    YAML::Node root;
    if (!block.terminated) {
      AddInput("input/front-matter-unterminated",
               "The front matter opens with --- on line 1 but has no closing "
               "--- line; add one after the last key.",
               map_.LineStart(1));
      doc_.front_matter_ = FrontMatter(block, YAML::Node(), &map_);
      return b.substr(map_.LineStart(1));
    }
    const std::string yaml =
        b.substr(block.yaml_begin, block.yaml_end - block.yaml_begin);
    try {
      root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
      const int yaml_first_line = block.open_line + 1;
      size_t at = block.yaml_begin;
      if (!e.mark.is_null()) {
        at = map_.OffsetOfByteColumn(yaml_first_line + e.mark.line,
                                     e.mark.column + 1);
      }
      AddInput("input/front-matter-invalid",
               "The front matter is not valid YAML: " + e.msg + ".", at);
      root = YAML::Node();
    }
    if (root.IsDefined() && !root.IsNull() && !root.IsMap()) {
      AddInput("input/front-matter-not-a-map",
               std::string("The front matter must be a map of keys to "
                           "values, but it is a ") +
                   (root.IsSequence() ? "list" : "single value") + ".",
               block.yaml_begin);
      root = YAML::Node();
    }
    doc_.front_matter_ = FrontMatter(block, root, &map_);
    std::string body(block.close_line, '\n');
    if (block.close_line < map_.line_count()) {
      body += b.substr(map_.LineStart(block.close_line + 1));
    }
    return body;
  }

  void ParseMarkdown(const std::string& body) {
    EnsureExtensionsRegistered();
    std::unique_ptr<cmark_parser, ParserDeleter> parser(
        cmark_parser_new(kOptions));
    for (const char* name : {"table", "autolink", "strikethrough"}) {
      if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
        cmark_parser_attach_syntax_extension(parser.get(), ext);
      }
    }
    cmark_parser_feed(parser.get(), body.data(), body.size());
    std::unique_lock<std::mutex> inline_lock(CmarkInlineMutex());
    std::unique_ptr<cmark_node, NodeDeleter> root(
        cmark_parser_finish(parser.get()));
    inline_lock.unlock();
    if (root) WalkBlocks(root.get());
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
  // Byte offset in the file of cmark's (line, byte column) start position.
  size_t StartOffset(cmark_node* node) const {
    return map_.OffsetOfByteColumn(cmark_node_get_start_line(node),
                                   cmark_node_get_start_column(node));
  }
  // One past cmark's inclusive end position.
  size_t EndOffset(cmark_node* node) const {
    const int line = cmark_node_get_end_line(node);
    const int col = cmark_node_get_end_column(node);
    if (line <= 0) return StartOffset(node);
    if (col <= 0) {  // cmark says "end of the previous line"
      return map_.LineStart(line);
    }
    const size_t at = map_.OffsetOfByteColumn(line, col);
    const std::string_view text = map_.text();
    if (at >= text.size()) return text.size();
    // Step over the whole last code point.
    size_t end = at + 1;
    while (end < text.size() &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      ++end;
    }
    return end;
  }

  // Where `needle` sits in the file: at `expected` if the file has it there
  // (cmark's inline positions drift on continuation lines inside quotes and
  // lists), else its first occurrence in [cursor, limit), else `expected`.
  size_t Place(std::string_view needle, size_t expected, size_t cursor,
               size_t limit) const {
    const std::string_view text = map_.text();
    if (needle.empty()) return std::clamp(expected, cursor, limit);
    if (expected >= cursor && text.substr(expected, needle.size()) == needle) {
      return expected;
    }
    const size_t found = text.find(needle, cursor);
    if (found != std::string_view::npos && found + needle.size() <= limit) {
      return found;
    }
    return std::clamp(expected, cursor, limit);
  }

  void WalkBlocks(cmark_node* parent) {
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
         node = cmark_node_next(node)) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_HEADING:
          AddHeading(node);
          AddProse(node, ProseBlock::Kind::kHeading);
          break;
        case CMARK_NODE_PARAGRAPH:
          AddProse(node, ProseBlock::Kind::kParagraph);
          break;
        case CMARK_NODE_HTML_BLOCK:
          AddComments(Literal(node), StartOffset(node), EndOffset(node));
          break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_THEMATIC_BREAK:
          break;
        default:
          if (HasType(node, "table_cell")) {
            AddProse(node, ProseBlock::Kind::kTableCell);
          } else {
            WalkBlocks(node);
          }
      }
    }
  }

  void AddHeading(cmark_node* node) {
    Heading h;
    h.level = cmark_node_get_heading_level(node);
    h.text = PlainText(node);
    // Trim: ATX closing sequences and padding are not part of the text.
    while (!h.text.empty() && h.text.back() == ' ') h.text.pop_back();
    const size_t begin = StartOffset(node);
    h.range = map_.RangeOf(begin, std::max(begin, EndOffset(node)));
    const std::string_view line = map_.Line(h.range.line);
    const size_t first = line.find_first_not_of(" \t>");
    h.setext = first == std::string_view::npos || line[first] != '#';
    doc_.headings_.push_back(std::move(h));
  }

  void AddProse(cmark_node* node, ProseBlock::Kind kind) {
    ProseBlock block;
    block.kind = kind;
    const size_t begin = StartOffset(node);
    size_t end = std::max(begin, EndOffset(node));
    // The block's own end can be short of its last line (setext underline,
    // table rows); never search past the end of that line.
    const int end_line = map_.PositionOf(end).line;
    end = std::max(end, map_.LineStart(end_line) + map_.Line(end_line).size());
    block.range = map_.RangeOf(begin, end);
    size_t cursor = begin;
    WalkInlines(node, block, cursor, end);
    doc_.blocks_.push_back(std::move(block));
  }

  void AppendText(ProseBlock& block, std::string_view literal,
                  size_t source_offset) {
    block.anchors.push_back({block.text.size(), source_offset, literal.size()});
    block.text += literal;
  }

  void WalkInlines(cmark_node* parent, ProseBlock& block, size_t& cursor,
                   size_t limit) {
    for (cmark_node* node = cmark_node_first_child(parent); node != nullptr;
         node = cmark_node_next(node)) {
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_TEXT: {
          const std::string_view lit = Literal(node);
          const size_t at = Place(lit, StartOffset(node), cursor, limit);
          AppendText(block, lit, at);
          cursor = std::max(cursor, at + lit.size());
          break;
        }
        case CMARK_NODE_CODE: {
          const std::string_view lit = Literal(node);
          const size_t at = Place(lit, StartOffset(node), cursor, limit);
          cursor = std::max(cursor, at + lit.size());
          block.text += ' ';
          break;
        }
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          block.text += ' ';
          break;
        case CMARK_NODE_HTML_INLINE: {
          const std::string_view lit = Literal(node);
          const size_t at = Place(lit, StartOffset(node), cursor, limit);
          AddComments(lit, at, at + lit.size());
          cursor = std::max(cursor, at + lit.size());
          break;
        }
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
          const Link& link = AddLink(node, cursor, limit);
          if (link.kind == LinkKind::kInline ||
              link.kind == LinkKind::kReference) {
            WalkInlines(node, block, cursor, limit);
          } else {
            block.text += ' ';
          }
          break;
        }
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          AddFootnoteReference(node, cursor, limit);
          break;
        default:
          WalkInlines(node, block, cursor, limit);
      }
    }
  }

  // Records a footnote reference. Its label comes from the source text
  // (cmark-gfm's literal is the footnote's number). Leaves `cursor` alone.
  void AddFootnoteReference(cmark_node* node, size_t cursor, size_t limit) {
    const std::string_view text = map_.text();
    const size_t at = Place("[^", StartOffset(node), cursor, limit);
    const size_t close = text.find(']', at);
    if (text.substr(at, 2) != "[^" || close == std::string_view::npos ||
        close >= limit) {
      return;
    }
    FootnoteReference ref;
    ref.label = std::string(text.substr(at + 2, close - at - 2));
    ref.range = map_.RangeOf(at, close + 1);
    doc_.footnote_references_.push_back(std::move(ref));
  }

  // Classifies and places a link or image; advances `cursor` past its
  // opening so the link text is searched after it.
  const Link& AddLink(cmark_node* node, size_t& cursor, size_t limit) {
    const std::string_view text = map_.text();
    Link link;
    const char* url = cmark_node_get_url(node);
    const char* title = cmark_node_get_title(node);
    link.destination = url ? url : "";
    link.title = title ? title : "";
    link.text = PlainText(node);
    const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    size_t begin = 0;
    size_t end = 0;
    if (!image && cmark_node_get_start_line(node) == 0) {
      // The autolink extension gives no position: find the URL's text.
      link.kind = LinkKind::kBareUrl;
      begin = Place(link.text, cursor, cursor, limit);
      end = begin + link.text.size();
    } else {
      const size_t expected = StartOffset(node);
      const std::string_view opener = image ? "![" : "[";
      if (!image && expected < text.size() && text[expected] == '<') {
        link.kind = LinkKind::kAutolink;
        begin = expected;
      } else if (!image && text.substr(expected, 1) != "[" &&
                 Place("<" + link.text + ">", expected, cursor, limit) !=
                     std::clamp(expected, cursor, limit)) {
        link.kind = LinkKind::kAutolink;
        begin = Place("<" + link.text + ">", expected, cursor, limit);
      } else if (!image && !link.text.empty() &&
                 text.substr(expected, 1) != "[" &&
                 link.destination == "http://" + link.text) {
        // The autolink extension gives "www." links (unlike "https://"
        // ones) a position, one byte early: find the URL as written.
        link.kind = LinkKind::kBareUrl;
        begin = Place(link.text, expected, cursor, limit);
      } else {
        begin = Place(opener, expected, cursor, limit);
        link.kind = image ? LinkKind::kImage
                          : (IsInlineLink(begin + opener.size(), limit)
                                 ? LinkKind::kInline
                                 : LinkKind::kReference);
      }
      end = EndOffset(node);
      if (end <= begin) end = begin + 1;
      if (link.kind == LinkKind::kBareUrl) end = begin + link.text.size();
    }
    link.range = map_.RangeOf(begin, end);
    cursor = std::max(cursor, link.kind == LinkKind::kInline ||
                                      link.kind == LinkKind::kReference
                                  ? begin + 1
                                  : end);
    doc_.links_.push_back(std::move(link));
    return doc_.links_.back();
  }

  // Given the offset just after a link's '[', whether the matching ']' is
  // followed by '(' (an inline link) rather than a reference.
  bool IsInlineLink(size_t at, size_t limit) const {
    const std::string_view text = map_.text();
    int depth = 1;
    for (size_t i = at; i < limit && i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\\') {
        ++i;
      } else if (c == '`') {
        // Code spans may hold brackets; skip to the closing backtick run.
        size_t run = 1;
        while (i + run < text.size() && text[i + run] == '`') ++run;
        const size_t close = text.find(std::string(run, '`'), i + run);
        if (close != std::string_view::npos && close < limit) {
          i = close + run - 1;
        }
      } else if (c == '[') {
        ++depth;
      } else if (c == ']' && --depth == 0) {
        return i + 1 < text.size() && text[i + 1] == '(';
      }
    }
    return false;
  }

  void AddComments(std::string_view literal, size_t begin, size_t end) {
    const std::string_view text = map_.text();
    size_t from = 0;
    size_t cursor = begin;
    while (true) {
      const size_t open = literal.find("<!--", from);
      if (open == std::string_view::npos) return;
      const size_t close = literal.find("-->", open + 4);
      const size_t stop =
          close == std::string_view::npos ? literal.size() : close + 3;
      const std::string_view whole = literal.substr(open, stop - open);
      size_t at = text.find(whole, cursor);
      if (at == std::string_view::npos || at > end) at = begin + open;
      HtmlComment comment;
      const size_t body_end = close == std::string_view::npos ? stop : close;
      comment.text = std::string(literal.substr(open + 4, body_end - open - 4));
      comment.range = map_.RangeOf(at, at + whole.size());
      doc_.comments_.push_back(std::move(comment));
      cursor = at + whole.size();
      from = stop;
    }
  }

  Document& doc_;
  const SourceMap& map_;
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
  const std::string body = builder.ReadFrontMatter();
  builder.ParseMarkdown(body);
  return doc;
}

SourceRange Document::Locate(const ProseBlock& block, size_t begin,
                             size_t end) const {
  if (block.anchors.empty()) return block.range;
  auto to_source = [&](size_t t) -> size_t {
    auto it = std::upper_bound(block.anchors.begin(), block.anchors.end(), t,
                               [](size_t v, const ProseBlock::Anchor& a) {
                                 return v < a.text_offset;
                               });
    if (it == block.anchors.begin()) return block.anchors.front().source_offset;
    const ProseBlock::Anchor& a = *(it - 1);
    if (t <= a.text_offset + a.length) {
      return a.source_offset + (t - a.text_offset);
    }
    return a.source_offset + a.length;
  };
  const size_t b = to_source(begin);
  return map_->RangeOf(b, std::max(b, to_source(end)));
}

std::string Document::Excerpt(const SourceRange& range,
                              size_t max_bytes) const {
  std::string_view line = map_->Line(range.line);
  const size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  line = line.substr(first);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (line.size() > max_bytes) {
    // Keep the spot the range points at in view: start a quarter of the
    // window before it.
    const std::string_view full = map_->Line(range.line);
    size_t target = 0;
    for (int col = 1; target < full.size() && col < range.column; ++col) {
      ++target;
      while (target < full.size() &&
             (static_cast<unsigned char>(full[target]) & 0xC0) == 0x80) {
        ++target;
      }
    }
    size_t start =
        target > first + max_bytes / 4 ? target - first - max_bytes / 4 : 0;
    while (start > 0 && start < line.size() &&
           (static_cast<unsigned char>(line[start]) & 0xC0) == 0x80) {
      --start;
    }
    line = line.substr(std::min(start, line.size()));
    line = line.substr(0, Utf8PrefixLength(line, max_bytes));
  }
  return std::string(line);
}

}  // namespace proofgate
