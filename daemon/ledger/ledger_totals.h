// Ledger totals: the counters and histograms /metrics reports, kept up to
// date in the table
//
//   metric_totals(metric, label1, label2, bucket, value)
//
// as the ledger's rows are written (Ledger::Record adds a submission's,
// DecisionLedger::Record a decision's, in the same transaction), so a
// scrape reads a few hundred rows however many submissions the ledger
// holds. Metrics and their labels:
//
//   routed             verdict, area       submissions
//   findings           rule                findings
//   check / check_sum  check name          per-bucket count / seconds
//   decisions          decision            decisions
//   decisions_by_rule  rule, decision      decisions per rule in review for
//   handoff / _sum     -                   routed to review -> decision
//   cycle / _sum       -                   first submission -> ready by a
//                                          passing verdict, or a decision
//
// A histogram's `bucket` is the index of the first bound a value is at or
// under (kLatencyBuckets or kCheckBuckets), or the number of bounds for
// the +Inf bucket; its counts are per bucket, not cumulative.
// RebuildTotals() recomputes the table from the raw rows (the ledger's
// migration to totals, and the oracle tests compare the running totals to).
#ifndef PROOFGATE_DAEMON_LEDGER_LEDGER_TOTALS_H_
#define PROOFGATE_DAEMON_LEDGER_LEDGER_TOTALS_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "checks/expected.h"

struct sqlite3;

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

// One histogram: counts per bucket (one per bound, then +Inf; not
// cumulative) and the sum of the values.
struct HistogramCounts {
  std::vector<long long> buckets;
  double sum = 0;
  long long count() const;
  // Equal buckets, and sums equal to 1e-9 s (a rebuild adds them in
  // another order).
  friend bool operator==(const HistogramCounts& a, const HistogramCounts& b) {
    const double d = a.sum - b.sum;
    return a.buckets == b.buckets && d < 1e-9 && d > -1e-9;
  }
};

// What /metrics reports from the ledger (daemon/queue/metrics.h).
struct LedgerCounts {
  long long submitted = 0;
  // {verdict, area} -> submissions routed so.
  std::map<std::pair<std::string, std::string>, long long> routed;
  std::map<std::string, long long> decisions;  // decision -> count
  // {rule, decision} -> decisions on drafts in review for that rule.
  std::map<std::pair<std::string, std::string>, long long> decisions_by_rule;
  HistogramCounts handoff;  // kLatencyBuckets, seconds
  HistogramCounts cycle;    // kLatencyBuckets, seconds
  std::map<std::string, long long> findings_by_rule;     // over all submissions
  std::map<std::string, HistogramCounts> check_seconds;  // kCheckBuckets
  bool operator==(const LedgerCounts&) const = default;
};

// Additions to metric_totals, gathered in memory and written by Flush().
// Not thread-safe.
class TotalsDelta {
 public:
  // One routed submission: its verdict and area, findings per rule, each
  // check's seconds, and its cycle time when it reached ready/ by a
  // passing verdict.
  void AddSubmission(const std::string& verdict, const std::string& area,
                     const std::map<std::string, long long>& findings,
                     const std::vector<std::pair<std::string, double>>& checks,
                     std::optional<double> cycle_seconds);
  // One decision on a draft in review for `rules`, with its handoff latency
  // and cycle time when known.
  void AddDecision(const std::string& decision,
                   const std::vector<std::string>& rules,
                   std::optional<double> handoff_seconds,
                   std::optional<double> cycle_seconds);
  // Writes one total: adds `value` to metric_totals' row (metric, label1,
  // label2, bucket), creating it at 0 when missing.
  using Writer = std::function<Status(
      const std::string& metric, const std::string& label1,
      const std::string& label2, long long bucket, double value)>;
  // Calls `write` for each addition gathered, in key order (so concurrent
  // writers lock metric_totals' rows in one order and cannot deadlock),
  // stopping at the first failure, which it returns; then clears them.
  Status Drain(const Writer& write);
  // Drain() into SQLite's metric_totals (inside the caller's transaction).
  // Success or SQLite's message.
  Status Flush(sqlite3* db);

 private:
  void Add(const char* metric, const std::string& l1, const std::string& l2,
           long long bucket, double value);
  template <size_t N>
  void Observe(const char* metric, const std::string& label,
               const double (&bounds)[N], double value);

  std::map<std::tuple<std::string, std::string, std::string, long long>, double>
      values_;
};

// Seconds from RFC 3339 time `from` to `to` (daemon/text/timestamp.h), or
// nullopt when either does not parse.
std::optional<double> SecondsBetween(std::string_view from,
                                     std::string_view to);

// Replaces metric_totals with totals computed from every row of
// submissions, submission_findings, check_runs and decisions. Runs inside
// the caller's transaction. Success or SQLite's message.
Status RebuildTotals(sqlite3* db);

// Adds one metric_totals row to `counts` (rows of unknown metrics are
// ignored). For every backend's Counts().
void AddTotalRow(LedgerCounts& counts, const std::string& metric,
                 const std::string& label1, const std::string& label2,
                 long long bucket, double value);

// The totals as /metrics reports them. Reads metric_totals only: the cost
// depends on the number of rules, checks and areas, not on submissions.
// A failed query leaves its part empty.
LedgerCounts ReadTotals(sqlite3* db);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LEDGER_TOTALS_H_
