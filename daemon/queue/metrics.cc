#include "daemon/queue/metrics.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace proofgate {

namespace {

std::string Label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void Header(std::string& out, const char* name, const char* type,
            const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " +
         type + "\n";
}

// One histogram series of `name` over `h` with `buckets`; `labels`
// ("" or `key="value",`) goes before each series' own labels.
template <size_t N>
void Series(std::string& out, const std::string& name,
            const std::string& labels, const double (&buckets)[N],
            const HistogramCounts& h) {
  long long cumulative = 0;
  for (size_t i = 0; i < N; ++i) {
    if (i < h.buckets.size()) cumulative += h.buckets[i];
    out += name + "_bucket{" + labels + "le=\"" + Number(buckets[i]) + "\"} " +
           std::to_string(cumulative) + "\n";
  }
  out += name + "_bucket{" + labels + "le=\"+Inf\"} " +
         std::to_string(h.count()) + "\n";
  const std::string braces =
      labels.empty() ? "" : "{" + labels.substr(0, labels.size() - 1) + "}";
  out += name + "_sum" + braces + " " + Number(h.sum) + "\n";
  out += name + "_count" + braces + " " + std::to_string(h.count()) + "\n";
}

void Histogram(std::string& out, const char* name, const char* help,
               const HistogramCounts& h) {
  Header(out, name, "histogram", help);
  Series(out, name, "", kLatencyBuckets, h);
}

// The queue's gauges: depth, oldest wait, overdue per folder, drafts per
// rule.
void QueueGauges(std::string& out, const std::vector<QueueItem>& queue,
                 WallTime now, const ReviewSla& sla) {
  Header(out, "proofgate_queue_depth", "gauge",
         "Drafts waiting in the exception queue (review/).");
  out += "proofgate_queue_depth " + std::to_string(queue.size()) + "\n";
  double oldest = 0;
  std::map<std::string, long long> by_rule;
  std::map<std::string, long long> overdue;
  for (const QueueItem& item : queue) {
    oldest = std::max(oldest,
                      std::chrono::duration<double>(now - item.routed).count());
    for (const std::string& rule : item.blocking_rules) ++by_rule[rule];
    if (IsOverdue(item, sla, now)) ++overdue[item.folder];
  }
  Header(out, "proofgate_queue_oldest_age_seconds", "gauge",
         "How long the oldest draft in the queue has waited.");
  out += "proofgate_queue_oldest_age_seconds " + Number(oldest) + "\n";
  Header(out, "proofgate_queue_overdue", "gauge",
         "Drafts in the queue past their review service level, per folder.");
  for (const auto& [folder, n] : overdue) {
    out += "proofgate_queue_overdue{folder=\"" + Label(folder) + "\"} " +
           std::to_string(n) + "\n";
  }
  Header(out, "proofgate_queue_drafts_by_rule", "gauge",
         "Drafts in the queue per rule they fail or need judgment on.");
  for (const auto& [rule, n] : by_rule) {
    out += "proofgate_queue_drafts_by_rule{rule=\"" + Label(rule) + "\"} " +
           std::to_string(n) + "\n";
  }
}

// The webhook outbox's backlog: deliveries waiting, the oldest one's age.
void OutboxGauges(std::string& out, const OutboxBacklog& backlog,
                  WallTime now) {
  Header(out, "proofgate_notify_outbox_pending", "gauge",
         "Webhook deliveries not made yet (waiting or being retried).");
  out += "proofgate_notify_outbox_pending " + std::to_string(backlog.pending) +
         "\n";
  double age = 0;
  if (auto created = ParseRfc3339Utc(backlog.oldest_created_at)) {
    age = std::max(0.0, std::chrono::duration<double>(now - *created).count());
  }
  Header(out, "proofgate_notify_outbox_oldest_age_seconds", "gauge",
         "How long the oldest webhook delivery not made yet has waited.");
  out += "proofgate_notify_outbox_oldest_age_seconds " + Number(age) + "\n";
}

}  // namespace

std::string MetricsText(const LedgerCounts& counts,
                        const std::vector<QueueItem>& queue, WallTime now,
                        const ReviewSla& sla,
                        const std::optional<OutboxBacklog>& backlog) {
  std::string out;
  Header(out, "proofgate_drafts_submitted_total", "counter",
         "Draft submissions verified and routed.");
  out += "proofgate_drafts_submitted_total " +
         std::to_string(counts.submitted) + "\n";
  Header(out, "proofgate_drafts_routed_total", "counter",
         "Submissions routed, by verdict and area.");
  for (const auto& [key, n] : counts.routed) {
    out += "proofgate_drafts_routed_total{verdict=\"" + Label(key.first) +
           "\",area=\"" + Label(key.second) + "\"} " + std::to_string(n) + "\n";
  }

  Header(out, "proofgate_findings_total", "counter",
         "Findings in all submissions, per rule id.");
  for (const auto& [rule, n] : counts.findings_by_rule) {
    out += "proofgate_findings_total{rule=\"" + Label(rule) + "\"} " +
           std::to_string(n) + "\n";
  }
  Header(out, "proofgate_check_duration_seconds", "histogram",
         "Time each check took on a submission.");
  for (const auto& [check, seconds] : counts.check_seconds) {
    Series(out, "proofgate_check_duration_seconds",
           "check=\"" + Label(check) + "\",", kCheckBuckets, seconds);
  }

  QueueGauges(out, queue, now, sla);

  Header(out, "proofgate_decisions_total", "counter",
         "Editors' decisions, by outcome.");
  for (const char* d : {"approve", "return"}) {
    auto it = counts.decisions.find(d);
    out += std::string("proofgate_decisions_total{decision=\"") + d + "\"} " +
           std::to_string(it == counts.decisions.end() ? 0 : it->second) + "\n";
  }
  Header(out, "proofgate_decisions_by_rule_total", "counter",
         "Editors' decisions per rule the draft was in review for.");
  std::string overrides;
  for (const auto& [key, n] : counts.decisions_by_rule) {
    out += "proofgate_decisions_by_rule_total{rule=\"" + Label(key.first) +
           "\",decision=\"" + Label(key.second) + "\"} " + std::to_string(n) +
           "\n";
    if (key.second == "approve") {
      overrides += "proofgate_overrides_total{rule=\"" + Label(key.first) +
                   "\"} " + std::to_string(n) + "\n";
    }
  }
  Header(out, "proofgate_overrides_total", "counter",
         "Approvals over a rule's findings (a sign the rule is too strict).");
  out += overrides;

  Histogram(out, "proofgate_handoff_latency_seconds",
            "Time from routing to review until an editor's decision.",
            counts.handoff);
  Histogram(out, "proofgate_cycle_time_seconds",
            "Time from a draft's first submission to ready or returned.",
            counts.cycle);
  if (backlog) OutboxGauges(out, *backlog, now);
  return out;
}

}  // namespace proofgate
