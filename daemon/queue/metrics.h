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
//   proofgate_queue_overdue{folder}                 drafts in review/ past
//                                                    their service level
//                                                    (review.sla), per folder
//                                                    ("" at the top)
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
//   proofgate_notify_outbox_pending                  webhook deliveries not
//                                                    made yet (only with
//                                                    webhooks)
//   proofgate_notify_outbox_oldest_age_seconds       the oldest one's wait
//                                                    (0 when none)
//
// Counters come from the ledger's running totals
// (daemon/ledger/ledger_totals.h), so they survive restarts and a scrape
// costs the same whatever the number of submissions; the queue gauges
// come from the spool at the time of the request; the outbox's gauges cost
// the undelivered rows only (DecisionLedger::Backlog).
#ifndef PROOFGATE_DAEMON_QUEUE_METRICS_H_
#define PROOFGATE_DAEMON_QUEUE_METRICS_H_

#include <string>
#include <vector>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/queue/queue_view.h"
#include "daemon/review/review_sla.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// The /metrics text for `counts` and the queue `queue` (as listed by
// ListQueue) at time `now`, overdue against `sla`, and the webhook
// outbox's gauges when `backlog` is set (webhooks configured). Label
// values are escaped as the format requires (\\, \", \n). Thread-safe
// (pure).
std::string MetricsText(const LedgerCounts& counts,
                        const std::vector<QueueItem>& queue, WallTime now,
                        const ReviewSla& sla = {},
                        const std::optional<OutboxBacklog>& backlog = {});

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_METRICS_H_
