#include "daemon/ledger/pg_submission_queue.h"

#include "daemon/ledger/pg_row_writer.h"
#include "daemon/ledger/pg_schema.h"
#include "rules/sha256.h"

namespace proofgate {

namespace {

// The columns (bytes as bytea: PgResult::Bytes reads them).
const std::string& Columns() {
  static const std::string columns = QueuedColumns("bytes");
  return columns;
}

}  // namespace

Expected<std::unique_ptr<PgSubmissionQueue>> PgSubmissionQueue::Open(
    const std::string& uri, const std::string& password) {
  Expected<std::unique_ptr<PgConnection>> conn =
      OpenPgLedgerConnection(uri, password);
  if (!conn) return Unexpected(conn.error());
  return std::unique_ptr<PgSubmissionQueue>(
      new PgSubmissionQueue(std::move(*conn)));
}

Expected<std::vector<QueuedSubmission>> PgSubmissionQueue::Select(
    const std::string& sql, const PgParams& params) {
  Expected<PgResult> r = conn_->Exec(sql, params);
  if (!r) return Unexpected(r.error());
  std::vector<QueuedSubmission> rows;
  for (int row = 0; row < r->rows(); ++row) {
    std::vector<std::string> cells;
    for (int c = 0; c < kQueuedColumnCount; ++c)
      cells.push_back(r->Text(row, c));
    cells[5] = r->Bytes(row, 5);
    rows.push_back(QueuedSubmissionOf(cells));
  }
  return rows;
}

Expected<std::string, EnqueueError> PgSubmissionQueue::Enqueue(
    const NewSubmission& s) {
  const std::string sha = Sha256Hex(s.bytes);
  std::lock_guard lock(mu_);
  std::optional<std::string> bytea = conn_->ByteaText(s.bytes);
  if (!bytea) {
    return Unexpected(EnqueueError{
        false, "cannot reach the PostgreSQL server (or out of memory)"});
  }
  // ON CONFLICT: two nodes receiving the same key at once store it once.
  Expected<PgResult> inserted = conn_->Exec(
      "INSERT INTO http_submissions(id, path, author, sha256, size, bytes, "
      "idempotency_key, status, submitted_at) VALUES($1, $2, $3, $4, $5, "
      "$6::bytea, NULLIF($7, ''), 'pending', $8) ON CONFLICT "
      "(idempotency_key) DO NOTHING RETURNING id",
      {s.id, s.path, s.author, sha, std::to_string(s.bytes.size()), *bytea,
       s.idempotency_key, Rfc3339Utc(s.submitted)});
  if (!inserted) return Unexpected(EnqueueError{false, inserted.error()});
  if (inserted->rows() > 0) return s.id;
  Expected<PgResult> earlier = conn_->Exec(
      "SELECT id, path, sha256 FROM http_submissions WHERE idempotency_key "
      "= $1",
      {s.idempotency_key});
  if (!earlier) return Unexpected(EnqueueError{false, earlier.error()});
  if (earlier->rows() == 0) {
    return Unexpected(EnqueueError{false, "the submission was not stored"});
  }
  return SameKey(
      {earlier->Text(0, 0), earlier->Text(0, 1), earlier->Text(0, 2)}, s.path,
      sha);
}

Expected<std::optional<QueuedSubmission>> PgSubmissionQueue::Claim(
    const std::string& node, std::chrono::milliseconds lease, WallTime now) {
  std::lock_guard lock(mu_);
  Expected<std::vector<QueuedSubmission>> rows = Select(
      "UPDATE http_submissions SET status = 'checking', node = $1, "
      "lease_token = lease_token + 1, attempts = attempts + 1, "
      "lease_expires_at = $2 WHERE id = "
      "(SELECT id FROM http_submissions WHERE status = 'pending' OR "
      "(status = 'checking' AND lease_expires_at < $3) ORDER BY "
      "submitted_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " +
          Columns(),
      {node, LeaseEnd(now, lease), Rfc3339Utc(now)});
  if (!rows) return Unexpected(rows.error());
  if (rows->empty()) return std::optional<QueuedSubmission>();
  return std::optional<QueuedSubmission>(std::move(rows->front()));
}

Expected<bool> PgSubmissionQueue::Heartbeat(const std::string& id,
                                            long long token,
                                            std::chrono::milliseconds lease,
                                            WallTime now) {
  std::lock_guard lock(mu_);
  Expected<PgResult> r = conn_->Exec(
      "UPDATE http_submissions SET lease_expires_at = $3 WHERE id = $1 AND "
      "lease_token = $2 AND status = 'checking'",
      {id, std::to_string(token), LeaseEnd(now, lease)});
  if (!r) return Unexpected(r.error());
  return r->Affected() > 0;
}

Expected<bool> PgSubmissionQueue::CompleteLocked(const std::string& id,
                                                 long long token,
                                                 const nlohmann::json& record,
                                                 WallTime now) {
  const RoutedFields f = RoutedFieldsOf(record, now);
  // The row lock taken here holds off a concurrent claim of the row until
  // COMMIT; a claim that bumped the token first makes this match nothing.
  Expected<PgResult> held = conn_->Exec(
      "UPDATE http_submissions SET status = 'routed', routed_at = $3, area "
      "= $4, verdict = $5, record = $6 WHERE id = $1 AND lease_token = $2 "
      "AND status = 'checking' RETURNING COALESCE(node, ''), bytes",
      {id, std::to_string(token), f.routed_at, f.area, f.verdict, f.record});
  if (!held) return Unexpected(held.error());
  if (held->rows() == 0) return false;
  // The claiming node and the bytes, for the submissions row and, when the
  // draft goes to review/, the queue index row. No webhook event yet: the
  // delivery into the spool records the rows again (Ledger::Record, a
  // replay) and writes it then, as for SQLite.
  if (Status s = WritePgRows(*conn_, record, held->Bytes(0, 1),
                             held->Text(0, 0), NotifySettings(), totals_);
      !s) {
    return Unexpected(s.error());
  }
  if (Status s = FlushPgTotals(*conn_, totals_); !s) {
    return Unexpected(s.error());
  }
  return true;
}

Expected<bool> PgSubmissionQueue::Complete(const std::string& id,
                                           long long token,
                                           const nlohmann::json& record,
                                           WallTime now) {
  std::lock_guard lock(mu_);
  if (Status begin = conn_->Run("BEGIN"); !begin) {
    return Unexpected(begin.error());
  }
  Expected<bool> done = false;
  try {
    done = CompleteLocked(id, token, record, now);
  } catch (const std::exception& e) {
    // Never leave the transaction open on this connection.
    done =
        Unexpected(std::string("cannot complete the submission: ") + e.what());
  }
  if (done && *done) {
    if (Status commit = conn_->Run("COMMIT"); !commit) {
      done = Unexpected(commit.error());
    }
  }
  if (!done || !*done) {
    (void)conn_->Run("ROLLBACK");
    totals_ = TotalsDelta();
  }
  return done;
}

Expected<std::optional<QueuedSubmission>> PgSubmissionQueue::Get(
    const std::string& id) {
  std::lock_guard lock(mu_);
  Expected<std::vector<QueuedSubmission>> rows = Select(
      "SELECT " + Columns() + " FROM http_submissions WHERE id = $1", {id});
  if (!rows) return Unexpected(rows.error());
  if (rows->empty()) return std::optional<QueuedSubmission>();
  return std::optional<QueuedSubmission>(std::move(rows->front()));
}

Expected<std::vector<QueuedSubmission>> PgSubmissionQueue::Undelivered(
    const std::string& node, int limit) {
  std::lock_guard lock(mu_);
  return Select("SELECT " + Columns() +
                    " FROM http_submissions WHERE status = 'routed' AND "
                    "node = $1 AND delivered_at IS NULL ORDER BY routed_at, "
                    "id LIMIT $2",
                {node, std::to_string(limit)});
}

Status PgSubmissionQueue::MarkDelivered(const std::string& id, WallTime now) {
  std::lock_guard lock(mu_);
  return conn_->Run(
      "UPDATE http_submissions SET delivered_at = $2 WHERE id = $1 AND "
      "delivered_at IS NULL",
      {id, Rfc3339Utc(now)});
}

}  // namespace proofgate
