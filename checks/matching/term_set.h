// TermSet: many literal terms and RE2 patterns, found in a text in one pass.
//
// All specs compile into ONE RE2::Set, so a text is scanned once whatever
// the number of terms; RE2::Set only says WHICH specs match, so the specs it
// reports (rare in real prose) are then run on their own to find where, and
// a term's word boundaries are checked there, on each match (the Set leaves
// them out: see TermSet::Build).
// RE2 runs in time linear in the text for any pattern (no backtracking), so
// a pattern such as `(a+)+$` cannot make a scan slow.
//
// A term matches on word boundaries that are Unicode-aware: a boundary is a
// change between a word character (a letter, combining mark or number:
// \p{L}, \p{M}, \p{N}) and anything else, the start or the end of the text.
// A boundary is required only at an end of the term that IS a word
// character, so "100%" matches in "100%." and "100%secure", "#1" matches in
// "#1 choice" but not in "#10", and "class" does not match in "classic" or
// "café" in "cafés". Marks count as word characters so that a decomposed
// "nai\u0308ve" behaves like the precomposed "naïve". Any run of whitespace
// inside a term matches any run of whitespace (ASCII or Unicode \p{Z}, such
// as U+00A0) in the text. Nothing else is normalised: "best-in-class" does
// not match "best in class".
//
// A pattern is an RE2 regular expression used as written (RE2 syntax; `\b`
// there is ASCII-only, `^` and `$` are the start and end of the text given
// to Find). Empty matches are never reported.
//
// Thread safety: a built TermSet is immutable but for each spec's own
// regexp, compiled once on its first use under std::call_once; Candidates(),
// FindCandidates() and Find() may be called from many threads at once.
#ifndef PROOFGATE_CHECKS_MATCHING_TERM_SET_H_
#define PROOFGATE_CHECKS_MATCHING_TERM_SET_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proofgate {

struct TermSpec {
  enum class Kind { kTerm, kPattern };
  Kind kind = Kind::kTerm;
  std::string text;  // the term (literal text) or the RE2 pattern, UTF-8
  bool ignore_case = false;  // Unicode simple case folding, as RE2's (?i)
};

struct TermMatch {
  size_t spec = 0;   // index into the specs given to TermSet::Build
  size_t begin = 0;  // byte offsets into the scanned text: [begin, end)
  size_t end = 0;
};

class TermSet {
 public:
  // Checks `spec` on its own, as Build() would compile it. Returns "" when
  // it is usable, else a message for a person: RE2's own error for a
  // pattern that does not parse ("missing ): (a+"), or why a term or
  // pattern is refused (an empty term; a pattern that matches the empty
  // text, which would match everywhere). Thread-safe.
  static std::string Validate(const TermSpec& spec);

  // Compiles `specs` (each should pass Validate) into one set. Returns
  // nullptr and sets `*error` when a spec is invalid or when RE2 runs out
  // of its memory budget for the combined set (kSetMaxMemBytes); `specs`
  // may be empty (the set then never matches). Thread-safe.
  //
  // The word boundaries of terms are not compiled into the regexps: the
  // Unicode classes \p{L}\p{M}\p{N} turn into thousands of UTF-8 byte
  // ranges, and compiling them around every term cost about 10 ms per term
  // here (measured with RE2 2022-06-01), over a second for the default
  // rulebook, and make the Set's DFA wider. They are checked in code on the
  // few matches instead.
  //
  // Only the Set is compiled here; each spec's own regexp, which finds
  // where a reported spec matches, is compiled on the first
  // FindCandidates() that needs it (the same text and options as
  // Validate() compiles, so a spec that passed Validate() compiles then).
  static std::unique_ptr<const TermSet> Build(std::vector<TermSpec> specs,
                                              std::string* error);

  // Memory budget of the combined RE2::Set in bytes (program plus DFA
  // cache). RE2's default per regexp is 8 MiB, sized for one regexp; the
  // Set holds every term and pattern of a rulebook (the default one has
  // about 90) and its DFA tracks them all at once, so it gets 8 times that.
  // The cache fills lazily: real prose touches a small part of it.
  static constexpr int64_t kSetMaxMemBytes = 64 << 20;

  TermSet(const TermSet&) = delete;
  TermSet& operator=(const TermSet&) = delete;
  ~TermSet();

  size_t size() const { return specs_.size(); }
  const TermSpec& spec(size_t i) const { return specs_[i]; }

  // Replaces `out` with the indexes (ascending) of the specs that may match
  // in `text`: the single pass over the text, O(text bytes). A superset:
  // every spec with a match, plus terms that occur only inside longer words
  // ("class" in "classic"), which FindCandidates() then rules out. Should
  // RE2's DFA exceed its memory budget on this text, every spec is
  // reported, so that the matches stay exact (only slower to find).
  void Candidates(std::string_view text, std::vector<int>& out) const;

  // Appends to `out` every match in `text` of the specs listed in
  // `candidates` (as Candidates() returns them): for each spec, its
  // leftmost non-overlapping matches, resuming right after each match, so
  // "guys guys" and "100%100%" give two matches each. A term found inside a
  // longer word is skipped and the search resumes one character later.
  // The appended matches are sorted by begin, then longer first, then spec.
  // O(text bytes) per candidate spec (more precisely, one RE2 search per
  // match or skipped match, each linear in the bytes it scans).
  void FindCandidates(std::string_view text, const std::vector<int>& candidates,
                      std::vector<TermMatch>& out) const;

  // Candidates() then FindCandidates(): every match of every spec.
  void Find(std::string_view text, std::vector<TermMatch>& out) const;

 private:
  TermSet() = default;

  // Which ends of a term need a word boundary (those that are word
  // characters); both false for a pattern.
  struct Boundaries {
    bool before = false;
    bool after = false;
  };

  // Spec `spec`'s own regexp, compiled on its first use: a spec runs on
  // its own only when the Set reports it, and most never are on a given
  // run (compiling every one up front was about a fifth of the start-up of
  // `proofgate check` with the default rulebook, callgrind).
  const RE2& Regexp(size_t spec) const;

  // A regexp compiled on first use, once whatever the number of threads.
  struct LazyRegexp {
    std::once_flag once;
    std::unique_ptr<RE2> re;
  };

  std::vector<TermSpec> specs_;
  // One regexp per spec: a term's text (boundaries are checked in code, on
  // each match), or the pattern as written.
  std::unique_ptr<LazyRegexp[]> regexps_;
  std::vector<Boundaries> boundaries_;
  // All specs together, boundaries left out: a superset of the matches.
  std::unique_ptr<RE2::Set> set_;
};

// PrecedingWords: whether a match comes right after one of a few words,
// such as the negations in "isn't 100% reliable" or "not guaranteed to
// work", for lists that mean only the affirmative use.
//
// Words are matched like TermSet terms (Unicode-aware boundary before the
// word, whitespace inside a word matches any whitespace run), and an ASCII
// apostrophe in a word also matches a typographic one (U+2019), since
// "isn't" is written both ways. Immutable once built; Follows() may be
// called from many threads at once.
class PrecedingWords {
 public:
  // Compiles `words`. `gap` is how many other words may stand between one
  // of them and the match (0: right before it), all in the same clause: a
  // comma, semicolon, colon, parenthesis or sentence end in between
  // breaks the link, so "you don't need to be an industry-leading expert"
  // is reached from "don't" with a gap of 4, but "no, it's industry-leading"
  // is not. Returns nullptr and sets `*error` when `words` is empty, a word
  // is empty or does not compile, or `gap` is outside [0, kMaxGap].
  // Thread-safe.
  static std::unique_ptr<const PrecedingWords> Build(
      const std::vector<std::string>& words, bool ignore_case, int gap,
      std::string* error);

  // The largest gap Build() accepts: past a few words a negation no longer
  // scopes over the match.
  static constexpr int kMaxGap = 6;

  // Whether bytes [0, at) of `text` end with one of the words followed by
  // at least one whitespace character (and up to `gap` words). Only the last
  // kWindowBytes before `at` are searched, so the cost does not grow with the
  // text.
  bool Follows(std::string_view text, size_t at) const;

  // How far back Follows() looks, in bytes: a few words and the spaces
  // after them; far above any negation phrase ("no longer" is 9 bytes).
  static constexpr size_t kWindowBytes = 256;

 private:
  PrecedingWords(std::unique_ptr<RE2> re, bool gap)
      : re_(std::move(re)), gap_(gap) {}
  std::unique_ptr<RE2> re_;
  bool gap_ = false;  // whether other words may stand in between
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_TERM_SET_H_
