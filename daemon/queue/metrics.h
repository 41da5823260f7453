// /metrics: workflow metrics in the Prometheus text exposition format
// (version 0.0.4,
// https://prometheus.io/docs/instrumenting/exposition_formats/).
//
//   proofgate_drafts_submitted_total                 submissions recorded
//   proofgate_drafts_routed_total{verdict,area}      by verdict and area
//   proofgate_findings_total{rule}                   findings in every
//                                                    submission, per rule
//   proofgate_check_duration_seconds{check} (histogram)
//       time each check took per submission
//   proofgate_queue_depth                            drafts in review/
//   proofgate_queue_oldest_age_seconds               longest wait in review/
//   proofgate_queue_drafts_by_rule{rule}             drafts in review/ per
//                                                    rule they fail or need
//                                                    judgment on
//   proofgate_decisions_total{decision}              approve / return
//   proofgate_decisions_by_rule_total{rule,decision} per rule of the draft
//   proofgate_overrides_total{rule}                  approves over a rule:
//                                                    the rule may be too strict
//   proofgate_handoff_latency_seconds (histogram)
//       routed to review -> decision
//   proofgate_cycle_time_seconds (histogram)
//       first submission -> ready or returned
//
// Counters come from the ledger (daemon/decision_ledger.h), so they
// survive restarts; the queue gauges from the spool at the time of the
// request.
#ifndef PROOFGATE_DAEMON_QUEUE_METRICS_H_
#define PROOFGATE_DAEMON_QUEUE_METRICS_H_

#include <string>
#include <vector>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/queue/queue_view.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// Histogram bucket bounds for handoff latency and cycle time, in seconds:
// an editor's answer takes minutes to days, so the buckets run from 10 s
// to a week (10 s, 1, 5, 15 min, 1, 4, 24 h, 3 days, 7 days).
inline constexpr double kLatencyBuckets[] = {10,    60,    300,    900,   3600,
                                             14400, 86400, 259200, 604800};

// Bucket bounds for check durations, in seconds: a check takes tens of
// microseconds on a short draft and about a millisecond on a long one
// (bench/hot_path_bench.cc); an exec plug-in or link probing can take
// seconds. 100 µs to 10 s, roughly x3 apart.
inline constexpr double kCheckBuckets[] = {
    0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};

// The /metrics text for `counts` and the queue `queue` (as listed by
// ListQueue) at time `now`. Label values are escaped as the format
// requires (\\, \", \n). Thread-safe (pure).
std::string MetricsText(const LedgerCounts& counts,
                        const std::vector<QueueItem>& queue, WallTime now);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_METRICS_H_
