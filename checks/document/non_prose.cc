#include "checks/document/non_prose.h"

#include <algorithm>
#include <string>

namespace proofgate {

namespace {

// The first span that ends after `offset`, or spans.end().
std::vector<TemplateSpan>::const_iterator FirstEndingAfter(
    const std::vector<TemplateSpan>& spans, size_t offset) {
  return std::partition_point(
      spans.begin(), spans.end(),
      [&](const TemplateSpan& s) { return s.end <= offset; });
}

// Whether any span meets the bytes [begin, end).
bool Meets(const std::vector<TemplateSpan>& spans, size_t begin, size_t end) {
  const auto it = FirstEndingAfter(spans, begin);
  return it != spans.end() && it->begin < end;
}

// Appends one space for removed text, unless at the start or after one.
void AppendGap(std::string& text) {
  if (!text.empty() && text.back() != ' ') text += ' ';
}

// Appends the verbatim piece `a` of `old`, minus the bytes inside spans.
void AppendVerbatim(const ProseBlock& old, const ProseBlock::Anchor& a,
                    const std::vector<TemplateSpan>& spans, ProseBlock& out) {
  size_t source = a.source_offset;
  const size_t source_end = a.source_offset + a.length;
  auto it = FirstEndingAfter(spans, source);
  while (source < source_end) {
    const size_t cut = it == spans.end()
                           ? source_end
                           : std::clamp(it->begin, source, source_end);
    if (cut > source) {
      out.anchors.push_back(
          {out.text.size(), source, cut - source, cut - source});
      out.text += old.text.substr(a.text_offset + (source - a.source_offset),
                                  cut - source);
      source = cut;
    }
    if (source >= source_end) break;
    AppendGap(out.text);
    source = std::min(source_end, it->end);
    ++it;
  }
}

}  // namespace

bool InNonProse(const std::vector<TemplateSpan>& spans, size_t offset) {
  const auto it = FirstEndingAfter(spans, offset);
  return it != spans.end() && it->begin <= offset;
}

void ExciseNonProse(ProseBlock& block, const std::vector<TemplateSpan>& spans) {
  const bool touched = std::any_of(
      block.anchors.begin(), block.anchors.end(),
      [&](const ProseBlock::Anchor& a) {
        return Meets(spans, a.source_offset,
                     a.source_offset + std::max<size_t>(a.source_length, 1));
      });
  if (!touched) return;
  ProseBlock out;
  size_t t = 0;  // text offset in `block` copied so far
  for (const ProseBlock::Anchor& a : block.anchors) {
    if (a.text_offset > t) {
      const std::string_view gap =
          std::string_view(block.text).substr(t, a.text_offset - t);
      if (gap.find_first_not_of(' ') == std::string_view::npos) {
        AppendGap(out.text);
      } else {
        out.text += gap;
      }
    }
    if (a.length == a.source_length) {
      AppendVerbatim(block, a, spans, out);
    } else if (InNonProse(spans, a.source_offset)) {
      AppendGap(out.text);
    } else {
      out.anchors.push_back(
          {out.text.size(), a.source_offset, a.length, a.source_length});
      out.text += block.text.substr(a.text_offset, a.length);
    }
    t = std::max(t, a.text_offset + a.length);
  }
  if (t < block.text.size()) out.text += block.text.substr(t);
  block.text = std::move(out.text);
  block.anchors = std::move(out.anchors);
}

}  // namespace proofgate
