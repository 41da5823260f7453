#include "checks/document/markdown_html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "checks/document/cmark_threads.h"
#include "checks/document/front_matter_parser.h"
#include "checks/document/source_map.h"

namespace proofgate {

namespace {

// Safe mode is cmark-gfm's default: no CMARK_OPT_UNSAFE.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 |
                         CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG;

// The draft without its front matter block and BOM.
std::string_view BodyOf(std::string_view draft, const SourceMap& map) {
  std::vector<FrontMatterProblem> problems;
  const FrontMatter front_matter = ParseFrontMatter(map, problems);
  const FrontMatterBlock& block = front_matter.block();
  if (!block.present || !block.terminated)
    return draft.substr(map.LineStart(1));
  if (block.close_line >= map.line_count()) return "";
  return draft.substr(map.LineStart(block.close_line + 1));
}

// Adds rel="noopener noreferrer" to every link. In safe mode every "<a "
// in cmark's output opens a link node: the draft's own text is escaped
// ("&lt;a") and its raw HTML omitted.
std::string WithNoopener(std::string_view html) {
  static constexpr std::string_view kOpen = "<a href=";
  std::string out;
  out.reserve(html.size() + 64);
  size_t from = 0;
  for (size_t at = html.find(kOpen); at != std::string_view::npos;
       at = html.find(kOpen, from)) {
    out.append(html.substr(from, at - from));
    out += "<a rel=\"noopener noreferrer\" href=";
    from = at + kOpen.size();
  }
  out.append(html.substr(from));
  return out;
}

}  // namespace

std::string DraftMarkdownHtml(std::string_view draft) {
  PrepareCmarkForThreads();
  const SourceMap map(draft);
  const std::string_view body = BodyOf(draft, map);
  CmarkParserPtr parser(cmark_parser_new(kOptions));
  AttachCmarkExtensions(parser.get());
  // Task list items ("- [x]") are matched per block and add no inline
  // special characters, so the shared table stays as cmark_threads.h fixed it.
  if (cmark_syntax_extension* ext = cmark_find_syntax_extension("tasklist")) {
    cmark_parser_attach_syntax_extension(parser.get(), ext);
  }
  cmark_parser_feed(parser.get(), body.data(), body.size());
  CmarkNodePtr root = FinishCmarkParse(parser.get());
  if (!root) return "";
  char* html = cmark_render_html(
      root.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get()));
  if (html == nullptr) return "";
  std::string out = WithNoopener(html);
  std::free(html);
  return out;
}

}  // namespace proofgate
