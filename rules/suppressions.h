// Suppressions: inline HTML comments with which a writer waives a rule for
// part of a draft, with a reason the proof record shows.
//
//   <!-- proofgate-disable RULES reason="..." -->
//       waives RULES from the line of this comment through the line of the
//       next matching proofgate-enable, or to the end of the draft.
//   <!-- proofgate-enable RULES -->
//       ends an earlier proofgate-disable of RULES (a reason is allowed and
//       ignored).
//   <!-- proofgate-disable-next-line RULES reason="..." -->
//       waives RULES on the next line with content: blank lines and lines
//       holding only HTML comments are skipped, so directives stack.
//
// RULES is one or more of, separated by spaces and/or commas:
//   a rule id      "headings/skipped-level"
//   a check name   "headings": every rule of the check
//   a plug-in      "exec/brand-voice": every rule of that exec plug-in
//                  ("exec/brand-voice/tone" for one of them; plug-in rules
//                  exist only at run time, so any name is accepted there)
// A token matches a finding whose rule equals it or starts with it and a
// '/'. Tokens are checked against the registry of checks, not against the
// rulebook: waiving a rule of a check the draft's rulebook does not run is
// valid and has no effect (the same draft may be checked under another
// rulebook).
//
// The reason is required: reason="..." in double quotes, after the rules,
// where \" stands for a quote and \\ for a backslash (other backslashes are
// kept as written) and runs of whitespace, line breaks included, read as
// one space.
//
// Coverage is by line: a finding is covered when its first line is in the
// waived lines. A proofgate-disable that comes before any other content of
// the body (only blank lines and HTML comments above it, below the front
// matter) waives from line 1, front matter included; one that is also never
// re-enabled waives the rule for the whole draft, so findings about the
// draft as a whole (at 1:1, such as a missing required section) are covered
// too. When several directives cover a finding, the reason of the one
// written last wins.
//
// Findings that cannot be waived, because they say a check did not run or
// the input could not be read rather than that the draft breaks a rule:
// input/*, suppression/*, <check>/internal-error and exec/failed; and
// escalate/*, because an escalation names a reviewer who must look whatever
// the writer says. Naming one of them in RULES is a suppression/invalid.
// Rules a rulebook defines (prohibited/<list id>, required/<id>) are named
// by their full id; any well-formed <check>/<id> of such a check is
// accepted, since the ids live in the rulebook, not in the registry.
//
// Problems with directives become findings of their own:
//   suppression/missing-reason (error) a disable or disable-next-line with
//       no reason or an empty one; it waives nothing until it has one.
//   suppression/invalid (warning) a malformed directive: an unknown
//       proofgate-* directive, no rules (a bare proofgate-disable that would
//       waive everything is not allowed), an unknown rule or check (only
//       that token is dropped; the others apply), a rule that cannot be
//       waived, a reason that is not reason="..." after the rules, an
//       enable with no open disable to end, or a disable-next-line with no
//       line after it.
// Comments inside code blocks and code spans are text, not directives.
//
// markdownlint's own directives waive proofgate's equivalent rules, so a
// writer who already told markdownlint that a heading pattern is deliberate
// need not say it twice: MD001 (heading-increment) waives
// headings/skipped-level, MD024 (no-duplicate-heading) headings/duplicate,
// MD025 (single-title, single-h1) headings/multiple-h1. The comment itself
// is the reason the proof record shows ("markdownlint-disable
// heading-increment"). Understood as markdownlint does (case-insensitive
// names and aliases; no names: every rule):
//   <!-- markdownlint-disable RULES -->   from this line on, until
//   <!-- markdownlint-enable RULES -->    this line;
//   <!-- markdownlint-disable-line RULES -->       this line only;
//   <!-- markdownlint-disable-next-line RULES -->  the line after it;
//   <!-- markdownlint-capture --> ... <!-- markdownlint-restore -->
//       ends, at the restore, what was disabled after the capture.
// Other markdownlint rules and directives are not proofgate's and are
// passed over without a finding.
#ifndef PROOFGATE_RULES_SUPPRESSIONS_H_
#define PROOFGATE_RULES_SUPPRESSIONS_H_

#include <climits>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "checks/document/document.h"
#include "checks/finding.h"

namespace proofgate {

class Suppressions {
 public:
  // Reads every directive in `doc`'s HTML comments. Never fails: problems
  // become problems(). O(comments x lines above them) at worst.
  static Suppressions Parse(const Document& doc);

  // Marks each finding in `findings` that a directive covers as suppressed,
  // with the directive's reason. Findings that cannot be waived (above) are
  // left alone. O(findings x directives).
  void Apply(std::vector<Finding>& findings) const;

  // suppression/* findings about the directives, in comment order.
  const std::vector<Finding>& problems() const { return problems_; }

 private:
  // One token of one directive, and the lines it waives.
  struct Waiver {
    std::string token;
    std::string reason;
    int first_line = 1;
    int last_line = INT_MAX;    // INT_MAX: to the end of the draft
    bool whole_draft = false;   // also covers findings at the draft itself
    bool open = false;          // a disable not yet enabled
    bool markdownlint = false;  // from a markdownlint-* directive
  };
  // Reads the directives of one draft, comment by comment (suppressions.cc).
  class Reader;

  // One markdownlint-* comment (see above); `captures` holds the indexes
  // of the markdownlint waivers open at each unrestored capture.
  void ReadMarkdownlint(const HtmlComment& comment, std::string_view body,
                        std::vector<std::vector<size_t>>& captures);

  std::vector<Waiver> waivers_;
  std::vector<Finding> problems_;
};

// Whether `rule` can be suppressed at all (see above).
bool IsSuppressible(const std::string& rule);

// The suppression/* rules, for reports that list every rule (SARIF).
const std::vector<RuleInfo>& SuppressionRules();

}  // namespace proofgate

#endif  // PROOFGATE_RULES_SUPPRESSIONS_H_
