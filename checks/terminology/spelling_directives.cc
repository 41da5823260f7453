#include "checks/terminology/spelling_directives.h"

#include <re2/re2.h>

#include "checks/ascii.h"

namespace proofgate {

namespace {

// cSpell's directive (InDocSettings.ts: /(?:spell-?checker|cSpell)::?\s*/
// then /^words?\s/ or /^ignore(?:words?)?\s/), with the colon after the
// setting that the OpenTelemetry site's front-matter keys add
// ("cSpell:ignore: behaviour"). Group 1: the rest of the line.
const RE2& Directive() {
  static const RE2 re(
      "(?i)(?:spell-?checker|cspell)::?[ \\t]*"
      "(?:words?|ignore(?:words?)?):?[ \\t]+([^\\r\\n]*)");
  return re;
}

bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == ','; }

}  // namespace

std::set<std::string> SpellingAccepted(std::string_view bytes) {
  std::set<std::string> words;
  re2::StringPiece input(bytes.data(), bytes.size());
  re2::StringPiece rest;
  while (RE2::FindAndConsume(&input, Directive(), &rest)) {
    std::string_view line(rest.data(), rest.size());
    while (!line.empty()) {
      size_t end = 0;
      while (end < line.size() && !IsSeparator(line[end])) ++end;
      if (end > 0) words.insert(AsciiLower(line.substr(0, end)));
      line.remove_prefix(end < line.size() ? end + 1 : end);
    }
  }
  return words;
}

}  // namespace proofgate
