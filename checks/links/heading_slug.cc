#include "checks/links/heading_slug.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "checks/ascii.h"
#include "checks/document/utf8.h"
#include "checks/links/generator_slugs.h"

namespace proofgate {

namespace {

void EncodeUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Simple lower-case mapping for the scripts named in the header; ranges and
// offsets from the Unicode Character Database (UnicodeData.txt, field 13).
char32_t ToLower(char32_t c) {
  auto even_to_odd = [c](char32_t first, char32_t last) {
    return c >= first && c <= last && (c - first) % 2 == 0;
  };
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 32;  // Latin-1, not '×'
  if (even_to_odd(0x100, 0x12F) || even_to_odd(0x132, 0x137) ||
      even_to_odd(0x14A, 0x177)) {
    return c + 1;
  }
  if ((c >= 0x139 && c <= 0x148 && c % 2 == 1) ||
      (c >= 0x179 && c <= 0x17E && c % 2 == 1)) {
    return c + 1;
  }
  if (c == 0x178) return 0xFF;  // Ÿ
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB)) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (even_to_odd(0x460, 0x481) || even_to_odd(0x48A, 0x4BF)) return c + 1;
  if (c >= 0x531 && c <= 0x556) return c + 48;
  if (even_to_odd(0x1E00, 0x1E95) || even_to_odd(0x1EA0, 0x1EFF)) {
    return c + 1;
  }
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
  return c;
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::string GitHubSlug(std::string_view text) {
  // Everything that is not a letter, mark, number, connector punctuation,
  // hyphen or space (github-slugger's regex, built from the same Unicode
  // general categories).
  static const RE2 kRemoved("[^\\p{L}\\p{M}\\p{N}\\p{Pc} \\-]");
  std::string lower;
  lower.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const Utf8Char c = DecodeUtf8(text, i);
    if (c.length == 0) {  // not well formed: the byte is dropped
      ++i;
      continue;
    }
    if (c.code_point ==
        0x130) {  // 'İ' lower-cases to "i" + U+0307 COMBINING DOT
      lower += 'i';
      EncodeUtf8(0x307, lower);
    } else {
      EncodeUtf8(ToLower(c.code_point), lower);
    }
    i += c.length;
  }
  RE2::GlobalReplace(&lower, kRemoved, "");
  for (char& c : lower) {
    if (c == ' ') c = '-';
  }
  return lower;
}

std::string HeadingSlugger::Next(std::string_view text) {
  const std::string original = GitHubSlug(text);
  std::string result = original;
  while (occurrences_.count(result) != 0) {
    const int n = ++occurrences_[original];
    result = original + "-" + std::to_string(n);
  }
  occurrences_.emplace(result, 0);
  return result;
}

bool EndsInBraces(std::string_view heading_text) {
  const size_t last = heading_text.find_last_not_of(" \t\n\f\r");
  return last != std::string_view::npos && heading_text[last] == '}';
}

std::optional<ExplicitHeadingId> SplitExplicitId(
    std::string_view heading_text) {
  if (!EndsInBraces(heading_text)) return std::nullopt;
  static const RE2 kExplicit(
      "(?s)^(.*?)\\s*\\{:?\\s*#([^\\s{}.#]+)[^{}]*\\}\\s*$");
  std::string text;
  std::string id;
  if (!RE2::FullMatch(heading_text, kExplicit, &text, &id)) {
    return std::nullopt;
  }
  return ExplicitHeadingId{Trim(text), id};
}

namespace {

// Adds the anchors of `doc`'s headings to `anchors`: explicit ids, GitHub
// slugs numbered as GitHub numbers them, "section" names for headings
// without one, and separator-collapsing slugs (generator_slugs.h),
// numbered the same way.
void AddHeadingAnchors(const Document& doc,
                       std::set<std::string, std::less<>>& anchors) {
  HeadingSlugger slugger;
  std::map<std::string, int, std::less<>> collapsed_seen;
  int untitled = 0;  // headings with an empty slug so far
  for (const Heading& h : doc.headings()) {
    if (auto explicit_id = SplitExplicitId(h.text)) {
      anchors.insert(explicit_id->id);
      continue;
    }
    const std::string text = WithoutAttributeList(h.text);
    anchors.insert(slugger.Next(text));
    if (GitHubSlug(text).empty()) {
      anchors.insert(untitled == 0 ? std::string("section")
                                   : "section-" + std::to_string(untitled));
      ++untitled;
    }
    const std::string collapsed = CollapsedSlug(text);
    if (collapsed.empty()) continue;
    const int n = collapsed_seen[collapsed]++;
    anchors.insert(n == 0 ? collapsed : collapsed + "-" + std::to_string(n));
  }
}

}  // namespace

std::set<std::string, std::less<>> DocumentAnchors(const Document& doc) {
  std::set<std::string, std::less<>> anchors;
  AddHeadingAnchors(doc, anchors);
  // Raw HTML: each tag, then its id= / name= attributes.
  static const RE2 kTag("(<[A-Za-z][A-Za-z0-9-]*[^<>]*>)");
  static const RE2 kAttribute(
      "\\s([A-Za-z-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
  static const RE2 kBlockAttribute("\\{:?\\s*#([^\\s{}.#]+)[^{}\\n]*\\}");
  re2::StringPiece rest(doc.bytes());
  std::string tag;
  while (RE2::FindAndConsume(&rest, kTag, &tag)) {
    const bool is_a =
        tag.size() > 2 && (tag[1] == 'a' || tag[1] == 'A') &&
        (tag[2] == ' ' || tag[2] == '\t' || tag[2] == '\n' || tag[2] == '\r');
    re2::StringPiece attrs(tag);
    std::string name;
    std::string double_quoted;
    std::string single_quoted;
    while (RE2::FindAndConsume(&attrs, kAttribute, &name, &double_quoted,
                               &single_quoted)) {
      for (char& c : name) c = AsciiLower(c);
      const std::string& value =
          double_quoted.empty() ? single_quoted : double_quoted;
      if (!value.empty() && (name == "id" || (is_a && name == "name"))) {
        anchors.insert(value);
      }
    }
  }
  rest = doc.bytes();
  std::string id;
  while (RE2::FindAndConsume(&rest, kBlockAttribute, &id)) {
    anchors.insert(id);
  }
  return anchors;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = HexDigitValue(s[i + 1]);
      const int lo = HexDigitValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

namespace {

// The edit distance (insertions, deletions, substitutions of bytes)
// between `a` and `b`, or `limit` + 1 when it is more than `limit`.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) >
      limit) {
    return limit + 1;
  }
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t best = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

// The anchor closest to `slug` by edit distance, within a quarter of its
// length (at least 2), or "" when none is that close.
std::string ClosestAnchor(const std::set<std::string, std::less<>>& anchors,
                          std::string_view slug) {
  const size_t limit = std::max<size_t>(2, slug.size() / 4);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& anchor : anchors) {
    const size_t d = EditDistance(slug, anchor, limit);
    if (d < best_distance) {
      best_distance = d;
      best = anchor;
    }
  }
  return best;
}

}  // namespace

AnchorLookup LookUpAnchor(const std::set<std::string, std::less<>>& anchors,
                          std::string_view fragment) {
  AnchorLookup out;
  out.decoded = PercentDecode(fragment);
  if (anchors.count(out.decoded) != 0 || anchors.count(fragment) != 0) {
    out.found = true;
    return out;
  }
  const std::string slug = GitHubSlug(out.decoded);
  if (!slug.empty() && anchors.count(slug) != 0) {
    out.suggestion = slug;
    out.slip = true;
  } else if (!slug.empty()) {
    out.suggestion = ClosestAnchor(anchors, slug);
  }
  return out;
}

}  // namespace proofgate
