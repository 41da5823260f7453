#include "daemon/ledger/sqlite_submission_queue.h"

#include <sqlite3.h>

#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/sqlite_file.h"
#include "rules/sha256.h"

namespace proofgate {

namespace {

// The cells of `q`'s current row, every column as bytes.
std::vector<std::string> Cells(const SqliteQuery& q, int columns) {
  std::vector<std::string> cells;
  cells.reserve(static_cast<size_t>(columns));
  for (int c = 0; c < columns; ++c) cells.push_back(q.Bytes(c));
  return cells;
}

// Runs `sql` with `params`: true when it returned a row, or SQLite's
// message.
Expected<bool> AnyRow(sqlite3* db, const char* sql,
                      std::vector<std::string> params) {
  SqliteQuery q(db, sql, std::move(params));
  const bool row = q.Next();
  if (!q.error().empty()) return Unexpected(q.error());
  return row;
}

}  // namespace

Expected<std::unique_ptr<SqliteSubmissionQueue>>
SqliteSubmissionQueue::OpenFile(const std::filesystem::path& file) {
  Expected<sqlite3*> db = OpenLedgerFile(file);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<SqliteSubmissionQueue>(new SqliteSubmissionQueue(*db));
}

SqliteSubmissionQueue::SqliteSubmissionQueue(sqlite3* db)
    : db_(db), rows_(std::make_unique<SqliteRowWriter>(db)) {}

SqliteSubmissionQueue::~SqliteSubmissionQueue() {
  rows_.reset();  // finalizes its statements before the connection closes
  sqlite3_close(db_);
}

Expected<std::vector<QueuedSubmission>> SqliteSubmissionQueue::Select(
    const std::string& sql, std::vector<std::string> params) {
  SqliteQuery q(db_, sql.c_str(), std::move(params));
  std::vector<QueuedSubmission> rows;
  while (q.Next())
    rows.push_back(QueuedSubmissionOf(Cells(q, kQueuedColumnCount)));
  if (!q.error().empty()) return Unexpected(q.error());
  return rows;
}

Expected<std::string, EnqueueError> SqliteSubmissionQueue::Enqueue(
    const NewSubmission& s) {
  const std::string sha = Sha256Hex(s.bytes);
  std::lock_guard lock(mu_);
  auto failed = [&](std::string message) {
    (void)ExecSql(db_, "ROLLBACK");
    return Unexpected(EnqueueError{false, std::move(message)});
  };
  if (Status begin = ExecSql(db_, "BEGIN IMMEDIATE"); !begin) {
    return Unexpected(EnqueueError{false, begin.error()});
  }
  if (!s.idempotency_key.empty()) {
    std::vector<std::string> earlier;  // id, path, sha256
    std::string error;
    {
      SqliteQuery q(db_,
                    "SELECT id, path, sha256 FROM http_submissions WHERE "
                    "idempotency_key = ?1",
                    {s.idempotency_key});
      if (q.Next()) earlier = {q.Text(0), q.Text(1), q.Text(2)};
      error = q.error();
    }
    if (!error.empty()) return failed(error);
    if (!earlier.empty()) {
      (void)ExecSql(db_, "ROLLBACK");
      return SameKey(earlier, s.path, sha);
    }
  }
  SqliteQuery insert(
      db_,
      "INSERT INTO http_submissions(id, path, author, sha256, size, bytes, "
      "idempotency_key, status, submitted_at) VALUES(?1, ?2, ?3, ?4, "
      "CAST(?5 AS INTEGER), CAST(?6 AS BLOB), NULLIF(?7, ''), 'pending', ?8)",
      {s.id, s.path, s.author, sha, std::to_string(s.bytes.size()), s.bytes,
       s.idempotency_key, Rfc3339Utc(s.submitted)});
  insert.Next();
  if (!insert.error().empty()) return failed(insert.error());
  if (Status commit = ExecSql(db_, "COMMIT"); !commit) {
    return failed(commit.error());
  }
  return s.id;
}

Expected<std::optional<QueuedSubmission>> SqliteSubmissionQueue::Claim(
    const std::string& node, std::chrono::milliseconds lease, WallTime now) {
  std::lock_guard lock(mu_);
  // One statement: atomic under SQLite's write lock.
  Expected<std::vector<QueuedSubmission>> rows = Select(
      "UPDATE http_submissions SET status = 'checking', node = ?1, "
      "lease_token = lease_token + 1, attempts = attempts + 1, "
      "lease_expires_at = ?2 WHERE id = "
      "(SELECT id FROM http_submissions WHERE status = 'pending' OR "
      "(status = 'checking' AND lease_expires_at < ?3) ORDER BY "
      "submitted_at, id LIMIT 1) RETURNING " +
          QueuedColumns("bytes"),
      {node, LeaseEnd(now, lease), Rfc3339Utc(now)});
  if (!rows) return Unexpected(rows.error());
  if (rows->empty()) return std::optional<QueuedSubmission>();
  return std::optional<QueuedSubmission>(std::move(rows->front()));
}

Expected<bool> SqliteSubmissionQueue::Heartbeat(const std::string& id,
                                                long long token,
                                                std::chrono::milliseconds lease,
                                                WallTime now) {
  std::lock_guard lock(mu_);
  return AnyRow(db_,
                "UPDATE http_submissions SET lease_expires_at = ?3 WHERE id = "
                "?1 AND lease_token = CAST(?2 AS INTEGER) AND status = "
                "'checking' RETURNING id",
                {id, std::to_string(token), LeaseEnd(now, lease)});
}

Expected<bool> SqliteSubmissionQueue::CompleteLocked(
    const std::string& id, long long token, const nlohmann::json& record,
    WallTime now) {
  const RoutedFields f = RoutedFieldsOf(record, now);
  Expected<bool> held = AnyRow(
      db_,
      "UPDATE http_submissions SET status = 'routed', routed_at = ?3, "
      "area = ?4, verdict = ?5, record = ?6 WHERE id = ?1 AND lease_token = "
      "CAST(?2 AS INTEGER) AND status = 'checking' RETURNING id",
      {id, std::to_string(token), f.routed_at, f.area, f.verdict, f.record});
  if (!held || !*held) return held;
  // The claiming node and the bytes, for the submissions row and, when the
  // draft goes to review/, the queue index row.
  SqliteQuery claimed(
      db_, "SELECT node, bytes FROM http_submissions WHERE id = ?1", {id});
  if (!claimed.Next()) {
    return Unexpected(claimed.error().empty() ? "submission " + id + " vanished"
                                              : claimed.error());
  }
  if (Status s = rows_->Write(record, claimed.Bytes(1), claimed.Text(0),
                              NotifySettings(), totals_);
      !s) {
    return Unexpected(s.error());
  }
  if (Status s = totals_.Flush(db_); !s) return Unexpected(s.error());
  return true;
}

Expected<bool> SqliteSubmissionQueue::Complete(const std::string& id,
                                               long long token,
                                               const nlohmann::json& record,
                                               WallTime now) {
  std::lock_guard lock(mu_);
  if (Status begin = ExecSql(db_, "BEGIN IMMEDIATE"); !begin) {
    return Unexpected(begin.error());
  }
  Expected<bool> done = Unexpected(std::string("cannot route the submission"));
  try {
    done = CompleteLocked(id, token, record, now);
  } catch (const std::exception& e) {
    // Never leave the transaction open: it would hold the write lock.
    done = Unexpected(std::string("cannot route the submission: ") + e.what());
  }
  if (done && *done) {
    if (Status commit = ExecSql(db_, "COMMIT"); !commit) {
      done = Unexpected(commit.error());
    }
  }
  if (!done || !*done) {
    (void)ExecSql(db_, "ROLLBACK");
    totals_ = TotalsDelta();
  }
  return done;
}

Expected<std::optional<QueuedSubmission>> SqliteSubmissionQueue::Get(
    const std::string& id) {
  std::lock_guard lock(mu_);
  Expected<std::vector<QueuedSubmission>> rows =
      Select("SELECT " + QueuedColumns("bytes") +
                 " FROM http_submissions WHERE id = ?1",
             {id});
  if (!rows) return Unexpected(rows.error());
  if (rows->empty()) return std::optional<QueuedSubmission>();
  return std::optional<QueuedSubmission>(std::move(rows->front()));
}

Expected<std::vector<QueuedSubmission>> SqliteSubmissionQueue::Undelivered(
    const std::string& node, int limit) {
  std::lock_guard lock(mu_);
  return Select("SELECT " + QueuedColumns("bytes") +
                    " FROM http_submissions WHERE status = 'routed' AND "
                    "node = ?1 AND delivered_at IS NULL ORDER BY routed_at, "
                    "id LIMIT CAST(?2 AS INTEGER)",
                {node, std::to_string(limit)});
}

Status SqliteSubmissionQueue::MarkDelivered(const std::string& id,
                                            WallTime now) {
  std::lock_guard lock(mu_);
  Expected<bool> done =
      AnyRow(db_,
             "UPDATE http_submissions SET delivered_at = ?2 WHERE id = ?1 "
             "AND delivered_at IS NULL RETURNING id",
             {id, Rfc3339Utc(now)});
  if (!done) return Unexpected(done.error());
  return {};
}

}  // namespace proofgate
