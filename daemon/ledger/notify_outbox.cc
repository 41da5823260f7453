#include "daemon/ledger/notify_outbox.h"

#include <sqlite3.h>

#include <algorithm>

#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

Status EnqueueNotifyEvent(sqlite3* db, const NotifySettings& settings,
                          const NotifyEvent& event, const std::string& now) {
  // Invalid UTF-8 (a draft path or a reviewer's reason can hold any
  // bytes) becomes U+FFFD rather than an exception inside the caller's
  // transaction.
  const std::string payload = event.payload.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (const std::string& target : TargetsFor(settings, event.event)) {
    SqliteQuery q(
        db,
        "INSERT OR IGNORE INTO notify_outbox(event_id, target, "
        "event, submission, payload, created_at, next_attempt_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        {event.id, target, event.event, event.submission, payload, now});
    q.Next();
    if (!q.error().empty()) return Unexpected(q.error());
  }
  return {};
}

Expected<OutboxBacklog> ReadOutboxBacklog(
    sqlite3* db, const std::vector<std::string>& targets) {
  OutboxBacklog backlog;
  if (targets.empty()) return backlog;
  std::string in;
  for (size_t i = 0; i < targets.size(); ++i) {
    in += (i ? ", ?" : "?") + std::to_string(i + 1);
  }
  // INDEXED BY: the plan must stay a walk over the undelivered rows.
  const std::string sql =
      "SELECT COUNT(*), COALESCE(MIN(created_at), '') FROM notify_outbox "
      "INDEXED BY notify_outbox_pending WHERE delivered_at IS NULL AND "
      "target IN (" +
      in + ")";
  SqliteQuery q(db, sql.c_str(), targets);
  if (!q.Next()) {
    return Unexpected(q.error().empty() ? "no row" : q.error());
  }
  backlog.pending = q.Int(0);
  backlog.oldest_created_at = q.Text(1);
  return backlog;
}

Expected<std::unique_ptr<NotifyOutbox>> NotifyOutbox::OpenFile(
    const std::filesystem::path& file) {
  // The daemon's Ledger creates the file; this one only opens it.
  Expected<sqlite3*> db = OpenLedgerConnection(file);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<NotifyOutbox>(new NotifyOutbox(*db));
}

NotifyOutbox::NotifyOutbox(sqlite3* db) : db_(db) {}

NotifyOutbox::~NotifyOutbox() { sqlite3_close(db_); }

Status NotifyOutbox::Enqueue(const NotifySettings& settings,
                             const NotifyEvent& event, WallTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status begun = ExecSql(db_, "BEGIN IMMEDIATE"); !begun) return begun;
  Status status = EnqueueNotifyEvent(db_, settings, event, Rfc3339Utc(now));
  if (!status) {
    (void)ExecSql(db_, "ROLLBACK");
    return status;
  }
  return ExecSql(db_, "COMMIT");
}

std::vector<OutboxRow> NotifyOutbox::Due(
    const std::vector<std::string>& targets, WallTime now, int limit) {
  std::vector<OutboxRow> rows;
  if (targets.empty()) return rows;
  std::lock_guard<std::mutex> lock(mu_);
  // ?1 is now, ?2.. the targets; `limit` is an int, so digits only.
  std::string in;
  for (size_t i = 0; i < targets.size(); ++i) {
    in += (i ? ", ?" : "?") + std::to_string(i + 2);
  }
  std::vector<std::string> params{Rfc3339Utc(now)};
  params.insert(params.end(), targets.begin(), targets.end());
  const std::string sql =
      "SELECT seq, event_id, target, event, payload, attempts FROM "
      "notify_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ?1 "
      "AND target IN (" +
      in + ") ORDER BY seq LIMIT " + std::to_string(std::max(0, limit));
  SqliteQuery q(db_, sql.c_str(), std::move(params));
  while (q.Next()) {
    rows.push_back(
        {q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Int(5)});
  }
  return rows;
}

Status NotifyOutbox::MarkDelivered(long long seq, WallTime at) {
  std::lock_guard<std::mutex> lock(mu_);
  SqliteQuery q(db_,
                "UPDATE notify_outbox SET delivered_at = ?2, last_error = "
                "NULL WHERE seq = ?1",
                {std::to_string(seq), Rfc3339Utc(at)});
  q.Next();
  if (!q.error().empty()) return Unexpected(q.error());
  return {};
}

Status NotifyOutbox::MarkFailed(long long seq, long long attempts,
                                WallTime next, const std::string& error) {
  std::lock_guard<std::mutex> lock(mu_);
  SqliteQuery q(
      db_,
      "UPDATE notify_outbox SET attempts = ?2, next_attempt_at = "
      "?3, last_error = ?4 WHERE seq = ?1",
      {std::to_string(seq), std::to_string(attempts), Rfc3339Utc(next), error});
  q.Next();
  if (!q.error().empty()) return Unexpected(q.error());
  return {};
}

long long NotifyOutbox::Pending() {
  std::lock_guard<std::mutex> lock(mu_);
  SqliteQuery q(db_,
                "SELECT COUNT(*) FROM notify_outbox WHERE delivered_at IS "
                "NULL");
  return q.Next() ? q.Int(0) : -1;
}

bool NotifyOutbox::Has(const std::string& event_id) {
  std::lock_guard<std::mutex> lock(mu_);
  SqliteQuery q(db_, "SELECT 1 FROM notify_outbox WHERE event_id = ?1 LIMIT 1",
                {event_id});
  return q.Next();
}

std::vector<WaitingDraft> NotifyOutbox::Waiting() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<WaitingDraft> rows;
  SqliteQuery q(db_,
                "SELECT s.id, s.path, s.routed_at FROM submissions s WHERE "
                "s.area = 'review' AND s.superseded_by IS NULL AND NOT "
                "EXISTS (SELECT 1 FROM decisions d WHERE d.submission = "
                "s.id) ORDER BY s.routed_at");
  while (q.Next()) rows.push_back({q.Text(0), q.Text(1), q.Text(2)});
  return rows;
}

}  // namespace proofgate
