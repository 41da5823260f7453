#include "checks/document/match_range.h"

#include <algorithm>

#include "checks/document/source_map.h"
#include "checks/document/utf8.h"

namespace proofgate {

SourceRange LocateMatch(const Document& doc, const ProseBlock& block,
                        size_t begin, size_t end) {
  size_t last = end - 1;
  while (last > begin && IsContinuationByte(block.text[last])) --last;
  const SourceRange head = doc.Locate(block, begin, begin);
  const SourceRange tail = doc.Locate(block, last, last);
  // A last character the block's text adds (the space that stands for a
  // line break) maps to just past its line's end: the range then ends there.
  const SourceMap& map = doc.source_map();
  const int line_end = tail.line >= 1 && tail.line <= map.line_count()
                           ? CountCodePoints(map.Line(tail.line)) + 1
                           : tail.column + 1;
  return SourceRange{head.line, head.column, tail.line,
                     std::min(tail.column + 1, line_end)};
}

std::pair<size_t, size_t> RangeBytes(const Document& doc,
                                     const SourceRange& range) {
  const SourceMap& map = doc.source_map();
  return {map.OffsetOfColumn(range.line, range.column),
          map.OffsetOfColumn(range.end_line, range.end_column)};
}

bool SourceHolds(const Document& doc, const SourceRange& range,
                 std::string_view text) {
  if (range.line != range.end_line) return false;
  const auto [begin, end] = RangeBytes(doc, range);
  return end >= begin &&
         std::string_view(doc.bytes()).substr(begin, end - begin) == text;
}

}  // namespace proofgate
