#include "checks/document/markdown_text.h"

#include <cmark-gfm.h>

#include "checks/document/cmark_threads.h"

namespace proofgate {

namespace {

// A full stop before the text keeps a block marker at its start ("1. ",
// "# ", "> ", four spaces) inside the paragraph, and as punctuation it
// lets emphasis open right after it ("_word_"); it is left out of the
// result.
constexpr char kLead = '.';

// Appends `text`, with each run of whitespace as one space.
void AppendCollapsed(const char* text, std::string& out) {
  for (; text != nullptr && *text != '\0'; ++text) {
    const char c = *text;
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
}

}  // namespace

std::string MarkdownLineText(std::string_view markdown) {
  PrepareCmarkForThreads();
  std::string line(1, kLead);
  line.reserve(markdown.size() + 1);
  for (const char c : markdown) line += (c == '\n' || c == '\r') ? ' ' : c;
  CmarkParserPtr parser(
      cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
  AttachCmarkExtensions(parser.get());  // as every parser (cmark_threads.h)
  cmark_parser_feed(parser.get(), line.data(), line.size());
  CmarkNodePtr root = FinishCmarkParse(parser.get());
  if (!root) return "";
  std::string out;
  CmarkIterPtr it(cmark_iter_new(root.get()));
  for (cmark_event_type e = cmark_iter_next(it.get()); e != CMARK_EVENT_DONE;
       e = cmark_iter_next(it.get())) {
    if (e != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        AppendCollapsed(cmark_node_get_literal(node), out);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        AppendCollapsed(" ", out);
        break;
      default:
        break;
    }
  }
  if (!out.empty() && out.front() == kLead) out.erase(0, 1);
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace proofgate
