#include "checks/document/match_range.h"

#include "checks/document/utf8.h"

namespace proofgate {

SourceRange LocateMatch(const Document& doc, const ProseBlock& block,
                        size_t begin, size_t end) {
  size_t last = end - 1;
  while (last > begin && IsContinuationByte(block.text[last])) --last;
  const SourceRange head = doc.Locate(block, begin, begin);
  const SourceRange tail = doc.Locate(block, last, last);
  return SourceRange{head.line, head.column, tail.line, tail.column + 1};
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
