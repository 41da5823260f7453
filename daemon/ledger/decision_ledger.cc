#include "daemon/ledger/decision_ledger.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "daemon/ledger/sqlite_file.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS decisions(
  submission TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT NOT NULL,
  editor TEXT NOT NULL,
  verdict TEXT NOT NULL,
  rules TEXT NOT NULL,
  routed_at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  first_submitted_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_path ON decisions(path);
CREATE INDEX IF NOT EXISTS decisions_decided_at ON decisions(decided_at);
)sql";

// A prepared statement with text parameters, finalized on scope exit.
class Query {
 public:
  Query(sqlite3* db, const char* sql, std::vector<std::string> params = {})
      : db_(db), params_(std::move(params)) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) return;
    for (size_t i = 0; i < params_.size(); ++i) {
      sqlite3_bind_text(stmt_, static_cast<int>(i + 1), params_[i].data(),
                        static_cast<int>(params_[i].size()), SQLITE_STATIC);
    }
  }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Steps once: true on a row; false when done or on error (see error()).
  bool Next() {
    if (stmt_ == nullptr) {
      error_ = sqlite3_errmsg(db_);
      return false;
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
    return false;
  }
  std::string Text(int column) const {
    const unsigned char* t = sqlite3_column_text(stmt_, column);
    return t ? reinterpret_cast<const char*>(t) : "";
  }
  long long Int(int column) const {
    return sqlite3_column_int64(stmt_, column);
  }
  double Real(int column) const { return sqlite3_column_double(stmt_, column); }
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_;
  std::vector<std::string> params_;  // bound without copying (SQLITE_STATIC)
  sqlite3_stmt* stmt_ = nullptr;
  std::string error_;
};

// The DecisionRow of the current row of `q`, which selected submission,
// path, decision, reason, editor, verdict, rules, routed_at, decided_at,
// first_submitted_at in that order.
DecisionRow DecisionRowOf(const Query& q) {
  DecisionRow row{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4),
                  q.Text(5), {},        q.Text(7), q.Text(8), q.Text(9)};
  const nlohmann::json rules = nlohmann::json::parse(q.Text(6), nullptr, false);
  if (rules.is_array()) {
    for (const nlohmann::json& r : rules) {
      if (r.is_string()) row.rules.push_back(r.get<std::string>());
    }
  }
  return row;
}

std::optional<double> SecondsBetween(const std::string& from,
                                     const std::string& to) {
  const auto a = ParseRfc3339Utc(from);
  const auto b = ParseRfc3339Utc(to);
  if (!a || !b) return std::nullopt;
  return std::chrono::duration<double>(*b - *a).count();
}

struct SubmissionLink {
  std::string supersedes;
  std::string submitted_at;
  std::string area;
};

// FirstSubmittedAt over an in-memory copy of the submissions table.
std::string FirstOf(
    const std::unordered_map<std::string, SubmissionLink>& links,
    const std::string& submission) {
  auto it = links.find(submission);
  if (it == links.end()) return "";
  std::string first = it->second.submitted_at;
  // Bounded by the table's size: a corrupt cycle cannot loop forever.
  for (size_t hops = 0; hops < links.size(); ++hops) {
    auto prev = links.find(it->second.supersedes);
    if (prev == links.end() || prev->second.area == "ready") break;
    it = prev;
    first = std::min(first, it->second.submitted_at);
  }
  return first;
}

std::unordered_map<std::string, SubmissionLink> Links(sqlite3* db) {
  std::unordered_map<std::string, SubmissionLink> links;
  Query q(db,
          "SELECT id, COALESCE(supersedes, ''), submitted_at, area FROM "
          "submissions");
  while (q.Next()) {
    links[q.Text(0)] = {q.Text(1), q.Text(2), q.Text(3)};
  }
  return links;
}

}  // namespace

Expected<std::unique_ptr<DecisionLedger>> DecisionLedger::OpenFile(
    const std::filesystem::path& file) {
  // The daemon's Ledger creates the file; this one only opens it.
  Expected<sqlite3*> db = OpenSqliteFile(file, /*create=*/false,
                                         {"PRAGMA synchronous=FULL", kSchema});
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<DecisionLedger>(new DecisionLedger(*db));
}

DecisionLedger::DecisionLedger(sqlite3* db) : db_(db) {}

DecisionLedger::~DecisionLedger() { sqlite3_close(db_); }

Status DecisionLedger::Record(const DecisionRow& row) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status begun = ExecSql(db_, "BEGIN IMMEDIATE"); !begun) return begun;
  std::string error;
  {
    Query insert(
        db_,
        "INSERT OR IGNORE INTO decisions(submission, path, decision, reason, "
        "editor, verdict, rules, routed_at, decided_at, first_submitted_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        {row.submission, row.path, row.decision, row.reason, row.editor,
         row.verdict, nlohmann::json(row.rules).dump(), row.routed_at,
         row.decided_at, row.first_submitted_at});
    insert.Next();
    error = insert.error();
  }
  if (error.empty()) {
    Query event(
        db_,
        "INSERT OR IGNORE INTO routing_events(submission, path, "
        "from_area, to_area, at) VALUES(?1, ?2, 'review', ?3, ?4)",
        {row.submission, row.path,
         row.decision == "approve" ? "ready" : "returned", row.decided_at});
    event.Next();
    error = event.error();
  }
  if (!error.empty()) {
    (void)ExecSql(db_, "ROLLBACK");
    return Unexpected(std::move(error));
  }
  return ExecSql(db_, "COMMIT");
}

std::string DecisionLedger::FirstSubmittedAt(const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  return FirstOf(Links(db_), submission);
}

std::optional<DecisionRow> DecisionLedger::Decision(
    const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_,
          "SELECT submission, path, decision, reason, editor, verdict, rules, "
          "routed_at, decided_at, first_submitted_at FROM decisions WHERE "
          "submission = ?1",
          {submission});
  if (!q.Next()) return std::nullopt;
  return DecisionRowOf(q);
}

std::vector<DecisionRow> DecisionLedger::RecentDecisions(int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DecisionRow> rows;
  // `limit` is an int, so the text is digits only.
  Query q(db_,
          ("SELECT submission, path, decision, reason, editor, verdict, "
           "rules, routed_at, decided_at, first_submitted_at FROM decisions "
           "ORDER BY decided_at DESC, submission DESC LIMIT " +
           std::to_string(std::max(0, limit)))
              .c_str());
  while (q.Next()) rows.push_back(DecisionRowOf(q));
  return rows;
}

std::string DecisionLedger::PathOf(const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT path FROM submissions WHERE id = ?1", {submission});
  return q.Next() ? q.Text(0) : "";
}

std::vector<SubmissionHistoryRow> DecisionLedger::History(
    const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SubmissionHistoryRow> rows;
  Query q(db_,
          "SELECT s.id, s.submitted_at, s.verdict, s.area, s.sha256, "
          "COALESCE(d.decision, ''), COALESCE(d.editor, ''), "
          "COALESCE(d.reason, '') FROM submissions s LEFT JOIN decisions d "
          "ON d.submission = s.id WHERE s.path = ?1 ORDER BY s.submitted_at "
          "DESC, s.id DESC",
          {path});
  while (q.Next()) {
    rows.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4),
                    q.Text(5), q.Text(6), q.Text(7)});
  }
  return rows;
}

LedgerCounts DecisionLedger::Counts() {
  std::lock_guard<std::mutex> lock(mu_);
  LedgerCounts c;
  {
    Query q(db_,
            "SELECT verdict, area, COUNT(*) FROM submissions GROUP BY "
            "verdict, area");
    while (q.Next()) {
      c.routed[{q.Text(0), q.Text(1)}] = q.Int(2);
      c.submitted += q.Int(2);
    }
  }
  {
    Query q(db_,
            "SELECT decision, rules, routed_at, decided_at, "
            "first_submitted_at FROM decisions");
    while (q.Next()) {
      const std::string decision = q.Text(0);
      ++c.decisions[decision];
      const nlohmann::json rules =
          nlohmann::json::parse(q.Text(1), nullptr, false);
      if (rules.is_array()) {
        for (const nlohmann::json& r : rules) {
          if (r.is_string())
            ++c.decisions_by_rule[{r.get<std::string>(), decision}];
        }
      }
      if (auto s = SecondsBetween(q.Text(2), q.Text(3))) {
        c.handoff_seconds.push_back(*s);
      }
      if (auto s = SecondsBetween(q.Text(4), q.Text(3))) {
        c.cycle_seconds.push_back(*s);
      }
    }
  }
  {
    Query q(db_,
            "SELECT rule, SUM(count) FROM submission_findings GROUP BY rule");
    while (q.Next()) c.findings_by_rule[q.Text(0)] = q.Int(1);
  }
  {
    Query q(db_, "SELECT check_name, seconds FROM check_runs");
    while (q.Next()) c.check_seconds[q.Text(0)].push_back(q.Real(1));
  }
  // Drafts that reached ready/ by their verdict alone.
  const auto links = Links(db_);
  Query q(db_,
          "SELECT id, routed_at FROM submissions WHERE area = 'ready' AND "
          "verdict = 'pass'");
  while (q.Next()) {
    if (auto s = SecondsBetween(FirstOf(links, q.Text(0)), q.Text(1))) {
      c.cycle_seconds.push_back(*s);
    }
  }
  return c;
}

}  // namespace proofgate
