#include "daemon/review/review_report.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/ledger_reader.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/text/duration_text.h"
#include "daemon/text/string_ids.h"

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

std::string_view FolderOf(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view()
                                         : path.substr(0, slash);
}

// Microseconds since the Unix epoch of a time as the ledger writes it; a
// text that does not parse counts as the earliest time.
long long MicrosOf(std::string_view text) {
  const std::optional<WallTime> at = ParseRfc3339Utc(text);
  if (!at) return std::numeric_limits<long long>::min();
  return std::chrono::duration_cast<std::chrono::microseconds>(
             at->time_since_epoch())
      .count();
}

// `v[id]`, growing `v` to hold it.
template <typename T>
T& At(std::vector<T>& v, int id) {
  if (static_cast<size_t>(id) >= v.size())
    v.resize(static_cast<size_t>(id) + 1);
  return v[static_cast<size_t>(id)];
}

// Latency samples in seconds, overall and per folder / rulebook id.
struct Samples {
  std::vector<double> all;
  std::vector<std::vector<double>> by_folder, by_rulebook;

  void Add(double seconds, int folder, int rulebook) {
    all.push_back(seconds);
    At(by_folder, folder).push_back(seconds);
    At(by_rulebook, rulebook).push_back(seconds);
  }
};

ReportPercentiles PercentilesOf(std::vector<double>& values) {
  ReportPercentiles p;
  p.count = static_cast<long long>(values.size());
  p.p50_seconds = Percentile(values, 0.5);
  p.p90_seconds = Percentile(values, 0.9);
  return p;
}

// The percentiles of each group with samples, by the group's name.
std::map<std::string, ReportPercentiles> PercentilesByName(
    std::vector<std::vector<double>>& groups, const StringIds& names) {
  std::map<std::string, ReportPercentiles> out;
  for (size_t id = 0; id < groups.size(); ++id) {
    if (!groups[id].empty()) {
      out[names[static_cast<int>(id)]] = PercentilesOf(groups[id]);
    }
  }
  return out;
}

std::optional<double> Ratio(long long n, long long d) {
  if (d == 0) return std::nullopt;
  return static_cast<double>(n) / static_cast<double>(d);
}

// A submission in the window, or a version that reached ready/ (a pass
// or an approval), of one draft path: what rework is computed from.
struct PathTime {
  int path = 0;
  long long micros = 0;  // submitted at, microseconds since the epoch
  bool ready = false;    // at one time, the submission comes first

  bool operator<(const PathTime& o) const {
    return std::tie(path, micros, ready) < std::tie(o.path, o.micros, o.ready);
  }
};

// What the scans share: draft paths, folders and rulebooks as dense ids
// (a report reads hundreds of thousands of rows: string-keyed maps per
// row cost more than the queries), each path's submissions in the window,
// the versions that reached ready/ and the returns, and the latency
// samples.
struct Scan {
  StringIds paths, folders, books;
  std::vector<int> folder_of;          // by path id
  std::vector<long long> submissions;  // by path id
  std::vector<int> last_day;           // by path id: day index
  std::vector<long long> returns;      // by path id
  std::vector<PathTime> times;         // all paths, in the order read
  Samples handoff, cycle;

  int PathId(std::string_view path) {
    const int id = paths.IdOf(path);
    if (static_cast<size_t>(id) == folder_of.size()) {
      folder_of.push_back(folders.IdOf(FolderOf(path)));
      submissions.push_back(0);
      last_day.push_back(-1);
      returns.push_back(0);
    }
    return id;
  }

  // A latency sample of path id `path` under rulebook `book`.
  void AddLatency(Samples& s, double seconds, int path, std::string_view book) {
    s.Add(seconds, folder_of[static_cast<size_t>(path)], books.IdOf(book));
  }

  ReportLatency LatencyOf(Samples& s) const {
    ReportLatency l;
    l.all = PercentilesOf(s.all);
    l.by_folder = PercentilesByName(s.by_folder, folders);
    l.by_rulebook = PercentilesByName(s.by_rulebook, books);
    return l;
  }

  // Mean submissions to ready: for each version that reached ready/, the
  // submissions of its path in the window after the previous one that did
  // (returns and resubmissions included) up to and including it.
  void FinishRework(ReportRework& rework) {
    std::sort(times.begin(), times.end());
    long long total = 0, since_ready = 0;
    int path = -1;
    for (const PathTime& t : times) {
      if (t.path != path) {
        path = t.path;
        since_ready = 0;
      }
      if (!t.ready) {
        ++since_ready;
      } else if (since_ready > 0) {
        total += since_ready;
        ++rework.reached_ready;
        since_ready = 0;
      }
    }
    rework.mean_submissions_to_ready = Ratio(total, rework.reached_ready);
    for (const long long n : returns) rework.returned_more_than_once += n > 1;
  }

  // Drafts, resubmissions and the most resubmitted paths.
  void FinishVolume(ReviewReport& r) const {
    for (size_t id = 0; id < submissions.size(); ++id) {
      const long long n = submissions[id];
      if (n == 0) continue;
      ++r.volume.drafts;
      r.rework.resubmissions += n - 1;
      if (n > 1) r.rework.paths.emplace_back(paths[static_cast<int>(id)], n);
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
class FailureScan {
 public:
  explicit FailureScan(std::map<std::string, ReportRuleHealth>& health)
      : health_(health) {}

  // One finding row: `count` findings of `rule` on submission `id` (path
  // id `path`), `holding` of them holding it back (failing it or sending
  // it to an editor), whose verdict was pass or not.
  void Add(std::string_view rule, long long count, long long holding,
           std::string_view id, int path, bool pass) {
    Rule& r = Of(rule);
    r.health->findings += count;
    if (pass || holding == 0) return;
    ++r.health->drafts_flagged;
    ReportFailure& f = r.failure;
    f.findings += holding;
    // The newest kFailureExamples ids, in a ring by submission number.
    r.shown[static_cast<size_t>(f.submissions) % kFailureExamples].assign(id);
    ++f.submissions;
    std::vector<bool>& seen = r.paths;
    if (static_cast<size_t>(path) >= seen.size()) seen.resize(path + 1);
    if (!seen[static_cast<size_t>(path)]) {
      seen[static_cast<size_t>(path)] = true;
      ++f.drafts;
    }
  }

  // The failures, most drafts first (by rule id among equals), each
  // one's examples newest first.
  void Finish(ReviewReport& out) {
    std::vector<int> order(by_id_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return rules_[a] < rules_[b]; });
    for (const int id : order) {
      Rule& r = by_id_[static_cast<size_t>(id)];
      ReportFailure& f = r.failure;
      if (f.submissions == 0) continue;
      f.rule = rules_[id];
      const auto n = static_cast<size_t>(f.submissions);
      for (size_t k = 1; k <= std::min(n, kFailureExamples); ++k) {
        f.submissions_shown.push_back(
            std::move(r.shown[(n - k) % kFailureExamples]));
      }
      out.failures.push_back(std::move(f));
    }
    std::stable_sort(out.failures.begin(), out.failures.end(),
                     [](const ReportFailure& a, const ReportFailure& b) {
                       return a.drafts > b.drafts;
                     });
  }

 private:
  struct Rule {
    ReportRuleHealth* health = nullptr;  // in health_, which never moves it
    ReportFailure failure;
    std::array<std::string, kFailureExamples> shown;
    std::vector<bool> paths;  // by path id: a failure of it seen
  };

  Rule& Of(std::string_view rule) {
    const int id = rules_.IdOf(rule);
    if (static_cast<size_t>(id) == by_id_.size()) {
      by_id_.emplace_back().health = &health_[rules_[id]];
    }
    return by_id_[static_cast<size_t>(id)];
  }

  std::map<std::string, ReportRuleHealth>& health_;
  StringIds rules_;
  std::vector<Rule> by_id_;
};

// Adds submission row `q` (columns as ScanSubmissions selects them, path
// id `id`) to the volume, its day, the rework times and the cycle times.
void AddSubmission(const LedgerCursor& q, int id, ReviewReport& r, Scan& scan) {
  const std::string_view verdict = q.View(2), submitted = q.View(4);
  const bool first_pass = verdict == "pass" && q.View(3) == "ready";
  std::vector<ReportDay>& days = r.volume.days;  // rows come in time order
  if (days.empty() || submitted.substr(0, 10) != days.back().date) {
    days.emplace_back().date = std::string(submitted.substr(0, 10));
  }
  ReportDay& day = days.back();
  ++day.submissions;
  ++day.verdicts[std::string(verdict)];
  day.first_pass += first_pass;
  const int day_index = static_cast<int>(days.size()) - 1;
  const auto at = static_cast<size_t>(id);
  if (scan.last_day[at] != day_index) {
    scan.last_day[at] = day_index;
    ++day.drafts;
  }
  ++r.volume.submissions;
  r.volume.first_pass += first_pass;
  const long long submitted_us = MicrosOf(submitted);
  ++scan.submissions[at];
  scan.times.push_back({id, submitted_us, false});
  if (first_pass) {
    if (auto s = SecondsBetween(q.View(6), q.View(5))) {
      scan.AddLatency(scan.cycle, *s, id, q.View(7));
    }
    scan.times.push_back({id, submitted_us, true});
  }
}

// Volume, days, rework paths, the cycle of drafts that passed, and the
// findings per rule: one read of the window's submissions, each with its
// findings (one row per rule; one row with no rule when it has none). A
// rule's findings that held nothing back (a warning on a draft another
// rule failed) count in its findings only; rows written before schema
// version 11 do not say, and count as holding.
Status ScanSubmissions(LedgerReader& db, ReviewReport& r, Scan& scan,
                       std::map<std::string, ReportRuleHealth>& health) {
  const auto q = db.Query(
      "SELECT s.id, s.path, s.verdict, s.area, s.submitted_at, "
      "s.routed_at, COALESCE(s.first_submitted_at, s.submitted_at), "
      "COALESCE(s.rulebook, ''), f.rule, COALESCE(f.count, 0), "
      "COALESCE(f.holding, f.count, 0) FROM "
      "submissions s LEFT JOIN submission_findings f ON f.submission = "
      "s.id WHERE s.submitted_at >= ?1 AND s.submitted_at < ?2 AND " IN_FOLDER(
          "s.path") " ORDER BY s.submitted_at, s.id",
      WindowParams(r));
  FailureScan failures(health);
  std::string previous;
  int id = -1;
  bool pass = false;
  while (q->Next()) {
    const std::string_view submission = q->View(0);
    if (submission != previous) {  // the submission's first row
      id = scan.PathId(q->View(1));
      AddSubmission(*q, id, r, scan);
      previous.assign(submission);
      pass = q->View(2) == "pass";
    }
    const std::string_view rule = q->View(8);
    if (!rule.empty()) {
      failures.Add(rule, q->Int(9), q->Int(10), previous, id, pass);
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
  // The rules column, parsed once per distinct text: decisions repeat a
  // few combinations of rule ids.
  StringIds rule_texts;
  std::vector<std::vector<ReportRuleHealth*>> rule_rows;  // by text id
  while (q->Next()) {
    const std::string_view decided = q->View(4), book = q->View(6);
    const bool approve = q->View(1) == "approve";
    const int path = scan.PathId(q->View(0));
    const int text = rule_texts.IdOf(q->View(2));
    if (static_cast<size_t>(text) == rule_rows.size()) {
      std::vector<ReportRuleHealth*>& rows = rule_rows.emplace_back();
      for (const std::string& rule : DecisionRulesOf(rule_texts[text])) {
        rows.push_back(&health[rule]);
      }
    }
    for (ReportRuleHealth* h : rule_rows[static_cast<size_t>(text)]) {
      ++h->decisions;
      h->approvals += approve;
      h->returns += !approve;
    }
    if (auto s = SecondsBetween(q->View(3), decided)) {
      scan.AddLatency(scan.handoff, *s, path, book);
    }
    if (auto s = SecondsBetween(q->View(5), decided)) {
      scan.AddLatency(scan.cycle, *s, path, book);
    }
    if (!approve) {
      ++scan.returns[static_cast<size_t>(path)];
    } else if (!q->View(7).empty()) {
      scan.times.push_back({path, MicrosOf(q->View(7)), true});
    }
  }
  if (!q->error().empty()) return Unexpected(q->error());
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
      groups = {&r.queue.all, &r.queue.by_folder[std::string(FolderOf(path))]};
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
  const double rank = std::ceil(p * static_cast<double>(values.size()));
  const size_t at =
      std::min(rank < 1 ? 0 : static_cast<size_t>(rank) - 1, values.size() - 1);
  // The value sorting would put at `at`, in linear time.
  std::nth_element(values.begin(), values.begin() + static_cast<long>(at),
                   values.end());
  return values[at];
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
  r.handoff_latency = scan.LatencyOf(scan.handoff);
  r.cycle_time = scan.LatencyOf(scan.cycle);
  return r;
}

}  // namespace proofgate
