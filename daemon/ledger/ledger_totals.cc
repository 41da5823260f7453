#include "daemon/ledger/ledger_totals.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/sqlite_file.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

namespace {

template <size_t N>
long long BucketOf(const double (&bounds)[N], double value) {
  for (size_t i = 0; i < N; ++i) {
    if (value <= bounds[i]) return static_cast<long long>(i);
  }
  return static_cast<long long>(N);
}

template <size_t N>
void AddBucket(HistogramCounts& h, const double (&)[N], long long bucket,
               double n) {
  if (h.buckets.empty()) h.buckets.assign(N + 1, 0);
  if (bucket >= 0 && bucket <= static_cast<long long>(N)) {
    h.buckets[static_cast<size_t>(bucket)] += static_cast<long long>(n);
  }
}

// Adds every submission's totals to `delta`.
Status GatherSubmissions(sqlite3* db, TotalsDelta& delta) {
  std::unordered_map<std::string, std::map<std::string, long long>> findings;
  std::unordered_map<std::string, std::vector<std::pair<std::string, double>>>
      checks;
  {
    SqliteQuery q(db,
                  "SELECT submission, rule, count FROM submission_findings");
    while (q.Next()) findings[q.Text(0)][q.Text(1)] += q.Int(2);
    if (!q.error().empty()) return Unexpected(q.error());
  }
  {
    SqliteQuery q(db, "SELECT submission, check_name, seconds FROM check_runs");
    while (q.Next()) checks[q.Text(0)].emplace_back(q.Text(1), q.Real(2));
    if (!q.error().empty()) return Unexpected(q.error());
  }
  SqliteQuery q(db,
                "SELECT id, verdict, area, COALESCE(first_submitted_at, ''), "
                "routed_at FROM submissions");
  static const std::map<std::string, long long> kNoFindings;
  static const std::vector<std::pair<std::string, double>> kNoChecks;
  while (q.Next()) {
    const std::string id = q.Text(0), verdict = q.Text(1), area = q.Text(2);
    std::optional<double> cycle;
    if (verdict == "pass" && area == "ready") {
      cycle = SecondsBetween(q.Text(3), q.Text(4));
    }
    auto f = findings.find(id);
    auto c = checks.find(id);
    delta.AddSubmission(verdict, area,
                        f == findings.end() ? kNoFindings : f->second,
                        c == checks.end() ? kNoChecks : c->second, cycle);
  }
  if (!q.error().empty()) return Unexpected(q.error());
  return {};
}

// Adds every decision's totals to `delta`.
Status GatherDecisions(sqlite3* db, TotalsDelta& delta) {
  SqliteQuery q(db,
                "SELECT decision, rules, routed_at, decided_at, "
                "first_submitted_at FROM decisions");
  while (q.Next()) {
    DecisionRow row;
    row.decision = q.Text(0);
    row.rules = DecisionRulesOf(q.Text(1));
    row.routed_at = q.Text(2);
    row.decided_at = q.Text(3);
    row.first_submitted_at = q.Text(4);
    AddDecisionTotals(row, delta);
  }
  if (!q.error().empty()) return Unexpected(q.error());
  return {};
}

}  // namespace

long long HistogramCounts::count() const {
  long long n = 0;
  for (long long b : buckets) n += b;
  return n;
}

std::optional<double> SecondsBetween(std::string_view from,
                                     std::string_view to) {
  const auto a = ParseRfc3339Utc(from);
  const auto b = ParseRfc3339Utc(to);
  if (!a || !b) return std::nullopt;
  return std::chrono::duration<double>(*b - *a).count();
}

void TotalsDelta::Add(const char* metric, const std::string& l1,
                      const std::string& l2, long long bucket, double value) {
  values_[{metric, l1, l2, bucket}] += value;
}

template <size_t N>
void TotalsDelta::Observe(const char* metric, const std::string& label,
                          const double (&bounds)[N], double value) {
  Add(metric, label, "", BucketOf(bounds, value), 1);
  Add((std::string(metric) + "_sum").c_str(), label, "", 0, value);
}

void TotalsDelta::AddSubmission(
    const std::string& verdict, const std::string& area,
    const std::map<std::string, long long>& findings,
    const std::vector<std::pair<std::string, double>>& checks,
    std::optional<double> cycle_seconds) {
  Add("routed", verdict, area, 0, 1);
  for (const auto& [rule, n] : findings) Add("findings", rule, "", 0, n);
  for (const auto& [check, seconds] : checks) {
    Observe("check", check, kCheckBuckets, seconds);
  }
  if (cycle_seconds) Observe("cycle", "", kLatencyBuckets, *cycle_seconds);
}

void TotalsDelta::AddDecision(const std::string& decision,
                              const std::vector<std::string>& rules,
                              std::optional<double> handoff_seconds,
                              std::optional<double> cycle_seconds) {
  Add("decisions", decision, "", 0, 1);
  for (const std::string& rule : rules) {
    Add("decisions_by_rule", rule, decision, 0, 1);
  }
  if (handoff_seconds) {
    Observe("handoff", "", kLatencyBuckets, *handoff_seconds);
  }
  if (cycle_seconds) Observe("cycle", "", kLatencyBuckets, *cycle_seconds);
}

Status TotalsDelta::Drain(const Writer& write) {
  Status status;
  for (const auto& [key, value] : values_) {
    const auto& [metric, l1, l2, bucket] = key;
    status = write(metric, l1, l2, bucket, value);
    if (!status) break;
  }
  values_.clear();
  return status;
}

Status TotalsDelta::Flush(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(
          db,
          "INSERT INTO metric_totals(metric, label1, label2, bucket, value) "
          "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(metric, label1, label2, "
          "bucket) DO UPDATE SET value = value + excluded.value",
          -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    values_.clear();
    return Unexpected(std::string(sqlite3_errmsg(db)));
  }
  const Status status = Drain([&](const std::string& metric,
                                  const std::string& l1, const std::string& l2,
                                  long long bucket, double value) -> Status {
    sqlite3_bind_text(stmt, 1, metric.data(), static_cast<int>(metric.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, l1.data(), static_cast<int>(l1.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, l2.data(), static_cast<int>(l2.size()),
                      SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, bucket);
    sqlite3_bind_double(stmt, 5, value);
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) return Unexpected(std::string(sqlite3_errmsg(db)));
    return {};
  });
  sqlite3_finalize(stmt);
  return status;
}

Status RebuildTotals(sqlite3* db) {
  if (Status s = ExecSql(db, "DELETE FROM metric_totals"); !s) return s;
  TotalsDelta delta;
  if (Status s = GatherSubmissions(db, delta); !s) return s;
  if (Status s = GatherDecisions(db, delta); !s) return s;
  return delta.Flush(db);
}

void AddTotalRow(LedgerCounts& c, const std::string& metric,
                 const std::string& l1, const std::string& l2, long long bucket,
                 double v) {
  const auto n = static_cast<long long>(v);
  if (metric == "routed") {
    c.routed[{l1, l2}] += n;
    c.submitted += n;
  } else if (metric == "findings") {
    c.findings_by_rule[l1] += n;
  } else if (metric == "decisions") {
    c.decisions[l1] += n;
  } else if (metric == "decisions_by_rule") {
    c.decisions_by_rule[{l1, l2}] += n;
  } else if (metric == "check") {
    AddBucket(c.check_seconds[l1], kCheckBuckets, bucket, v);
  } else if (metric == "check_sum") {
    c.check_seconds[l1].sum += v;
    AddBucket(c.check_seconds[l1], kCheckBuckets, -1, 0);
  } else if (metric == "handoff" || metric == "cycle") {
    AddBucket(metric == "handoff" ? c.handoff : c.cycle, kLatencyBuckets,
              bucket, v);
  } else if (metric == "handoff_sum" || metric == "cycle_sum") {
    (metric == "handoff_sum" ? c.handoff : c.cycle).sum += v;
  }
}

LedgerCounts ReadTotals(sqlite3* db) {
  LedgerCounts c;
  SqliteQuery q(db,
                "SELECT metric, label1, label2, bucket, value FROM "
                "metric_totals");
  while (q.Next()) {
    AddTotalRow(c, q.Text(0), q.Text(1), q.Text(2), q.Int(3), q.Real(4));
  }
  return c;
}

}  // namespace proofgate
