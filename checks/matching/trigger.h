// TriggerSet: the `when` of the rules of the required and escalate checks,
// "if the draft is about A": one implementation for both families.
//
//   when:
//     terms: [invest, investment]   # words or phrases in the prose
//     patterns: ['\bETFs?\b']       # RE2 regular expressions in the prose
//     ignore_case: true             # for terms and patterns; default false
//     min_terms: 2                  # distinct terms/patterns that must occur
//                                   # (default 1; at most their number)
//     skip_quoted: true             # terms and patterns inside quotation
//                                   # marks do not count (default false):
//                                   # a quoted hypothetical ("such as a
//                                   # security vulnerability") is no sign
//     skip_link_items: true         # nor in a paragraph or list item that
//                                   # is one link and nothing else (default
//                                   # false): "* [Security Advisory for
//                                   # Cargo (CVE-2026-5223)](...)" in a list
//                                   # of links to posts already published
//     front_matter: {category: investing}   # every key must hold its value
//     paths: ["blog/markets/**"]    # PathGlob; any one must match
//     links_to: [amazon.com, .amzn.to]      # a link to one of these hosts
//
// A `when` holds when EVERY form it names holds; within a form, any one
// item suffices (min_terms aside). At least one form must be named.
// Terms and patterns match exactly as the prohibited check's do (TermSet:
// Unicode-aware word boundaries for terms, whitespace runs matching any
// whitespace, case-sensitive unless ignore_case), over paragraphs, table
// cells and headings (ProseBlock): never code, URLs, raw HTML, comments or
// front matter. The terms and patterns of every rule of a check are
// compiled into ONE TermSet, so a draft's prose is scanned once whatever
// the number of rules. front_matter values compare as applies_to's do
// (FrontMatterMatches); links_to entries as links' internal_hosts
// (HostMatches: "example.com" exactly, ".example.com" with subdomains).
//
// Errors (unknown keys, wrong types, invalid patterns with RE2's message,
// bad globs, hosts with a scheme or path, min_terms out of range) are
// reported through Settings at the file:line:col of the offending node.
//
// Thread safety: Read() and Build() run once while a rulebook loads; after
// Build() a TriggerSet is immutable and Match() may run on many drafts at
// once.
#ifndef PROOFGATE_CHECKS_MATCHING_TRIGGER_H_
#define PROOFGATE_CHECKS_MATCHING_TRIGGER_H_

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/document/document.h"
#include "checks/finding.h"
#include "checks/matching/path_glob.h"
#include "checks/matching/term_set.h"
#include "checks/settings.h"

namespace proofgate {

// One place where a `when` fired.
struct TriggerHit {
  SourceRange range;
  // What fired, for messages: "\"invest\"", "front matter category:
  // investing", "a link to amazon.com", "the path blog/a.md".
  std::string what;
  // Set for a term or pattern in the prose: the block (Document::blocks()
  // index) and the bytes [begin, end) of its text.
  bool prose = false;
  size_t block = 0;
  size_t begin = 0;
  size_t end = 0;
};

class TriggerSet {
 public:
  TriggerSet();
  ~TriggerSet();
  TriggerSet(const TriggerSet&) = delete;
  TriggerSet& operator=(const TriggerSet&) = delete;

  // Reads the `when` map `node` of the rule at `where` ("rules[2]") in
  // `file`. Returns the trigger's index (0, 1, ... in the order read), or -1
  // after reporting every problem to `settings`.
  int Read(Settings& settings, const YAML::Node& node, const std::string& file,
           const std::string& where);

  // Compiles the terms and patterns of every trigger read into one TermSet.
  // Returns false after reporting RE2's refusal (memory budget) at `node`.
  bool Build(Settings& settings, const YAML::Node& node,
             const std::string& file);

  // Whether trigger `index` names terms or patterns (so its hits are in
  // the prose).
  bool HasProse(int index) const;

  // One entry per trigger read, in index order: its hits when its `when`
  // holds, else empty. The hits are the matched terms and patterns in
  // document order (overlapping matches of one trigger reduced to the
  // first); a `when` without terms or patterns has one hit: the first
  // matching link, else the first front_matter value, else the whole
  // draft (1:1) for a path. O(prose bytes) for the one TermSet pass, plus
  // O(links) and O(front-matter keys) per trigger. Thread-safe.
  std::vector<std::vector<TriggerHit>> Match(const Document& doc) const;

 private:
  struct When;
  void FindProse(const Document& doc,
                 std::vector<std::vector<TriggerHit>>& hits,
                 std::vector<std::vector<bool>>& distinct) const;
  bool Holds(const When& when, const Document& doc,
             const std::vector<bool>& distinct,
             std::vector<TriggerHit>& hits) const;

  std::vector<When> whens_;
  std::vector<TermSpec> specs_;     // every trigger's terms and patterns
  std::vector<size_t> spec_owner_;  // spec -> trigger index
  std::vector<size_t> spec_slot_;   // spec -> index among its owner's specs
  std::unique_ptr<const TermSet> terms_;
};

// `text` as a message quotes it: whitespace runs folded to one space, cut
// on a UTF-8 boundary with "…" past kMaxQuotedBytes bytes. Thread-safe.
std::string QuoteProse(std::string_view text);
// The longest matched text a message quotes, in bytes: a phrase, not a
// paragraph a long pattern match may cover.
constexpr size_t kMaxQuotedBytes = 80;

// Whether `id` can follow "<check>/" in a rule id a rulebook defines:
// lower-case ASCII letters, digits, '-' and '_', not empty.
bool IsRuleIdSuffix(std::string_view id);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_TRIGGER_H_
