// The verifier: runs a rulebook's checks over a document and decides the
// draft's verdict.
#ifndef PROOFGATE_RULES_VERIFIER_H_
#define PROOFGATE_RULES_VERIFIER_H_

#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "checks/document/document.h"
#include "checks/finding.h"
#include "rules/rulebook.h"

namespace proofgate {

enum class Verdict {
  kPass,    // nothing for a human to look at
  kFail,    // a confident finding at or above routing.fail_on
  kReview,  // only findings too uncertain to fail on: an editor decides
};

// "pass", "fail" or "review".
std::string_view VerdictName(Verdict verdict);

// The verdict for `findings` under `routing`:
//   fail   if any finding with severity >= fail_on has
//          confidence >= min_confidence;
//   review if any error or warning finding has confidence < min_confidence,
//          or any finding names a reviewer (escalate/*: Finding::reviewer),
//          whatever its severity;
//   pass   otherwise (info findings never hold a draft back).
// Suppressed findings are ignored.
Verdict DecideVerdict(const std::vector<Finding>& findings,
                      const Routing& routing);

struct CheckOutcome {
  std::string name;    // the check's name
  int findings = 0;    // how many findings it reported (after severity off)
  double seconds = 0;  // wall time its Run() took (steady clock)
  std::vector<Metric> metrics;  // what it measured (Check::RunMeasured)
};

struct Verification {
  Verdict verdict = Verdict::kPass;
  // Input findings and every check's findings with the rulebook's
  // severities applied, sorted by position, then rule id.
  // Suppression problems (suppression/*) are among them.
  std::vector<Finding> findings;
  // Every check that ran, in rulebook order; those with 0 findings passed.
  std::vector<CheckOutcome> checks;
};

// Runs every check of `rulebook` on `doc`. When the document could not be
// parsed (input/too-large), only its input findings count. A check that
// throws despite its contract yields a `<check>/internal-error` finding
// (error, confidence 0: an editor must look) instead of an exception.
// Inline suppressions (rules/suppressions.h) are applied to the checks'
// findings: waived findings stay in `findings`, marked suppressed, and
// suppression/* findings are added for malformed directives.
// Thread-safe for concurrent calls.
Verification Verify(const Rulebook& rulebook, const Document& doc);

}  // namespace proofgate

#endif  // PROOFGATE_RULES_VERIFIER_H_
