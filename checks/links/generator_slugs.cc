#include "checks/links/generator_slugs.h"

#include <re2/re2.h>

#include "checks/ascii.h"
#include "checks/links/heading_slug.h"

namespace proofgate {

namespace {

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

bool IsAscii(char c) { return static_cast<unsigned char>(c) < 0x80; }

// A transliterated run: any lower-case ASCII words, or none.
constexpr std::string_view kAnyWords = "[a-z0-9-]*";

// The RE2 pattern of `text`'s separator-collapsing slug, each run of
// characters outside ASCII standing for any words.
std::string SlugPattern(std::string_view text) {
  std::string pattern;
  bool separator = false;  // a separator run is pending
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsAsciiAlnum(c)) {
      if (separator && !pattern.empty()) {
        pattern += pattern.ends_with(kAnyWords) ? "-?" : "-";
      }
      separator = false;
      pattern += AsciiLower(c);
    } else if (!IsAscii(c)) {
      if (!pattern.ends_with(kAnyWords)) {
        if (!pattern.empty()) pattern += "-?";
        pattern += kAnyWords;
      }
      while (i + 1 < text.size() && !IsAscii(text[i + 1])) ++i;
      separator = true;
    } else {
      separator = true;
    }
  }
  return pattern;
}

}  // namespace

std::string CollapsedSlug(std::string_view text) {
  std::string slug;
  bool separator = false;
  for (char c : text) {
    if (!IsAscii(c)) return "";
    if (!IsAsciiAlnum(c)) {
      separator = true;
      continue;
    }
    if (separator && !slug.empty()) slug += '-';
    separator = false;
    slug += AsciiLower(c);
  }
  return slug;
}

bool TransliteratedSlugMatches(std::string_view text,
                               std::string_view fragment) {
  bool ascii = true;
  for (char c : text) ascii = ascii && IsAscii(c);
  if (ascii || fragment.empty()) return false;
  const RE2 pattern(SlugPattern(text));
  return pattern.ok() && RE2::FullMatch(fragment, pattern);
}

bool ReachesTransliteratedHeading(const Document& doc,
                                  std::string_view fragment) {
  for (const Heading& h : doc.headings()) {
    if (TransliteratedSlugMatches(WithoutAttributeList(h.text), fragment)) {
      return true;
    }
  }
  return false;
}

std::string WithoutAttributeList(std::string_view heading_text) {
  static const RE2 kAttributes(
      "(?s)^(.*?)\\s*\\{:?\\s*(?:\\.[\\w-]+|[\\w-]+=\\S+?)"
      "(?:\\s+(?:\\.[\\w-]+|[\\w-]+=\\S+?))*\\s*\\}\\s*$");
  std::string text;
  if (EndsInBraces(heading_text) &&
      RE2::FullMatch(heading_text, kAttributes, &text) && !text.empty()) {
    return text;
  }
  return std::string(heading_text);
}

bool PullsInOtherContent(const Document& doc) {
  static const RE2 kPulls(
      "(?m)\\{\\{[<%]-?\\s*(?:include|readfile|[\\w.-]+/[\\w./-]*)[\\s>%}\"]"
      "|\\{%-?\\s*include(?:_relative)?\\s+[^\\s%]*(?:\\.md|\\.markdown)[\\s%]"
      "|^import\\s+\\w+\\s+from\\s+['\"][^'\"]+\\.mdx?['\"]");
  return RE2::PartialMatch(doc.bytes(), kPulls);
}

}  // namespace proofgate
