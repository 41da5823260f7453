#include "daemon/ledger/sqlite_row_writer.h"

#include <sqlite3.h>

#include <string>
#include <variant>

#include "daemon/ledger/notify_outbox.h"

namespace proofgate {

namespace {

// Binds `v` to parameter `i` of `stmt`.
void BindValue(sqlite3_stmt* stmt, int i, const LedgerValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    sqlite3_bind_text(stmt, i, s->data(), static_cast<int>(s->size()),
                      SQLITE_TRANSIENT);
  } else if (const auto* n = std::get_if<long long>(&v)) {
    sqlite3_bind_int64(stmt, i, *n);
  } else if (const auto* d = std::get_if<double>(&v)) {
    sqlite3_bind_double(stmt, i, *d);
  } else {
    sqlite3_bind_null(stmt, i);
  }
}

// Steps `stmt` once and resets it: success or SQLite's message.
Status StepOnce(sqlite3* db, sqlite3_stmt* stmt) {
  const int rc = sqlite3_step(stmt);
  Status status;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    status = Unexpected(std::string(sqlite3_errmsg(db)));
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return status;
}

// Prepares `sql` on `db`, binds `values` to ?1.. and then `bytes` as a
// BLOB when given, steps once: success or SQLite's message.
Status RunOnce(sqlite3* db, const std::string& sql,
               const std::vector<LedgerValue>& values,
               const std::string_view* bytes) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Unexpected(std::string(sqlite3_errmsg(db)));
  }
  int i = 1;
  for (const LedgerValue& v : values) BindValue(stmt, i++, v);
  // An empty draft is an empty BLOB, never NULL (which a null pointer
  // would bind).
  if (bytes != nullptr) {
    sqlite3_bind_blob64(stmt, i, bytes->empty() ? "" : bytes->data(),
                        bytes->size(), SQLITE_TRANSIENT);
  }
  const Status status = StepOnce(db, stmt);
  sqlite3_finalize(stmt);
  return status;
}

}  // namespace

Status WriteQueueRow(sqlite3* db, const QueueIndexRow& row) {
  // A late replay of a submission decided or superseded meanwhile adds no
  // row: it is not waiting any more.
  const std::string sql =
      std::string("INSERT OR IGNORE INTO review_queue(") + kQueueItemColumns +
      ") SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
      "?15, ?16, ?17 WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE "
      "submission = ?1) AND NOT EXISTS (SELECT 1 FROM submissions WHERE id = "
      "?1 AND superseded_by IS NOT NULL)";
  if (Status s = RunOnce(db, sql, QueueIndexValues(row), nullptr); !s) {
    return s;
  }
  if (sqlite3_changes(db) == 0) return {};  // there already, or not waiting
  return RunOnce(db,
                 "INSERT OR REPLACE INTO review_queue_drafts(submission, "
                 "record, draft) VALUES(?1, ?2, ?3)",
                 {row.item.id, row.record}, &row.bytes);
}

SqliteRowWriter::~SqliteRowWriter() {
  for (const auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
}

sqlite3_stmt* SqliteRowWriter::Prepared(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return nullptr;
  }
  statements_.emplace(sql, stmt);
  return stmt;
}

Status SqliteRowWriter::Run(const char* sql,
                            std::initializer_list<LedgerValue> values) {
  sqlite3_stmt* stmt = Prepared(sql);
  if (stmt == nullptr) return Unexpected(std::string(sqlite3_errmsg(db_)));
  int i = 1;
  for (const LedgerValue& v : values) BindValue(stmt, i++, v);
  return StepOnce(db_, stmt);
}

Status SqliteRowWriter::Write(const nlohmann::json& record,
                              std::string_view bytes, const std::string& node,
                              const NotifySettings& notify,
                              TotalsDelta& totals) {
  const SubmissionRows r = SubmissionRowsOf(record, bytes, node);
  Status status;
  auto step = [&](const char* sql, std::initializer_list<LedgerValue> values) {
    if (status) status = Run(sql, values);
  };
  const LedgerValue first = FirstSubmittedAt(r, Earlier(r));
  step(
      "INSERT OR IGNORE INTO submissions(id, path, sha256, size, rulebook, "
      "rulebook_version, rulebook_sha256, verdict, area, submitted_at, "
      "verified_at, routed_at, supersedes, first_submitted_at, node) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
      "?15)",
      {r.id, r.path, r.sha256, r.size, r.rulebook, r.rulebook_version,
       r.rulebook_sha256, r.verdict, r.area, r.submitted_at, r.verified_at,
       r.routed_at, r.old_id, first, r.node});
  // A replay (the row was there) adds nothing to the totals.
  const bool fresh = status && sqlite3_changes(db_) > 0;
  step(
      "INSERT OR IGNORE INTO routing_events(submission, path, from_area, "
      "to_area, at) VALUES(?1, ?2, NULL, ?3, ?4)",
      {r.id, r.path, r.area, r.routed_at});
  // Findings per rule and each check's time, for /metrics.
  for (const auto& [name, seconds] : r.check_seconds) {
    step(
        "INSERT OR IGNORE INTO check_runs(submission, check_name, seconds) "
        "VALUES(?1, ?2, ?3)",
        {r.id, name, seconds});
  }
  for (const auto& [rule, n] : r.findings_by_rule) {
    step(
        "INSERT OR IGNORE INTO submission_findings(submission, rule, count, "
        "holding) VALUES(?1, ?2, ?3, ?4)",
        {r.id, rule, n, HoldingOf(r, rule)});
  }
  for (const std::string& reviewer : r.reviewers) {
    step(
        "INSERT OR IGNORE INTO submission_reviewers(submission, reviewer) "
        "VALUES(?1, ?2)",
        {r.id, reviewer});
  }
  if (r.Supersedes()) {
    // An HTTP submission's row is written when it is routed, before its
    // delivery finds what it supersedes.
    step(
        "UPDATE submissions SET supersedes = ?2 WHERE id = ?1 AND "
        "supersedes IS NULL",
        {r.id, r.old_id});
    step("UPDATE submissions SET superseded_by = ?2 WHERE id = ?1",
         {r.old_id, r.id});
    step(
        "INSERT OR IGNORE INTO routing_events(submission, path, from_area, "
        "to_area, at) VALUES(?1, ?2, ?3, 'history', ?4)",
        {r.old_id, r.path, r.old_area, r.routed_at});
    step("DELETE FROM review_queue WHERE submission = ?1", {r.old_id});
  }
  if (status && r.queued) status = WriteQueueRow(db_, *r.queued);
  if (status && !notify.webhooks.empty()) {
    if (const std::optional<NotifyEvent> event = RoutingEventOf(record)) {
      status = EnqueueNotifyEvent(db_, notify, *event,
                                  event->payload.value("at", ""));
    }
  }
  if (status && fresh) AddSubmissionTotals(r, first, totals);
  return status;
}

std::optional<EarlierSubmission> SqliteRowWriter::Earlier(
    const SubmissionRows& rows) {
  if (!rows.Supersedes()) return std::nullopt;
  sqlite3_stmt* stmt = Prepared(
      "SELECT area, COALESCE(first_submitted_at, submitted_at) FROM "
      "submissions WHERE id = ?1");
  if (stmt == nullptr) return std::nullopt;
  const std::string& id = std::get<std::string>(rows.old_id);
  sqlite3_bind_text(stmt, 1, id.data(), static_cast<int>(id.size()),
                    SQLITE_TRANSIENT);
  std::optional<EarlierSubmission> earlier;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* area = sqlite3_column_text(stmt, 0);
    const auto* at = sqlite3_column_text(stmt, 1);
    if (area != nullptr && at != nullptr) {
      earlier = EarlierSubmission{reinterpret_cast<const char*>(area),
                                  reinterpret_cast<const char*>(at)};
    }
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return earlier;
}

}  // namespace proofgate
