// A finding is one result of a check: which rule, how severe, where in the
// draft, what the evidence is and how confident the check is.
//
// Findings are plain values: cheap to copy, safe to share between threads
// once built. They are the only thing a check hands back to its caller.
#ifndef PROOFGATE_CHECKS_FINDING_H_
#define PROOFGATE_CHECKS_FINDING_H_

#include <optional>
#include <string>
#include <string_view>

namespace proofgate {

// How much a finding matters. Ordered: kInfo < kWarning < kError.
enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };

// "info", "warning" or "error".
std::string_view SeverityName(Severity severity);

// Parses "info", "warning" or "error" (exact, lower case). nullopt otherwise.
std::optional<Severity> ParseSeverity(std::string_view name);

// A span of the ORIGINAL draft file (front matter included).
// Lines are 1-based. Columns are 1-based and counted in Unicode code points
// (not bytes), as editors show them; a UTF-8 byte order mark at the start of
// the file is not counted. The end is exclusive: end_column is the column of
// the first code point after the span, as in SARIF regions. A finding about
// the draft as a whole points at 1:1.
struct SourceRange {
  int line = 1;
  int column = 1;
  int end_line = 1;
  int end_column = 1;

  friend bool operator==(const SourceRange&, const SourceRange&) = default;
};

// A safe, context-free edit that resolves a finding: replace the text of
// the draft at `range` (same conventions as Finding::range; on one line)
// with `text`. Checks offer one only when the replacement is exact whatever
// the sentence around it says (a preferred spelling, a prohibited term's
// `suggest`), and never inside code, URLs or front matter. `original` is
// the text the range holds when the finding was made, so a tool applying
// the fix can refuse a file that changed since.
struct Fix {
  SourceRange range;
  std::string original;
  std::string text;
};

struct Finding {
  // "<check>/<rule>", e.g. "headings/skipped-level". Part of the public
  // contract: rulebooks, suppressions and reports refer to rules by this id.
  std::string rule;
  Severity severity = Severity::kError;
  // One sentence a writer understands, saying what is wrong and where.
  std::string message;
  SourceRange range;
  // The draft's text at `range` (or the start of it), at most about 200
  // bytes, so the evidence is readable without opening the draft.
  std::string excerpt;
  // What to write instead, when the check knows. Empty when it does not.
  std::string suggestion;
  // How sure the check is that this is a real problem, in [0, 1].
  // Deterministic rules say 1.0; rules that need judgment say less, and the
  // rulebook's routing.min_confidence decides when a human must look.
  double confidence = 1.0;
  // Set when an inline `proofgate-disable` comment covers this finding: it
  // no longer counts toward the verdict but stays in every report, with the
  // writer's reason, so the proof record shows what was waived and why.
  bool suppressed = false;
  std::string suppression_reason;
  // Who must look at the draft, for escalations (escalate/*): a reviewer
  // name from the rulebook, such as "legal". A finding with a reviewer
  // always routes its draft to review (DecideVerdict in rules/verifier.h),
  // and the queue can be filtered by it. Empty for every other finding.
  std::string reviewer;
  // The safe edit that resolves this finding, when there is one
  // (`proofgate fix` applies it); empty otherwise.
  std::optional<Fix> fix;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_FINDING_H_
