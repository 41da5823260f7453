#include "daemon/drafts/draft_fixes.h"

#include <algorithm>

#include "checks/document/source_map.h"

namespace proofgate {

namespace {

struct Edit {
  size_t begin = 0;
  size_t end = 0;
  const Fix* fix = nullptr;
};

// The lines of `text` with their terminators.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      lines.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

void AppendLine(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (line.empty() || line.back() != '\n')
    out += "\n\\ No newline at end of file\n";
}

}  // namespace

FixedDraft ApplyFixes(std::string_view bytes,
                      const std::vector<Finding>& findings) {
  const SourceMap map(bytes);
  FixedDraft out;
  std::vector<Edit> edits;
  for (const Finding& f : findings) {
    if (f.suppressed || !f.fix) continue;
    const Fix& fix = *f.fix;
    const size_t begin = map.OffsetOfColumn(fix.range.line, fix.range.column);
    const size_t end =
        map.OffsetOfColumn(fix.range.end_line, fix.range.end_column);
    const bool exact = fix.range.line == fix.range.end_line && end >= begin &&
                       bytes.substr(begin, end - begin) == fix.original &&
                       fix.text.find_first_of("\r\n") == std::string::npos;
    if (!exact) {
      ++out.skipped;
      continue;
    }
    edits.push_back(Edit{begin, end, &fix});
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
  });
  size_t copied = 0;
  for (const Edit& e : edits) {
    if (e.begin < copied) {
      ++out.skipped;  // overlaps the edit before
      continue;
    }
    out.bytes.append(bytes.substr(copied, e.begin - copied));
    out.bytes += e.fix->text;
    copied = e.end;
    ++out.applied;
  }
  out.bytes.append(bytes.substr(copied));
  return out;
}

std::string UnifiedDiff(std::string_view path, std::string_view before,
                        std::string_view after) {
  if (before == after) return "";
  const std::vector<std::string_view> a = Lines(before);
  const std::vector<std::string_view> b = Lines(after);
  const size_t n = std::min(a.size(), b.size());
  constexpr size_t kContext = 3;
  std::string out =
      "--- a/" + std::string(path) + "\n+++ b/" + std::string(path) + "\n";
  size_t i = 0;
  while (i < n) {
    if (a[i] == b[i]) {
      ++i;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines
    // after the last change closer than 2 x kContext lines to the next.
    const size_t start = i > kContext ? i - kContext : 0;
    size_t last = i;
    for (size_t j = i; j < n && j <= last + 2 * kContext; ++j) {
      if (a[j] != b[j]) last = j;
    }
    const size_t stop = std::min(n, last + kContext + 1);
    const std::string count = std::to_string(stop - start);
    out += "@@ -" + std::to_string(start + 1) + "," + count + " +" +
           std::to_string(start + 1) + "," + count + " @@\n";
    for (size_t j = start; j < stop;) {
      if (a[j] == b[j]) {
        AppendLine(out, ' ', a[j++]);
        continue;
      }
      // A run of changed lines: the old ones, then the new ones.
      size_t run = j;
      while (run < stop && a[run] != b[run]) ++run;
      for (size_t k = j; k < run; ++k) AppendLine(out, '-', a[k]);
      for (size_t k = j; k < run; ++k) AppendLine(out, '+', b[k]);
      j = run;
    }
    i = stop;
  }
  return out;
}

}  // namespace proofgate
