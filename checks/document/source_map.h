// SourceMap turns byte offsets into the line and column a person sees.
//
// Line terminators are "\n", "\r\n" and a lone "\r", the same set CommonMark
// uses, so line numbers agree with the Markdown parser's. Columns count
// Unicode code points: every byte that is not a UTF-8 continuation byte
// (10xxxxxx) starts a new column, which is exact for valid UTF-8 and never
// overcounts for invalid input. A leading UTF-8 byte order mark belongs to no
// column.
#ifndef PROOFGATE_CHECKS_DOCUMENT_SOURCE_MAP_H_
#define PROOFGATE_CHECKS_DOCUMENT_SOURCE_MAP_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "checks/finding.h"

namespace proofgate {

struct SourcePosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
};

class SourceMap {
 public:
  // `text` must outlive the map. O(size) time; memory: two offsets per line
  // and one int per 256 bytes.
  explicit SourceMap(std::string_view text);

  // Number of lines; an empty text has one (empty) line.
  int line_count() const { return static_cast<int>(line_starts_.size()); }

  // Byte offset where 1-based `line` starts (after a BOM on line 1).
  // Lines out of range are clamped to [1, line_count()].
  size_t LineStart(int line) const;

  // The bytes of `line` without its terminator. Clamped like LineStart.
  std::string_view Line(int line) const;

  // Position of the byte at `offset` (clamped to the text size). Every
  // byte of a line's terminator is at the line's end: column = code points
  // of the line + 1. O(log lines), however long the line.
  SourcePosition PositionOf(size_t offset) const;

  // Byte offset of a position given as (line, 1-based BYTE column), the
  // form cmark-gfm reports. Clamped to the line's end.
  size_t OffsetOfByteColumn(int line, int byte_column) const;

  // Byte offset of a position given as (line, 1-based code point column),
  // the form PositionOf() and SourceRange give: the inverse of PositionOf()
  // within a line. Lines are clamped like LineStart; a column past the
  // line's last code point gives the line's end. O(length of the line).
  size_t OffsetOfColumn(int line, int column) const;

  // The range covering bytes [begin, end).
  SourceRange RangeOf(size_t begin, size_t end) const;

  std::string_view text() const { return text_; }

 private:
  // The 1-based line holding byte `offset` (at most text_.size()): a
  // search without branches over the line starts. O(log lines).
  int LineOf(size_t offset) const;

  // PositionOf(offset) for an `offset` (at most text_.size()) on `line`.
  SourcePosition PositionOnLine(int line, size_t offset) const;

  // Code points in text_[0, offset), from a checkpoint every
  // kCheckpointBytes bytes, so that columns on long lines cost O(1).
  int CodePointsBefore(size_t offset) const;

  static constexpr size_t kCheckpointBytes = 256;

  std::string_view text_;
  std::vector<size_t> line_starts_;
  std::vector<size_t> line_ends_;  // offset of the terminator (or text end)
  std::vector<int> code_points_before_;  // at every kCheckpointBytes bytes
};

// Number of code points in `bytes`, counted as SourceMap counts columns.
int CountCodePoints(std::string_view bytes);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_SOURCE_MAP_H_
