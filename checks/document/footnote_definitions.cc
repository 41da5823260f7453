#include "checks/document/footnote_definitions.h"

#include <cmark-gfm.h>
#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "checks/document/cmark_arena.h"
#include "checks/document/cmark_options.h"
#include "checks/document/cmark_threads.h"
#include "checks/document/text_compare.h"

namespace proofgate {

namespace {

constexpr size_t kMaxLabels = 1000;

// Labels of lines that may open a definition: "[^label]:" after
// container markers (quotes, list items) and indentation.
std::set<std::string> CandidateLabels(std::string_view body) {
  static const RE2 kOpener(
      R"((?m)^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])?)*[ \t]*\[\^([^\]\s]{1,200})\]:)");
  std::set<std::string> labels;
  re2::StringPiece input(body.data(), body.size());
  std::string label;
  while (labels.size() < kMaxLabels &&
         RE2::FindAndConsume(&input, kOpener, &label)) {
    labels.insert(label);
  }
  return labels;
}

// The FOOTNOTE_DEFINITION nodes `text` parses into, as (line, column).
std::vector<std::pair<int, int>> ParsedDefinitions(const std::string& text) {
  PrepareCmarkForThreads();
  std::optional<CmarkArena> arena;
  if (text.size() <= CmarkArena::kArenaMaxDraftBytes) arena.emplace();
  CmarkParserPtr parser(
      cmark_parser_new_with_mem(CmarkOptionsFor(text), CmarkArena::mem()));
  AttachCmarkExtensions(parser.get());
  cmark_parser_feed(parser.get(), text.data(), text.size());
  CmarkNodePtr root = FinishCmarkParse(parser.get());
  std::vector<std::pair<int, int>> found;
  if (!root) return found;
  // cmark-gfm moves every kept definition to the end of the document.
  for (cmark_node* node = cmark_node_first_child(root.get()); node != nullptr;
       node = cmark_node_next(node)) {
    if (cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION) {
      found.emplace_back(cmark_node_get_start_line(node),
                         cmark_node_get_start_column(node));
    }
  }
  return found;
}

}  // namespace

std::vector<FootnoteDefinition> FindFootnoteDefinitions(
    std::string_view body, const SourceMap& map,
    const std::vector<std::string>& referenced_labels) {
  std::vector<FootnoteDefinition> out;
  if (body.find("[^") == std::string_view::npos) return out;
  const std::set<std::string> candidates = CandidateLabels(body);
  if (candidates.empty()) return out;
  std::string text(body);
  text += "\n\n";
  for (const std::string& label : candidates) text += "[^" + label + "] ";
  text += "\n";
  std::set<std::string> referenced;
  for (const std::string& label : referenced_labels) {
    referenced.insert(FoldForCompare(label));
  }
  for (const auto& [line, column] : ParsedDefinitions(text)) {
    if (line < 1 || line > map.line_count() || column < 1) continue;
    const std::string_view source = map.Line(line);
    // cmark-gfm places a definition where its content starts, after the
    // "[^label]:" marker.
    const size_t open = source.rfind("[^", static_cast<size_t>(column - 1));
    const size_t close =
        open == std::string_view::npos ? open : source.find(']', open);
    if (close == std::string_view::npos) continue;
    FootnoteDefinition def;
    def.label = std::string(source.substr(open + 2, close - open - 2));
    const size_t at = map.LineStart(line) + open;
    def.range = map.RangeOf(at, at + close + 1 - open);
    def.referenced = referenced.count(FoldForCompare(def.label)) > 0;
    out.push_back(std::move(def));
  }
  std::sort(out.begin(), out.end(),
            [](const FootnoteDefinition& a, const FootnoteDefinition& b) {
              return std::pair(a.range.line, a.range.column) <
                     std::pair(b.range.line, b.range.column);
            });
  return out;
}

}  // namespace proofgate
