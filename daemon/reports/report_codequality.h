// The GitLab Code Quality report of `proofgate check --format
// codequality` (GitLab's "Code Quality report format", a subset of Code
// Climate's issue format): a JSON array with one object per finding,
//
//   [{"description": "<message> [<rule>]", "check_name": "<rule>",
//     "fingerprint": "<64 hex>", "severity": "...",
//     "location": {"path": "docs/a.md", "lines": {"begin": 8}}}]
//
// `path` is relative to the working folder (daemon/report_paths.h);
// `fingerprint` is the one SARIF carries (daemon/finding_fingerprint.h), so
// a finding keeps it when lines are inserted above it.
//
// GitLab knows five severities; proofgate maps what a finding does to the
// draft's verdict onto them (daemon/drafts/finding_effect.h):
//
//   blocker   input/* findings: the draft is not readable text, so nothing
//             else was checked;
//   critical  any other finding that fails the draft (severity at or above
//             routing.fail_on, confidence at or above min_confidence);
//   major     an error or warning too uncertain to fail on: the draft goes
//             to an editor's review;
//   minor     a warning that does not fail the draft (fail_on error);
//   info      info findings.
//
// Suppressed findings are left out: the writer waived them in the draft,
// with a reason that the JSON and SARIF reports keep.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_CODEQUALITY_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_CODEQUALITY_H_

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "daemon/drafts/draft_check.h"

namespace proofgate {

// The report for `results`. `fail_on_warning` is `--fail-on warning`,
// which makes warnings fail drafts (and so "critical"). Reads the working
// folder (for paths); otherwise a pure function, thread-safe.
nlohmann::json CodeQualityReport(const std::vector<DraftResult>& results,
                                 bool fail_on_warning);

// The Code Quality severity of `finding` in `result` (the table above).
std::string_view CodeQualitySeverity(const DraftResult& result,
                                     const Finding& finding,
                                     bool fail_on_warning);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_CODEQUALITY_H_
