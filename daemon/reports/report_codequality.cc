#include "daemon/reports/report_codequality.h"

#include <algorithm>

#include "daemon/drafts/finding_effect.h"
#include "daemon/reports/finding_fingerprint.h"
#include "daemon/reports/report_paths.h"

namespace proofgate {

std::string_view CodeQualitySeverity(const DraftResult& result,
                                     const Finding& finding,
                                     bool fail_on_warning) {
  if (IsInputRule(finding.rule)) return "blocker";
  switch (EffectOnVerdict(finding, EffectiveRouting(result, fail_on_warning))) {
    case FindingEffect::kFails:
      return "critical";
    case FindingEffect::kReview:
      return "major";
    case FindingEffect::kAdvisory:
    case FindingEffect::kWaived:
      break;
  }
  return finding.severity == Severity::kInfo ? "info" : "minor";
}

nlohmann::json CodeQualityReport(const std::vector<DraftResult>& results,
                                 bool fail_on_warning) {
  nlohmann::json out = nlohmann::json::array();
  for (const DraftResult& r : results) {
    const std::string path = ReportPath(r.path);
    const std::vector<Finding>& findings = r.verification.findings;
    const std::vector<std::string> fingerprints =
        FindingFingerprints(path, findings);
    for (size_t i = 0; i < findings.size(); ++i) {
      const Finding& f = findings[i];
      if (f.suppressed) continue;
      out.push_back({{"description", f.message + " [" + f.rule + "]"},
                     {"check_name", f.rule},
                     {"fingerprint", fingerprints[i]},
                     {"severity", CodeQualitySeverity(r, f, fail_on_warning)},
                     {"location",
                      {{"path", path},
                       {"lines", {{"begin", std::max(f.range.line, 1)}}}}}});
    }
  }
  return out;
}

}  // namespace proofgate
