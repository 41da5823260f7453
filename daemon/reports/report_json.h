// The JSON report of `proofgate check --format json`, a contract for CI
// users (documented in README, "JSON report"):
//
//   {"version": 1,
//    "rulebooks": [{"name", "version", "file", "sha256",
//                   "owner": {"name", "contact"?} | null}],
//    "drafts": [{"path", "sha256", "rulebook", "verdict",
//                "reviewers": [...],     (escalations' reviewers, sorted)
//                "findings": [FINDING]}],
//    "summary": {"pass", "fail", "review"}}
//
// where FINDING is the shape of daemon/drafts/finding_json.h, shared with
// the proof record.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_JSON_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "daemon/drafts/draft_check.h"
#include "rules/rulebook_set.h"

namespace proofgate {

// The rulebooks of `rules`, in the set's order, as the JSON report lists
// them (and SARIF's run properties): [{"name", "version", "file" ('/'-
// separated), "sha256", "owner" (OwnerJson)}].
nlohmann::json RulebooksJson(const RulebookSet& rules);

// The whole report.
nlohmann::json JsonReport(const RulebookSet& rules,
                          const std::vector<DraftResult>& results);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_JSON_H_
