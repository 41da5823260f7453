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
  SourceRange range{head.line, head.column, tail.line,
                    std::min(tail.column + 1, line_end)};
  // Never a range that ends before it starts: where cmark-gfm's text maps
  // back out of order (a "www." that the autolink extension tried and
  // gave up on, next to hard line breaks and entities), the range runs
  // from its start to the end of that line.
  if (range.end_line < range.line ||
      (range.end_line == range.line && range.end_column < range.column)) {
    const int head_line_end = head.line >= 1 && head.line <= map.line_count()
                                  ? CountCodePoints(map.Line(head.line)) + 1
                                  : head.column;
    range.end_line = head.line;
    range.end_column = std::max(head.column, head_line_end);
  }
  return range;
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
