// Check: one pluggable verification of a draft.
//
// A check is built once per rulebook from its settings (see CheckSpec) and
// then run on many drafts, possibly from many threads at once: Run() must be
// const and thread-safe. A check sees only the parsed Document; it never
// reads files, touches the network on its own initiative beyond what its
// settings name, or knows about folders, routing or reports.
//
// Errors are values: a check reports what it finds as Findings, and never
// lets an exception escape Run().
#ifndef PROOFGATE_CHECKS_CHECK_H_
#define PROOFGATE_CHECKS_CHECK_H_

#include <memory>
#include <string>
#include <vector>

#include "checks/document/document.h"
#include "checks/finding.h"
#include "checks/settings.h"

namespace proofgate {

// One number a check measured on a draft, whether or not it found
// anything ("what was checked"): shown in the proof record under the check.
struct Metric {
  std::string name;  // snake_case, with its unit: "words", "passive_percent"
  double value = 0;
};

class Check {
 public:
  virtual ~Check() = default;

  // Appends this check's findings for `doc` to `out`, each with the rule's
  // default severity (the rulebook may change or silence it afterwards).
  virtual void Run(const Document& doc, std::vector<Finding>& out) const = 0;

  // Run(), and appends to `metrics` what the check measured on `doc`. The
  // default measures nothing; a check with metrics (readability) overrides
  // it and computes both in one pass. Same thread safety as Run().
  virtual void RunMeasured(const Document& doc, std::vector<Finding>& out,
                           std::vector<Metric>& metrics) const {
    (void)metrics;
    Run(doc, out);
  }
};

// One rule a check can report.
struct RuleInfo {
  std::string id;  // "<check>/<rule>"
  Severity default_severity = Severity::kError;
  std::string summary;  // one line, for reports and --help
};

// How a rulebook names and builds a check.
struct CheckSpec {
  std::string name;     // the key under `checks:` in a rulebook
  std::string summary;  // one line
  std::vector<RuleInfo> rules;
  // Builds the check from its settings. Reports bad settings through
  // `settings` (Settings::Error and the getters) and may return nullptr
  // only when it reported an error.
  std::unique_ptr<Check> (*build)(Settings& settings) = nullptr;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_CHECK_H_
