// The review report as JSON (`proofgate report --format json`); the shape
// is documented in the README ("proofgate report", JSON shape). Durations
// in seconds, rates in [0, 1], times RFC 3339 UTC; a rate or percentile
// with nothing to measure is null.
#ifndef PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_JSON_H_
#define PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_JSON_H_

#include <nlohmann/json.hpp>

#include "daemon/review/review_report.h"

namespace proofgate {

// `report` as JSON. Pure, thread-safe.
nlohmann::json ReviewReportJson(const ReviewReport& report);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_JSON_H_
