// Document: a draft parsed into what checks need — front matter, headings,
// links, prose split into sentences, HTML comments — each with its source
// range in the ORIGINAL file.
//
// Parsing never fails and never throws. Input that is not a well-formed
// draft (too large, NUL bytes, invalid UTF-8, broken front matter) yields
// `input/<what>` findings (see InputRules()) and as much of the document as
// could be read safely, so the problem reaches an editor instead of crashing
// anything. Markdown is CommonMark with the GitHub extensions (tables,
// autolinks, strikethrough, footnotes), parsed by cmark-gfm.
//
// Templating (templating.h: Hugo shortcodes, Liquid tags, MDX) never
// breaks parsing or shifts positions. What is templating rather than prose
// (tags, expressions, import lines, comment and code regions) is left out
// of headings, links, prose blocks and sentences; a line holding nothing
// else reads as a blank line to the Markdown parser, so a shortcode line
// does not join the paragraph after it and a JSX tag line does not open an
// HTML block. Tabs, details and asides become scopes(); GitHub alerts
// ("> [!NOTE]") are asides too.
//
// A Document is immutable after Parse() and safe to share between threads.
#ifndef PROOFGATE_CHECKS_DOCUMENT_DOCUMENT_H_
#define PROOFGATE_CHECKS_DOCUMENT_DOCUMENT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "checks/document/footnote_definitions.h"
#include "checks/document/front_matter.h"
#include "checks/document/source_map.h"
#include "checks/document/templating.h"
#include "checks/finding.h"

namespace proofgate {

struct Heading {
  int level = 1;     // 1..6
  std::string text;  // plain text: markup removed, soft breaks as spaces
  // `text` as readers see it: templating (shortcodes, Liquid output, MDX
  // expressions) left out, code kept; `text` itself when that would leave
  // nothing, as a heading that is only a shortcode is not empty to them.
  std::string visible_text;
  SourceRange range;    // the whole heading, markers included
  bool setext = false;  // underlined with === or --- rather than #
  int scope = -1;       // innermost Document::scopes() entry holding it, or -1
};

enum class LinkKind {
  kInline,     // [text](destination)
  kReference,  // [text][label], [text][] or [text] with a definition
  kAutolink,   // <https://example.com>
  kBareUrl,    // https://example.com in running text (GFM extension)
  kImage,      // ![alt](source) or ![alt][label]
};

// "inline", "reference", "autolink", "bare-url" or "image".
std::string_view LinkKindName(LinkKind kind);

struct Link {
  LinkKind kind = LinkKind::kInline;
  std::string destination;  // as written, after reference resolution
  std::string text;         // plain link text (alt text for images)
  std::string title;
  SourceRange range;  // from '[' / '!' / '<' / the URL's first character
  int scope = -1;     // innermost Document::scopes() entry holding it, or -1
  size_t block = 0;   // index into Document::blocks() of the text holding it
};

// A block of running text: a paragraph (also inside lists, quotes and
// footnotes), a table cell or a heading. `text` is the block's plain text:
// emphasis markers dropped, link text kept, while code spans, autolinked
// URLs, images, raw HTML and templating are replaced by a single space so
// that words around them stay apart (a block entirely inside a non-prose
// region, such as a Liquid comment, has empty text). Positions inside `text`
// map back to the file with Document::Locate().
struct ProseBlock {
  enum class Kind { kParagraph, kTableCell, kHeading };
  Kind kind = Kind::kParagraph;
  std::string text;
  SourceRange range;  // the whole block
  int scope = -1;     // innermost Document::scopes() entry holding it, or -1
  // Text offset -> file byte offset, one entry per piece of source text,
  // in increasing text offset. A piece is either a verbatim copy of the
  // file (length == source_length) or one backslash escape or entity
  // reference, such as "\*" or "&amp;", that cmark decoded.
  struct Anchor {
    size_t text_offset = 0;
    size_t source_offset = 0;
    size_t length = 0;         // bytes of text the piece covers
    size_t source_length = 0;  // bytes of the file it came from
  };
  std::vector<Anchor> anchors;
};

struct Sentence {
  size_t block = 0;  // index into Document::blocks()
  size_t begin = 0;  // byte offsets into that block's text
  size_t end = 0;
  std::string text;
  SourceRange range;
};

// A footnote reference in running text, "[^label]", whose footnote is
// defined (GFM footnotes); an undefined "[^x]" stays plain text and is not
// one. Recorded so that checks can count footnotes as sources (claims).
struct FootnoteReference {
  std::string label;  // as written between "[^" and "]"
  SourceRange range;  // from '[' to just after ']'
};

struct HtmlComment {
  std::string text;   // the body between "<!--" and "-->", untrimmed
  SourceRange range;  // the whole comment, delimiters included
};

// Limits on what Parse() accepts.
struct ParseOptions {
  // Larger drafts are not parsed (input/too-large). 5 MiB is over 30 times
  // the largest article in the shared corpus of 3,815 real documentation
  // pages (150,711 bytes), and keeps a parse of such text well under a
  // second. (Not of any text: cmark-gfm 0.29 itself takes quadratic time
  // on some paragraphs thousands of lines long, such as lines that each
  // hold a link and an emphasis: 14 s for 10,000 of them.)
  size_t max_bytes = 5 * 1024 * 1024;
  // The templating dialect; kAuto picks one by the draft's file extension
  // and content (ResolveTemplating()).
  Templating templating = Templating::kAuto;
};

class Document {
 public:
  // Parses `bytes`, the full content of the draft at `path` (used only in
  // messages). Never throws (allocation failure aside). A caller that read
  // only the first max_bytes + 1 bytes of a larger file passes the file's
  // real size as `file_size`, for the input/too-large message.
  static std::unique_ptr<Document> Parse(std::string path, std::string bytes,
                                         const ParseOptions& options = {},
                                         size_t file_size = 0);

  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& path() const { return path_; }
  // The exact bytes that were checked.
  const std::string& bytes() const { return bytes_; }
  const SourceMap& source_map() const { return *map_; }

  const FrontMatter& front_matter() const { return front_matter_; }
  const std::vector<Heading>& headings() const { return headings_; }
  const std::vector<Link>& links() const { return links_; }
  const std::vector<ProseBlock>& blocks() const { return blocks_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  const std::vector<HtmlComment>& comments() const { return comments_; }
  // Footnote references in file order.
  const std::vector<FootnoteReference>& footnote_references() const {
    return footnote_references_;
  }
  // Every footnote definition, referenced or not, in file order
  // (footnote_definitions.h: found by a second parse, only for drafts
  // with a line that may open one).
  const std::vector<FootnoteDefinition>& footnote_definitions() const {
    return footnote_definitions_;
  }
  // The templating dialect the draft was read with (never kAuto).
  Templating templating() const { return templating_; }
  // Tabs, details and asides, sorted by where they open; an enclosing
  // scope comes before those it holds (Scope::parent).
  const std::vector<Scope>& scopes() const { return scopes_; }
  // Byte ranges of the file that are templating, not prose: sorted,
  // disjoint.
  const std::vector<TemplateSpan>& non_prose() const { return non_prose_; }
  // The nearest scope of `kind` that is `scope` or encloses it, or -1
  // (also for `scope` -1). O(nesting depth).
  int EnclosingScope(int scope, ScopeKind kind) const;
  // Problems with the input itself (input/* rules), in file order.
  const std::vector<Finding>& input_findings() const { return input_; }
  // Whether the Markdown body was parsed (false only for oversized input).
  bool parsed() const { return parsed_; }

  // Range in the file of bytes [begin, end) of `block`'s text: from the
  // first character's place in the file to just after the last one's
  // (markup around them, such as "**" or "[", is left out). An offset inside
  // an escape or entity reference maps to the start of it; a space that
  // stands for a code span, image or line break maps to the end of the
  // text before it.
  SourceRange Locate(const ProseBlock& block, size_t begin, size_t end) const;

  // The file's text at `range` for use as evidence: the first line of the
  // range, trimmed of blanks. A line longer than `max_bytes` is cut to a
  // window of at most `max_bytes` bytes, on UTF-8 boundaries, that holds
  // the range's start column (a quarter of the window in, where the line
  // allows).
  std::string Excerpt(const SourceRange& range, size_t max_bytes = 200) const;

 private:
  Document() = default;
  class Builder;
  friend class Builder;

  std::string path_;
  std::string bytes_;
  std::unique_ptr<SourceMap> map_;
  FrontMatter front_matter_;
  std::vector<Heading> headings_;
  std::vector<Link> links_;
  std::vector<ProseBlock> blocks_;
  std::vector<Sentence> sentences_;
  std::vector<HtmlComment> comments_;
  std::vector<FootnoteReference> footnote_references_;
  std::vector<FootnoteDefinition> footnote_definitions_;
  Templating templating_ = Templating::kNone;
  std::vector<Scope> scopes_;
  std::vector<TemplateSpan> non_prose_;
  std::vector<Finding> input_;
  bool parsed_ = false;
};

// Rule ids Parse() can report, with their summaries, for reports that list
// every rule (SARIF). All have severity error and confidence 1.
struct InputRule {
  std::string_view id;
  std::string_view summary;
};
const std::vector<InputRule>& InputRules();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_DOCUMENT_H_
