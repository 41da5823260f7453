#include "checks/matching/term_set.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "checks/document/utf8.h"

namespace proofgate {

namespace {

// Whitespace inside a term matches any run of ASCII or Unicode spaces.
constexpr std::string_view kSpaceRun = "[\\s\\p{Z}]+";

RE2::Options MatchOptions(bool ignore_case) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_case_sensitive(!ignore_case);
  return options;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Whether the character starting at byte `i` of `text` is a word character
// (\p{L}, \p{M} or \p{N}). ASCII is decided inline; other characters by one
// RE2 compiled once: RE2 holds Unicode's tables, and compiling these classes
// into every term's regexp instead costs about 10 ms per term.
bool IsWordCharAt(std::string_view text, size_t i) {
  if (i >= text.size()) return false;
  const char c = text[i];
  if (static_cast<unsigned char>(c) < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  static const RE2 kWordChar("[\\p{L}\\p{M}\\p{N}]", MatchOptions(false));
  const size_t n = std::min(Utf8AnnouncedLength(c), text.size() - i);
  return RE2::FullMatch(re2::StringPiece(text.data() + i, n), kWordChar);
}

// Whether the character that ends just before byte `i` is a word character.
bool IsWordCharBefore(std::string_view text, size_t i) {
  if (i == 0 || i > text.size()) return false;
  size_t start = i - 1;
  while (start > 0 && i - start < 4 && IsContinuationByte(text[start])) {
    --start;
  }
  return IsWordCharAt(text, start);
}

// Byte offset of the character after the one at `i`.
size_t NextCharacter(std::string_view text, size_t i) {
  ++i;
  while (i < text.size() && IsContinuationByte(text[i])) ++i;
  return i;
}

// The term's words, split on ASCII whitespace.
std::vector<std::string_view> Words(std::string_view term) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < term.size()) {
    while (i < term.size() && IsAsciiSpace(term[i])) ++i;
    size_t j = i;
    while (j < term.size() && !IsAsciiSpace(term[j])) ++j;
    if (j > i) words.push_back(term.substr(i, j - i));
    i = j;
  }
  return words;
}

// The regexp that finds `spec`, without case flags (those come from the
// options) and, for a term, without its boundaries (checked in FindCandidates
// on each match, which is rare, rather than by the Set on every byte).
// `apostrophes`: an ASCII apostrophe also matches U+2019.
std::string RegexpFor(const TermSpec& spec, bool apostrophes = false) {
  if (spec.kind == TermSpec::Kind::kPattern) return spec.text;
  std::string body;
  for (std::string_view w : Words(spec.text)) {
    if (!body.empty()) body += kSpaceRun;
    size_t start = 0;
    while (true) {
      const size_t quote =
          apostrophes ? w.find('\'', start) : std::string_view::npos;
      const std::string_view piece = w.substr(start, quote - start);
      body += RE2::QuoteMeta(re2::StringPiece(piece.data(), piece.size()));
      if (quote == std::string_view::npos) break;
      body += "(?:'|\u2019)";
      start = quote + 1;
    }
  }
  return body;
}

}  // namespace

TermSet::~TermSet() = default;

std::string TermSet::Validate(const TermSpec& spec) {
  if (spec.kind == TermSpec::Kind::kTerm && Words(spec.text).empty()) {
    return "a term must not be empty";
  }
  RE2 re(RegexpFor(spec), MatchOptions(spec.ignore_case));
  if (!re.ok()) {
    return spec.kind == TermSpec::Kind::kPattern
               ? "invalid RE2 pattern: " + re.error()
               : "cannot compile the term: " + re.error();
  }
  if (spec.kind == TermSpec::Kind::kPattern && RE2::FullMatch("", re)) {
    return "the pattern matches the empty text, so it would match "
           "everywhere; make it match at least one character";
  }
  return "";
}

std::unique_ptr<const TermSet> TermSet::Build(std::vector<TermSpec> specs,
                                              std::string* error) {
  std::unique_ptr<TermSet> set(new TermSet());
  set->regexps_ = std::make_unique<LazyRegexp[]>(specs.size());
  RE2::Options set_options = MatchOptions(false);
  set_options.set_max_mem(kSetMaxMemBytes);
  set->set_ = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
  for (size_t i = 0; i < specs.size(); ++i) {
    const TermSpec& spec = specs[i];
    const std::string regexp = RegexpFor(spec);
    if (spec.kind == TermSpec::Kind::kTerm && Words(spec.text).empty()) {
      *error = "'" + spec.text + "': " + Validate(spec);
      return nullptr;
    }
    Boundaries b;
    if (spec.kind == TermSpec::Kind::kTerm) {
      const std::vector<std::string_view> words = Words(spec.text);
      b.before = IsWordCharAt(words.front(), 0);
      const std::string_view last = words.back();
      size_t last_char = last.size() - 1;
      while (last_char > 0 && IsContinuationByte(last[last_char])) {
        --last_char;
      }
      b.after = IsWordCharAt(last, last_char);
    }
    set->boundaries_.push_back(b);
    std::string add_error;
    const std::string flagged = (spec.ignore_case ? "(?i)" : "") + regexp;
    if (set->set_->Add(re2::StringPiece(flagged), &add_error) !=
        static_cast<int>(i)) {
      // The Set parses what the spec's own regexp would: the same error.
      const std::string problem = Validate(spec);
      *error =
          "'" + spec.text + "': " + (problem.empty() ? add_error : problem);
      return nullptr;
    }
  }
  if (!set->set_->Compile()) {
    *error =
        "the terms and patterns are too many or too large to compile "
        "together (RE2 memory budget of " +
        std::to_string(kSetMaxMemBytes >> 20) + " MiB)";
    return nullptr;
  }
  set->specs_ = std::move(specs);
  return set;
}

const RE2& TermSet::Regexp(size_t spec) const {
  LazyRegexp& lazy = regexps_[spec];
  std::call_once(lazy.once, [&] {
    lazy.re = std::make_unique<RE2>(RegexpFor(specs_[spec]),
                                    MatchOptions(specs_[spec].ignore_case));
  });
  return *lazy.re;
}

void TermSet::Candidates(std::string_view text, std::vector<int>& out) const {
  out.clear();
  if (specs_.empty()) return;
  const re2::StringPiece piece(text.data(), text.size());
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  // Asked first whether any spec occurs at all: without a list of hits,
  // RE2 stops at the first match and allocates nothing (with one, three
  // allocations per call), and most texts hold no spec.
  if (!set_->Match(piece, nullptr, &info) && info.kind == RE2::Set::kNoError) {
    return;
  }
  if (!set_->Match(piece, &out, &info) && info.kind != RE2::Set::kNoError) {
    // The DFA gave up (memory budget): report every spec, so FindCandidates
    // (which uses each spec's own regexp) stays exact.
    out.clear();
    for (size_t i = 0; i < specs_.size(); ++i) {
      out.push_back(static_cast<int>(i));
    }
    return;
  }
  std::sort(out.begin(), out.end());
}

void TermSet::FindCandidates(std::string_view text,
                             const std::vector<int>& candidates,
                             std::vector<TermMatch>& out) const {
  const size_t first = out.size();
  const re2::StringPiece piece(text.data(), text.size());
  for (int index : candidates) {
    if (index < 0 || static_cast<size_t>(index) >= specs_.size()) continue;
    const size_t spec = static_cast<size_t>(index);
    const Boundaries b = boundaries_[spec];
    re2::StringPiece match;
    size_t pos = 0;
    while (pos <= text.size() &&
           Regexp(spec).Match(piece, pos, text.size(), RE2::UNANCHORED, &match,
                              1)) {
      const size_t begin = static_cast<size_t>(match.data() - piece.data());
      const size_t end = begin + match.size();
      if (end == begin) {
        // An empty match (a pattern like `\b`): step over one character.
        pos = NextCharacter(text, std::max(pos, begin));
        continue;
      }
      if ((b.before && IsWordCharBefore(text, begin)) ||
          (b.after && IsWordCharAt(text, end))) {
        // Inside a longer word ("class" in "classic"): try one character
        // further. A term is literal, so no other match starts at `begin`.
        pos = NextCharacter(text, begin);
        continue;
      }
      out.push_back(TermMatch{spec, begin, end});
      pos = end;
    }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
            [](const TermMatch& a, const TermMatch& b) {
              return std::make_tuple(a.begin, b.end, a.spec) <
                     std::make_tuple(b.begin, a.end, b.spec);
            });
}

void TermSet::Find(std::string_view text, std::vector<TermMatch>& out) const {
  std::vector<int> candidates;
  Candidates(text, candidates);
  if (!candidates.empty()) FindCandidates(text, candidates, out);
}

std::unique_ptr<const PrecedingWords> PrecedingWords::Build(
    const std::vector<std::string>& words, bool ignore_case, int gap,
    std::string* error) {
  if (gap < 0 || gap > kMaxGap) {
    *error = "the gap must be from 0 to " + std::to_string(kMaxGap) + " words";
    return nullptr;
  }
  std::string alternatives;
  for (const std::string& word : words) {
    const std::string body =
        RegexpFor(TermSpec{TermSpec::Kind::kTerm, word, ignore_case}, true);
    if (body.empty()) {
      *error = "a word must not be empty";
      return nullptr;
    }
    if (!alternatives.empty()) alternatives += '|';
    alternatives += body;
  }
  if (alternatives.empty()) {
    *error = "expected at least one word";
    return nullptr;
  }
  // Up to `gap` words in between, none of them ending a clause (a comma,
  // semicolon, colon or full stop closes the words' reach).
  std::string regexp = "(?:" + alternatives + ")";
  if (gap > 0) {
    regexp += "(?:" + std::string(kSpaceRun) + "[^\\s,;:.!?()]+){0," +
              std::to_string(gap) + "}";
  }
  regexp += std::string(kSpaceRun) + "$";
  auto re = std::make_unique<RE2>(regexp, MatchOptions(ignore_case));
  if (!re->ok()) {
    *error = "cannot compile the words: " + re->error();
    return nullptr;
  }
  return std::unique_ptr<const PrecedingWords>(
      new PrecedingWords(std::move(re), gap > 0));
}

bool PrecedingWords::Follows(std::string_view text, size_t at) const {
  at = std::min(at, text.size());
  // Only the last kWindowBytes before `at` can hold the words.
  size_t start = at > kWindowBytes ? at - kWindowBytes : 0;
  while (start > 0 && start < at && IsContinuationByte(text[start])) ++start;
  const re2::StringPiece window(text.data() + start, at - start);
  size_t pos = 0;
  re2::StringPiece match;
  while (pos < window.size() &&
         re_->Match(window, pos, window.size(), RE2::UNANCHORED, &match, 1)) {
    const size_t begin =
        start + static_cast<size_t>(match.data() - window.data());
    // The word must start a word of the text (checked on the whole text, so
    // a window that cuts "knot" to "not" is still refused).
    // With a gap, "but", "yet" or "only" in between turns the sentence
    // around ("not slow but revolutionary", "not only fast but
    // world-class"): the words no longer scope over the match.
    static const RE2 kTurn(R"((?i)\b(?:but|yet|only|just|though|although)\b)");
    const bool turned =
        gap_ && RE2::PartialMatch(
                    re2::StringPiece(text.data() + begin, at - begin), kTurn);
    if ((!IsWordCharBefore(text, begin) || !IsWordCharAt(text, begin)) &&
        !turned) {
      return true;
    }
    pos = NextCharacter(window, begin - start);
  }
  return false;
}

}  // namespace proofgate
