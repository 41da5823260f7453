// The JSON shape of one finding, shared by the JSON report of `proofgate
// check --format json` (daemon/reports/report_json.h) and the proof record
// (daemon/spool/proof_record.h), so a CI integration and an auditor read
// findings the same way:
//
//   {"rule", "severity", "message", "line", "column", "end_line",
//    "end_column", "excerpt", "suggestion"?, "confidence",
//    "suppressed"?, "suppression_reason"?, "reviewer"?,
//    "fix"?: {"range": {"line", "column", "end_line", "end_column"},
//             "original", "text"}}
//
// Lines and columns are 1-based, columns in code points, the end exclusive
// (checks/finding.h); "severity" is "error", "warning" or "info";
// "confidence" is a number in [0, 1]. "suggestion" appears only when the
// finding has one; "suppressed" (always true) and "suppression_reason" only
// when an inline directive waived the finding (rules/suppressions.h);
// "reviewer" only for an escalation (escalate/*), naming who must look.
// "fix" only when the finding has a safe, context-free edit: replace the
// draft's text at "range" (which holds "original") with "text"
// (checks/finding.h, Fix; `proofgate fix` applies it).
#ifndef PROOFGATE_DAEMON_DRAFTS_FINDING_JSON_H_
#define PROOFGATE_DAEMON_DRAFTS_FINDING_JSON_H_

#include <nlohmann/json.hpp>

#include "checks/finding.h"
#include "rules/rulebook.h"

namespace proofgate {

// A rulebook's owner as JSON: {"name", "contact"} ("contact" only when
// set), or null when the rulebook names no owner. Shared by the proof
// record, the JSON and SARIF reports. Pure function, thread-safe.
nlohmann::json OwnerJson(const RulebookOwner& owner);

// `finding` as a JSON object of the shape above. Strings are copied as
// they are (serialize with nlohmann's error_handler_t::replace when an
// excerpt may hold invalid UTF-8). Never throws except std::bad_alloc.
// Pure function, thread-safe.
nlohmann::json FindingJson(const Finding& finding);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_DRAFTS_FINDING_JSON_H_
