#include "daemon/review/review_report.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/ledger_reader.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/text/duration_text.h"

namespace proofgate {

namespace {

// The window's bounds and folder, as bound to ?1 ?2 ?3 of every query.
std::vector<std::string> WindowParams(const ReviewReport& r) {
  return {r.since, r.until, r.folder};
}

// SQL: `column` (a draft path) is in folder ?3 or below it, or ?3 is "".
// (Cast: PostgreSQL cannot tell the type of a bare parameter in length().)
#define IN_FOLDER(column)                    \
  "(CAST(?3 AS TEXT) = '' OR substr(" column \
  ", 1, length(CAST(?3 AS "                  \
  "TEXT)) + 1) = CAST(?3 AS TEXT) || '/')"

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// Latency samples, overall and per group, in seconds.
struct Samples {
  std::vector<double> all;
  std::map<std::string, std::vector<double>> by_folder, by_rulebook;

  void Add(double seconds, const std::string& path,
           const std::string& rulebook) {
    all.push_back(seconds);
    by_folder[FolderOf(path)].push_back(seconds);
    by_rulebook[rulebook].push_back(seconds);
  }
};

ReportPercentiles PercentilesOf(std::vector<double>& values) {
  ReportPercentiles p;
  p.count = static_cast<long long>(values.size());
  p.p50_seconds = Percentile(values, 0.5);
  p.p90_seconds = Percentile(values, 0.9);
  return p;
}

ReportLatency LatencyOf(Samples& s) {
  ReportLatency l;
  l.all = PercentilesOf(s.all);
  for (auto& [k, v] : s.by_folder) l.by_folder[k] = PercentilesOf(v);
  for (auto& [k, v] : s.by_rulebook) l.by_rulebook[k] = PercentilesOf(v);
  return l;
}

std::optional<double> Ratio(long long n, long long d) {
  if (d == 0) return std::nullopt;
  return static_cast<double>(n) / static_cast<double>(d);
}

// What the scans share: draft paths interned to small ints (a report
// reads hundreds of thousands of rows: string-keyed sets per row cost more
// than the queries), each path's submission times in the window, the
// submission times of its versions that reached ready/, latency samples.
struct Scan {
  std::unordered_map<std::string, int> ids;
  std::vector<const std::string*> paths;            // by id
  std::vector<std::vector<std::string>> submitted;  // by id, in time order
  std::vector<std::vector<std::string>> ready;      // by id
  std::vector<int> last_day;                        // by id: day index
  Samples handoff, cycle;

  int IdOf(const std::string& path) {
    auto [it, added] = ids.emplace(path, static_cast<int>(paths.size()));
    if (added) {
      paths.push_back(&it->first);
      submitted.emplace_back();
      ready.emplace_back();
      last_day.push_back(-1);
    }
    return it->second;
  }

  // Mean submissions to ready: for each version that reached ready/, the
  // submissions of its path in the window after the previous one that did
  // (returns and resubmissions included) up to and including it.
  void FinishRework(ReportRework& rework) {
    long long total = 0;
    for (size_t id = 0; id < ready.size(); ++id) {
      std::vector<std::string>& ready_times = ready[id];
      std::sort(ready_times.begin(), ready_times.end());
      std::string previous;
      for (const std::string& t : ready_times) {
        long long n = 0;
        for (const std::string& at : submitted[id]) {
          n += (previous.empty() || at > previous) && at <= t;
        }
        previous = t;
        if (n == 0) continue;
        total += n;
        ++rework.reached_ready;
      }
    }
    rework.mean_submissions_to_ready = Ratio(total, rework.reached_ready);
  }

  // Drafts, resubmissions and the most resubmitted paths.
  void FinishVolume(ReviewReport& r) const {
    for (size_t id = 0; id < submitted.size(); ++id) {
      const auto n = static_cast<long long>(submitted[id].size());
      if (n == 0) continue;
      ++r.volume.drafts;
      r.rework.resubmissions += n - 1;
      if (n > 1) r.rework.paths.emplace_back(*paths[id], n);
    }
    std::sort(r.rework.paths.begin(), r.rework.paths.end(),
              [](const auto& a, const auto& b) {
                return a.second != b.second ? a.second > b.second
                                            : a.first < b.first;
              });
    if (r.rework.paths.size() > kReworkPaths) {
      r.rework.paths.resize(kReworkPaths);
    }
  }
};

// Findings per rule and the failures they took part in, gathered while
// the submissions are read (oldest first).
struct FailureScan {
  std::map<std::string, ReportFailure> failures;
  std::map<std::string, std::unordered_set<int>> paths;

  // One finding row: `count` findings of `rule` on submission `id` (path
  // id `path`) whose verdict is `verdict`.
  void Add(const std::string& rule, long long count, const std::string& id,
           int path, const std::string& verdict,
           std::map<std::string, ReportRuleHealth>& health) {
    ReportRuleHealth& h = health[rule];
    h.findings += count;
    if (verdict == "pass") return;
    ++h.drafts_flagged;
    ReportFailure& f = failures[rule];
    f.findings += count;
    ++f.submissions;
    paths[rule].insert(path);
    // The newest kFailureExamples, kept oldest first until Finish().
    f.submissions_shown.push_back(id);
    if (f.submissions_shown.size() > kFailureExamples) {
      f.submissions_shown.erase(f.submissions_shown.begin());
    }
  }

  // The failures, most drafts first, each one's examples newest first.
  void Finish(ReviewReport& r) {
    for (auto& [rule, f] : failures) {
      f.rule = rule;
      f.drafts = static_cast<long long>(paths[rule].size());
      std::reverse(f.submissions_shown.begin(), f.submissions_shown.end());
      r.failures.push_back(std::move(f));
    }
    std::stable_sort(r.failures.begin(), r.failures.end(),
                     [](const ReportFailure& a, const ReportFailure& b) {
                       return a.drafts > b.drafts;
                     });
  }
};

// Adds submission row `q` (columns as ScanSubmissions selects them, path
// id `id`) to the volume, its day, the rework times and the cycle times.
void AddSubmission(const LedgerCursor& q, int id, ReviewReport& r, Scan& scan) {
  const std::string verdict = q.Text(2), submitted = q.Text(4);
  const bool first_pass = verdict == "pass" && q.Text(3) == "ready";
  std::vector<ReportDay>& days = r.volume.days;  // rows come in time order
  if (days.empty() || submitted.compare(0, 10, days.back().date) != 0) {
    days.emplace_back().date = submitted.substr(0, 10);
  }
  ReportDay& day = days.back();
  ++day.submissions;
  ++day.verdicts[verdict];
  day.first_pass += first_pass;
  const int day_index = static_cast<int>(days.size()) - 1;
  if (scan.last_day[id] != day_index) {
    scan.last_day[id] = day_index;
    ++day.drafts;
  }
  ++r.volume.submissions;
  r.volume.first_pass += first_pass;
  scan.submitted[id].push_back(submitted);
  if (first_pass) {
    if (auto s = SecondsBetween(q.Text(6), q.Text(5))) {
      scan.cycle.Add(*s, *scan.paths[id], q.Text(7));
    }
    scan.ready[id].push_back(submitted);
  }
}

// Volume, days, rework paths, the cycle of drafts that passed, and the
// findings per rule: one read of the window's submissions, each with its
// findings (one row per rule; one row with no rule when it has none).
Status ScanSubmissions(LedgerReader& db, ReviewReport& r, Scan& scan,
                       std::map<std::string, ReportRuleHealth>& health) {
  const auto q = db.Query(
      "SELECT s.id, s.path, s.verdict, s.area, s.submitted_at, "
      "s.routed_at, COALESCE(s.first_submitted_at, s.submitted_at), "
      "COALESCE(s.rulebook, ''), f.rule, COALESCE(f.count, 0) FROM "
      "submissions s LEFT JOIN submission_findings f ON f.submission = "
      "s.id WHERE s.submitted_at >= ?1 AND s.submitted_at < ?2 AND " IN_FOLDER(
          "s.path") " ORDER BY s.submitted_at, s.id",
      WindowParams(r));
  FailureScan failures;
  std::string previous;
  int id = -1;
  while (q->Next()) {
    std::string submission = q->Text(0);
    if (submission != previous) {  // the submission's first row
      id = scan.IdOf(q->Text(1));
      AddSubmission(*q, id, r, scan);
      previous = std::move(submission);
    }
    const std::string rule = q->Text(8);
    if (!rule.empty()) {
      failures.Add(rule, q->Int(9), previous, id, q->Text(2), health);
    }
  }
  if (!q->error().empty()) return Unexpected(q->error());
  for (ReportDay& day : r.volume.days) {
    day.first_pass_yield = Ratio(day.first_pass, day.submissions);
    for (const auto& [verdict, n] : day.verdicts)
      r.volume.verdicts[verdict] += n;
  }
  r.volume.first_pass_yield = Ratio(r.volume.first_pass, r.volume.submissions);
  scan.FinishVolume(r);
  failures.Finish(r);
  return {};
}

// Decisions: per rule, latencies, returns and approvals' rework.
Status ScanDecisions(LedgerReader& db, ReviewReport& r, Scan& scan,
                     std::map<std::string, ReportRuleHealth>& health) {
  const auto q = db.Query(
      "SELECT d.path, d.decision, d.rules, d.routed_at, "
      "d.decided_at, d.first_submitted_at, COALESCE(s.rulebook, "
      "''), COALESCE(s.submitted_at, '') FROM decisions d LEFT "
      "JOIN submissions s ON s.id = d.submission WHERE d.decided_at "
      ">= ?1 AND d.decided_at < ?2 AND " IN_FOLDER("d.path"),
      WindowParams(r));
  std::map<std::string, long long> returns;
  // The rules column, parsed once per distinct text: decisions repeat a
  // few combinations of rule ids.
  std::unordered_map<std::string, std::vector<ReportRuleHealth*>> rule_rows;
  while (q->Next()) {
    const std::string path = q->Text(0), decision = q->Text(1),
                      decided = q->Text(4), book = q->Text(6);
    const bool approve = decision == "approve";
    auto [rows, added] = rule_rows.try_emplace(q->Text(2));
    if (added) {
      for (const std::string& rule : DecisionRulesOf(rows->first)) {
        rows->second.push_back(&health[rule]);
      }
    }
    for (ReportRuleHealth* h : rows->second) {
      ++h->decisions;
      h->approvals += approve;
      h->returns += !approve;
    }
    if (auto s = SecondsBetween(q->Text(3), decided)) {
      scan.handoff.Add(*s, path, book);
    }
    if (auto s = SecondsBetween(q->Text(5), decided)) {
      scan.cycle.Add(*s, path, book);
    }
    if (approve) {
      if (!q->Text(7).empty())
        scan.ready[scan.IdOf(path)].push_back(q->Text(7));
    } else {
      ++returns[path];
    }
  }
  if (!q->error().empty()) return Unexpected(q->error());
  for (const auto& [path, n] : returns) {
    r.rework.returned_more_than_once += n > 1;
  }
  return {};
}

// Escalations per reviewer: the window's submissions naming one, and
// the window's decisions on such submissions.
Status ScanEscalations(LedgerReader& db, ReviewReport& r) {
  // CROSS JOIN: SQLite reads the (few) reviewer rows first rather than
  // probing them for every submission of the window.
  const auto q = db.Query(
      "SELECT v.reviewer, s.path FROM submission_reviewers v CROSS JOIN "
      "submissions s WHERE s.id = v.submission AND s.submitted_at >= ?1 "
      "AND s.submitted_at < ?2 AND " IN_FOLDER("s.path"),
      WindowParams(r));
  std::map<std::string, std::unordered_set<std::string>> paths;
  while (q->Next()) {
    ++r.escalations[q->Text(0)].submissions;
    paths[q->Text(0)].insert(q->Text(1));
  }
  if (!q->error().empty()) return Unexpected(q->error());
  for (const auto& [reviewer, set] : paths) {
    r.escalations[reviewer].drafts = static_cast<long long>(set.size());
  }
  const auto d = db.Query(
      "SELECT v.reviewer, d.decision FROM submission_reviewers v CROSS "
      "JOIN decisions d WHERE d.submission = v.submission AND "
      "d.decided_at >= ?1 AND d.decided_at < ?2 AND " IN_FOLDER("d.path"),
      WindowParams(r));
  while (d->Next()) {
    ReportEscalation& e = r.escalations[d->Text(0)];
    const bool approve = d->Text(1) == "approve";
    ++e.decisions;
    e.approvals += approve;
    e.returns += !approve;
  }
  if (!d->error().empty()) return Unexpected(d->error());
  return {};
}

// The queue now: drafts in review/ neither decided nor superseded, one
// row per reviewer they name (or one with none), a draft's rows together.
Status ScanQueue(LedgerReader& db, const ReportRequest& request,
                 ReviewReport& r) {
  const auto q = db.Query(
      "SELECT s.id, s.path, s.routed_at, COALESCE(v.reviewer, '') FROM "
      "submissions s LEFT JOIN submission_reviewers v ON v.submission = "
      "s.id WHERE s.area = 'review' AND s.superseded_by IS NULL AND NOT "
      "EXISTS (SELECT 1 FROM decisions d WHERE d.submission = s.id) "
      "AND " IN_FOLDER("s.path") " ORDER BY s.routed_at, s.id",
      WindowParams(r));
  std::string previous;
  while (q->Next()) {
    const std::string path = q->Text(1), reviewer = q->Text(3);
    const std::optional<WallTime> routed = ParseRfc3339Utc(q->Text(2));
    if (!routed) continue;
    const double waited =
        std::chrono::duration<double>(request.now - *routed).count();
    const std::optional<std::chrono::seconds> limit = request.sla.For(path);
    const bool overdue = limit && request.now > *routed + *limit;
    std::vector<ReportQueueGroup*> groups;
    if (q->Text(0) != previous) {  // the draft's first row
      previous = q->Text(0);
      if (!r.queue.oldest_path) r.queue.oldest_path = path;
      groups = {&r.queue.all, &r.queue.by_folder[FolderOf(path)]};
    }
    if (!reviewer.empty()) groups.push_back(&r.queue.by_reviewer[reviewer]);
    for (ReportQueueGroup* g : groups) {
      ++g->depth;
      g->overdue += overdue;
      g->oldest_seconds = std::max(g->oldest_seconds, waited);
    }
  }
  if (!q->error().empty()) return Unexpected(q->error());
  return {};
}

// Rule health rows: override rates, flags, the unused rules.
void FinishRules(const ReportRequest& request,
                 std::map<std::string, ReportRuleHealth>& health,
                 ReviewReport& r) {
  for (const std::string& rule : request.known_rules) {
    if (!health.count(rule) || health[rule].findings == 0) {
      health[rule].unused = true;
    }
  }
  for (auto& [rule, h] : health) {
    h.rule = rule;
    h.override_rate = Ratio(h.approvals, h.decisions);
    h.too_strict = h.decisions >= kTooStrictDecisions && h.override_rate &&
                   *h.override_rate >= kTooStrictRate;
    r.rules.push_back(h);
  }
}

}  // namespace

std::vector<std::string> RuleIdsOf(const RulebookSet& set) {
  std::vector<std::string> ids;
  for (const auto& book : set.rulebooks()) {
    for (const ConfiguredCheck& check : book->checks) {
      for (const RuleInfo& rule : check.spec->rules) {
        auto it = check.severity.find(rule.id);
        if (it == check.severity.end() || it->second) ids.push_back(rule.id);
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::optional<WallTime> ParseReportTime(const std::string& text, WallTime now) {
  if (auto ago = ParseDuration(text)) {
    // Further back than 1970 (up to 999999999d): from the Unix epoch,
    // before any ledger row, rather than past what WallTime can hold.
    if (*ago >= std::chrono::duration_cast<std::chrono::seconds>(
                    now.time_since_epoch())) {
      return WallTime{};
    }
    return now - *ago;
  }
  if (auto at = ParseRfc3339Utc(text)) return at;
  if (text.size() == 10) return ParseRfc3339Utc(text + "T00:00:00.000000Z");
  return std::nullopt;
}

std::optional<double> Percentile(std::vector<double>& values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p * static_cast<double>(values.size()));
  const size_t at = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return values[std::min(at, values.size() - 1)];
}

Expected<ReviewReport> BuildReviewReport(const LedgerLocation& ledger,
                                         const ReportRequest& request) {
  Expected<std::unique_ptr<LedgerReader>> reader = OpenLedgerReader(ledger);
  if (!reader) return Unexpected(reader.error());
  LedgerReader& db = **reader;
  ReviewReport r;
  r.since = Rfc3339Utc(request.since);
  r.until = Rfc3339Utc(request.until);
  r.generated_at = Rfc3339Utc(request.now);
  r.folder = request.folder;
  while (!r.folder.empty() && r.folder.back() == '/') r.folder.pop_back();
  Scan scan;
  std::map<std::string, ReportRuleHealth> health;
  // One read transaction: every section sees the same ledger.
  Status status = db.Begin();
  if (status) status = ScanSubmissions(db, r, scan, health);
  if (status) status = ScanDecisions(db, r, scan, health);
  if (status) status = ScanEscalations(db, r);
  if (status) status = ScanQueue(db, request, r);
  (void)db.End();  // a read transaction: nothing to keep
  if (!status)
    return Unexpected("ledger " + ledger.ForLog() + ": " + status.error());
  FinishRules(request, health, r);
  scan.FinishRework(r.rework);
  r.handoff_latency = LatencyOf(scan.handoff);
  r.cycle_time = LatencyOf(scan.cycle);
  return r;
}

}  // namespace proofgate
