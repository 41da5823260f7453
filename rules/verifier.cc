#include "rules/verifier.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <tuple>

#include "rules/suppressions.h"

namespace proofgate {

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "fail";
    case Verdict::kReview:
      return "review";
  }
  return "review";
}

Verdict DecideVerdict(const std::vector<Finding>& findings,
                      const Routing& routing) {
  bool review = false;
  for (const Finding& f : findings) {
    if (f.suppressed) continue;
    // An escalation needs its reviewer whatever its severity or confidence.
    if (!f.reviewer.empty()) review = true;
    const bool confident = f.confidence >= routing.min_confidence;
    if (confident && f.severity >= routing.fail_on) return Verdict::kFail;
    if (!confident && f.severity >= Severity::kWarning) review = true;
  }
  return review ? Verdict::kReview : Verdict::kPass;
}

Verification Verify(const Rulebook& rulebook, const Document& doc) {
  Verification out;
  out.findings = doc.input_findings();
  if (doc.parsed()) {
    std::vector<Finding> found;
    for (const ConfiguredCheck& configured : rulebook.checks) {
      found.clear();
      std::vector<Metric> metrics;
      const auto started = std::chrono::steady_clock::now();
      try {
        configured.check->RunMeasured(doc, found, metrics);
      } catch (const std::exception& e) {
        Finding f;
        f.rule = configured.spec->name + "/internal-error";
        f.severity = Severity::kError;
        f.message = "The " + configured.spec->name +
                    " check failed on this draft (" + e.what() +
                    "); an editor must look.";
        f.confidence = 0;
        found.push_back(std::move(f));
      }
      int kept = 0;
      for (Finding& f : found) {
        auto it = configured.severity.find(f.rule);
        if (it != configured.severity.end()) {
          if (!it->second) continue;  // "off"
          f.severity = *it->second;
        } else if (configured.all_rules) {
          f.severity = *configured.all_rules;
        }
        out.findings.push_back(std::move(f));
        ++kept;
      }
      out.checks.push_back({configured.spec->name, kept,
                            std::chrono::duration<double>(
                                std::chrono::steady_clock::now() - started)
                                .count(),
                            std::move(metrics)});
    }
    // Inline proofgate-disable comments waive findings once the rulebook's
    // severities are applied; problems with the comments are findings too.
    const Suppressions suppressions = Suppressions::Parse(doc);
    suppressions.Apply(out.findings);
    out.findings.insert(out.findings.end(), suppressions.problems().begin(),
                        suppressions.problems().end());
  }
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.range.line, a.range.column, a.rule) <
                            std::tie(b.range.line, b.range.column, b.rule);
                   });
  out.verdict = DecideVerdict(out.findings, rulebook.routing);
  return out;
}

}  // namespace proofgate
