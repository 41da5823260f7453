#include "daemon/drafts/finding_route.h"

namespace proofgate {

FindingRoute RouteFinding(const Finding& finding, const Routing& routing) {
  if (finding.suppressed) return FindingRoute::kWaived;
  const bool confident = finding.confidence >= routing.min_confidence;
  if (confident && finding.severity >= routing.fail_on) {
    return FindingRoute::kFails;
  }
  if (!confident && finding.severity >= Severity::kWarning) {
    return FindingRoute::kReview;
  }
  return FindingRoute::kAdvisory;
}

Routing EffectiveRouting(const DraftResult& result, bool fail_on_warning) {
  Routing routing = result.rulebook ? result.rulebook->routing : Routing{};
  if (fail_on_warning) routing.fail_on = Severity::kWarning;
  return routing;
}

bool IsInputRule(std::string_view rule) { return rule.starts_with("input/"); }

}  // namespace proofgate
