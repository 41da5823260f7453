#include "checks/metadata/author_credit.h"

#include <re2/re2.h>

#include <string>

#include "checks/ascii.h"

namespace proofgate {

namespace {

// An author label ("Author", "Authors", "Author(s)", "Authors &
// Interviewers", "Written by", "By"), optionally in ** / __ / * / _, then a
// colon (inside or after the emphasis) and the start of a name.
const RE2& BylinePattern() {
  static const RE2 re(
      "(?i)^\\s*(?:\\*\\*|__|\\*|_)?"
      "(?:authors?(?:\\(s\\))?(?:\\s*(?:&|and)\\s*[a-z]+)?|written by|by)"
      "\\s*(?::\\s*(?:\\*\\*|__|\\*|_)?|(?:\\*\\*|__|\\*|_)\\s*:)\\s*\\S");
  return re;
}

// A line that is only "By" and names: "By Chris Metz and Tim Bannister"
// (kubernetes-contributor-site/blog/2021/improve-with-mermaid-diagrams/
// mermaid-diagrams.md). Each name word is capitalised, so "By default,
// the ..." is not one.
const RE2& ByNamesPattern() {
  static const RE2 re(
      "^\\s*(?:\\*\\*|__|\\*|_)?[Bb]y\\s+(?:\\*\\*|__|\\*|_)?"
      "\\p{Lu}[\\pL.'-]*(?:(?:\\s+|,\\s*)(?:\\p{Lu}[\\pL.'-]*|and|&))*"
      "[\\s*_]*$");
  return re;
}

bool Blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

bool BodyHasByline(const Document& doc) {
  const SourceMap& map = doc.source_map();
  const FrontMatterBlock& block = doc.front_matter().block();
  int line = block.present ? block.close_line + 1 : 1;
  if (block.present && block.close_line == 0) return false;
  int seen = 0;
  for (; line <= map.line_count() && seen < kBylineMaxLines; ++line) {
    const std::string_view text = map.Line(line);
    if (Blank(text)) continue;
    ++seen;
    if (RE2::PartialMatch(text, BylinePattern()) ||
        RE2::FullMatch(text, ByNamesPattern())) {
      return true;
    }
  }
  return false;
}

std::string CanonicalUrl(const Document& doc) {
  const YAML::Node& root = doc.front_matter().root();
  if (!root.IsMap()) return "";
  for (const auto& item : root) {
    if (!item.first.IsScalar()) continue;
    const std::string key = AsciiLower(item.first.Scalar());
    if (key != "canonical_url" && key != "canonicalurl" && key != "canonical") {
      continue;
    }
    if (item.second.IsScalar() && !item.second.Scalar().empty()) {
      return item.second.Scalar();
    }
  }
  return "";
}

bool LinksOutToOriginal(const Document& doc) {
  return !CanonicalUrl(doc).empty();
}

bool IsAuthorKey(std::string_view key) {
  const std::string k = AsciiLower(key);
  return k == "author" || k == "authors";
}

}  // namespace proofgate
