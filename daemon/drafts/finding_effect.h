// What a single finding does to its draft's verdict, for report formats
// that show that per finding (GitHub annotation levels, GitLab Code
// Quality severities). Mirrors DecideVerdict() in rules/verifier.h.
#ifndef PROOFGATE_DAEMON_DRAFTS_FINDING_EFFECT_H_
#define PROOFGATE_DAEMON_DRAFTS_FINDING_EFFECT_H_

#include <string>
#include <string_view>
#include <vector>

#include "checks/finding.h"
#include "daemon/drafts/draft_check.h"
#include "rules/rulebook.h"

namespace proofgate {

enum class FindingEffect {
  kFails,     // severity >= fail_on and confidence >= min_confidence
  kReview,    // an error or warning with confidence < min_confidence, or
              // an escalation (a finding with a reviewer)
  kAdvisory,  // holds nothing back: a warning under fail_on error, or info
  kWaived,    // suppressed by an inline comment (counts for nothing)
};

// The effect of `finding` on its draft's verdict under `routing`. Pure
// function, thread-safe.
FindingEffect EffectOnVerdict(const Finding& finding, const Routing& routing);

// The routing that decided `result`'s verdict: its rulebook's (defaults
// when it has none), with fail_on lowered to warning when
// `fail_on_warning` (`--fail-on warning`). Pure function, thread-safe.
Routing EffectiveRouting(const DraftResult& result, bool fail_on_warning);

// The reviewers the escalations among `findings` name (Finding::reviewer,
// suppressed findings included: an escalation cannot be waived), sorted,
// without duplicates. Pure function, thread-safe.
std::vector<std::string> ReviewersOf(const std::vector<Finding>& findings);

// Whether `rule` is one of Document::Parse()'s input/* rules: the draft is
// not readable text, so no other check looked at it.
bool IsInputRule(std::string_view rule);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_DRAFTS_FINDING_EFFECT_H_
