// Footnote definitions ("[^label]: text"), referenced or not.
//
// cmark-gfm resolves footnotes while it finishes a parse and drops every
// definition that nothing references, so the parse Document makes shows
// only the referenced ones. To find the others, this file lets the parser
// decide again: it gathers the labels of lines that may open a definition,
// parses the body once more with a paragraph appended that references each
// of them, and reads the definitions that parse keeps. A line that only
// looks like a definition (inside a fenced code block, an HTML block, a
// paragraph's continuation) is no definition to the parser and is not
// reported. The second parse runs only for a body that has such a line.
//
// Pure; thread-safe (cmark parses as Document's do: cmark_threads.h).
#ifndef PROOFGATE_CHECKS_DOCUMENT_FOOTNOTE_DEFINITIONS_H_
#define PROOFGATE_CHECKS_DOCUMENT_FOOTNOTE_DEFINITIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "checks/document/source_map.h"
#include "checks/finding.h"

namespace proofgate {

struct FootnoteDefinition {
  std::string label;  // as written between "[^" and "]"
  SourceRange range;  // the "[^label]" that opens it
  // Whether a footnote reference of the draft names it (labels compare
  // as cmark-gfm compares them: case-insensitively, runs of white space as
  // one space; FoldForCompare in text_compare.h).
  bool referenced = false;
};

// The footnote definitions of `body` in file order. `body` is the Markdown
// text cmark reads for the draft `map` maps: the file with its front matter
// lines blanked, so that the parser's line numbers are the file's (at most
// as many lines as the file). `referenced_labels`: the labels of the
// draft's footnote references. At most 1,000 distinct labels are looked
// for (real pages have a few dozen).
std::vector<FootnoteDefinition> FindFootnoteDefinitions(
    std::string_view body, const SourceMap& map,
    const std::vector<std::string>& referenced_labels);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_FOOTNOTE_DEFINITIONS_H_
