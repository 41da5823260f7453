#include "daemon/drafts/finding_effect.h"

#include <set>

namespace proofgate {

FindingEffect EffectOnVerdict(const Finding& finding, const Routing& routing) {
  if (finding.suppressed) return FindingEffect::kWaived;
  const bool confident = finding.confidence >= routing.min_confidence;
  if (confident && finding.severity >= routing.fail_on) {
    return FindingEffect::kFails;
  }
  if ((!confident && finding.severity >= Severity::kWarning) ||
      !finding.reviewer.empty()) {
    return FindingEffect::kReview;
  }
  return FindingEffect::kAdvisory;
}

Routing EffectiveRouting(const DraftResult& result, bool fail_on_warning) {
  Routing routing = result.rulebook ? result.rulebook->routing : Routing{};
  if (fail_on_warning) routing.fail_on = Severity::kWarning;
  return routing;
}

std::vector<std::string> ReviewersOf(const std::vector<Finding>& findings) {
  std::set<std::string> reviewers;
  for (const Finding& f : findings) {
    if (!f.reviewer.empty()) reviewers.insert(f.reviewer);
  }
  return {reviewers.begin(), reviewers.end()};
}

bool IsInputRule(std::string_view rule) { return rule.starts_with("input/"); }

}  // namespace proofgate
