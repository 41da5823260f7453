#include "checks/document/source_map.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "checks/document/utf8.h"

namespace proofgate {

int CountCodePoints(std::string_view bytes) {
  // Counts continuation bytes 8 at a time (bit 7 set, bit 6 clear in a
  // byte), then the rest one by one. PositionOf() counts from the start of
  // the line on every call, and documentation pages often hold a whole
  // paragraph on one line: the byte-by-byte loop was about 9% of
  // `proofgate check` (callgrind, 357 corpus pages).
  // Per-byte counters (0 or 1 added per word) are summed every 255 words,
  // before a byte could overflow.
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  size_t continuation = 0;
  size_t i = 0;
  while (i + 8 <= bytes.size()) {
    uint64_t counters = 0;
    for (int k = 0; k < 255 && i + 8 <= bytes.size(); ++k, i += 8) {
      uint64_t word;
      std::memcpy(&word, bytes.data() + i, sizeof(word));
      counters += ((word & ~(word << 1)) >> 7) & kOnes;
    }
    // Sum the 8 byte counters (each <= 255) in 16-bit lanes: their total
    // (<= 2040) does not fit a byte.
    constexpr uint64_t kLow = 0x00FF00FF00FF00FFULL;
    const uint64_t pairs = (counters & kLow) + ((counters >> 8) & kLow);
    continuation += static_cast<size_t>((pairs * 0x0001000100010001ULL) >> 48);
  }
  for (; i < bytes.size(); ++i) {
    if (IsContinuationByte(bytes[i])) ++continuation;
  }
  return static_cast<int>(bytes.size() - continuation);
}

SourceMap::SourceMap(std::string_view text) : text_(text) {
  size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;
  line_starts_.push_back(start);
  if (text.find('\r', start) == std::string_view::npos) {
    // "\n" only, as most drafts: memchr finds each line end.
    for (size_t i = text.find('\n', start); i != std::string_view::npos;
         i = text.find('\n', i + 1)) {
      line_ends_.push_back(i);
      line_starts_.push_back(i + 1);
    }
  } else {
    for (size_t i = start; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\n' || c == '\r') {
        line_ends_.push_back(i);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        line_starts_.push_back(i + 1);
      }
    }
  }
  line_ends_.push_back(text.size());
  code_points_before_.reserve(text.size() / kCheckpointBytes + 1);
  int n = 0;
  for (size_t from = 0; from < text.size(); from += kCheckpointBytes) {
    code_points_before_.push_back(n);
    n += CountCodePoints(text.substr(from, kCheckpointBytes));
  }
}

int SourceMap::CodePointsBefore(size_t offset) const {
  if (code_points_before_.empty()) return 0;  // an empty text
  const size_t k =
      std::min(offset / kCheckpointBytes, code_points_before_.size() - 1);
  const size_t from = k * kCheckpointBytes;
  // A chunk with no continuation bytes (ASCII, most of most drafts) has
  // one code point per byte.
  if (k + 1 < code_points_before_.size() &&
      static_cast<size_t>(code_points_before_[k + 1] -
                          code_points_before_[k]) == kCheckpointBytes) {
    return code_points_before_[k] + static_cast<int>(offset - from);
  }
  return code_points_before_[k] +
         CountCodePoints(text_.substr(from, offset - from));
}

size_t SourceMap::LineStart(int line) const {
  line = std::clamp(line, 1, line_count());
  return line_starts_[line - 1];
}

std::string_view SourceMap::Line(int line) const {
  line = std::clamp(line, 1, line_count());
  const size_t begin = line_starts_[line - 1];
  return text_.substr(begin, line_ends_[line - 1] - begin);
}

int SourceMap::LineOf(size_t offset) const {
  // The last line start at or before `offset` (the first when none is, as
  // inside a BOM), halving the candidates without a branch to mispredict.
  const size_t* base = line_starts_.data();
  size_t n = line_starts_.size();
  while (n > 1) {
    const size_t half = n / 2;
    base = base[half] <= offset ? base + half : base;
    n -= half;
  }
  return static_cast<int>(base - line_starts_.data()) + 1;
}

SourcePosition SourceMap::PositionOnLine(int line, size_t offset) const {
  const size_t begin = line_starts_[line - 1];
  if (offset < begin) return {line, 1};  // inside the BOM
  // Inside a "\r\n" terminator: the line's end, like its "\r".
  offset = std::min(offset, line_ends_[line - 1]);
  return {line, 1 + CodePointsBefore(offset) - CodePointsBefore(begin)};
}

SourcePosition SourceMap::PositionOf(size_t offset) const {
  offset = std::min(offset, text_.size());
  return PositionOnLine(LineOf(offset), offset);
}

size_t SourceMap::OffsetOfByteColumn(int line, int byte_column) const {
  line = std::clamp(line, 1, line_count());
  const size_t begin = line_starts_[line - 1];
  const size_t end = line_ends_[line - 1];
  const size_t col = byte_column < 1 ? 0 : static_cast<size_t>(byte_column - 1);
  return std::min(begin + col, end);
}

size_t SourceMap::OffsetOfColumn(int line, int column) const {
  const std::string_view text = Line(line);
  size_t i = 0;
  for (int c = 1; c < column && i < text.size(); ++c) {
    ++i;
    while (i < text.size() && IsContinuationByte(text[i])) ++i;
  }
  return LineStart(line) + i;
}

SourceRange SourceMap::RangeOf(size_t begin, size_t end) const {
  const SourcePosition a = PositionOf(begin);
  const size_t last = std::min(std::max(begin, end), text_.size());
  // Most ranges end on the line they start on: no second search then.
  const bool same_line = static_cast<size_t>(a.line) == line_starts_.size() ||
                         last < line_starts_[a.line];
  const SourcePosition b =
      same_line ? PositionOnLine(a.line, last) : PositionOf(last);
  return {a.line, a.column, b.line, b.column};
}

}  // namespace proofgate
