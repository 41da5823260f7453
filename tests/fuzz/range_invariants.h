// Invariants every source range of a parsed document must satisfy, checked
// by the fuzz targets: a range lies inside the input, its columns exist on
// its lines, and it does not end before it starts.
#ifndef PROOFGATE_TESTS_FUZZ_RANGE_INVARIANTS_H_
#define PROOFGATE_TESTS_FUZZ_RANGE_INVARIANTS_H_

#include <cstdio>
#include <cstdlib>

#include "checks/document/document.h"

namespace proofgate::fuzz {

// Aborts (so libFuzzer records a crash) when `range` is inconsistent with
// `doc`'s source map. `what` names the range's owner in the message.
inline void CheckRange(const Document& doc, const SourceRange& r,
                       const char* what) {
  const SourceMap& map = doc.source_map();
  auto column_ok = [&](int line, int column) {
    return line >= 1 && line <= map.line_count() && column >= 1 &&
           column <= CountCodePoints(map.Line(line)) + 1;
  };
  const bool ok = column_ok(r.line, r.column) &&
                  column_ok(r.end_line, r.end_column) &&
                  (r.line < r.end_line ||
                   (r.line == r.end_line && r.column <= r.end_column));
  if (!ok) {
    std::fprintf(stderr, "bad %s range %d:%d-%d:%d (lines: %d)\n", what, r.line,
                 r.column, r.end_line, r.end_column, map.line_count());
    std::abort();
  }
}

// Checks every range a Document exposes.
inline void CheckDocumentRanges(const Document& doc) {
  if (!doc.parsed()) return;
  for (const Heading& h : doc.headings()) CheckRange(doc, h.range, "heading");
  for (const Link& l : doc.links()) CheckRange(doc, l.range, "link");
  for (const ProseBlock& b : doc.blocks()) CheckRange(doc, b.range, "block");
  for (const Sentence& s : doc.sentences()) {
    CheckRange(doc, s.range, "sentence");
  }
  for (const HtmlComment& c : doc.comments()) {
    CheckRange(doc, c.range, "comment");
  }
  for (const Finding& f : doc.input_findings()) {
    CheckRange(doc, f.range, "input finding");
  }
}

}  // namespace proofgate::fuzz

#endif  // PROOFGATE_TESTS_FUZZ_RANGE_INVARIANTS_H_
