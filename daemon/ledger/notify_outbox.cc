#include "daemon/ledger/notify_outbox.h"

#include <sqlite3.h>

#include <algorithm>

#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/ledger_reader.h"
#include "daemon/ledger/pg_connection.h"
#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

namespace {

// Both backends' SQL, parameters ?1.. (PgDollarParams for PostgreSQL).
constexpr const char* kEnqueueSql =
    "INSERT INTO notify_outbox(event_id, target, event, submission, "
    "payload, created_at, next_attempt_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, "
    "?6) ON CONFLICT DO NOTHING";

// The parameters of kEnqueueSql for each webhook of `settings` subscribed
// to `event`.
std::vector<std::vector<std::string>> EnqueueParams(
    const NotifySettings& settings, const NotifyEvent& event,
    const std::string& now) {
  // Invalid UTF-8 (a draft path or a reviewer's reason can hold any
  // bytes) becomes U+FFFD rather than an exception inside the caller's
  // transaction.
  const std::string payload = event.payload.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::vector<std::vector<std::string>> rows;
  for (const std::string& target : TargetsFor(settings, event.event)) {
    rows.push_back(
        {event.id, target, event.event, event.submission, payload, now});
  }
  return rows;
}

// "?F, ?F+1, ..." for `n` parameters from number `first`.
std::string ParamList(size_t n, size_t first) {
  std::string in;
  for (size_t i = 0; i < n; ++i) {
    in += (i ? ", ?" : "?") + std::to_string(first + i);
  }
  return in;
}

// The backlog's query over `n` targets (?1..?n). SQLite: INDEXED BY, the
// plan must stay a walk over the undelivered rows; PostgreSQL picks the
// partial index by itself.
std::string BacklogSql(size_t n, bool postgres) {
  return std::string(
             "SELECT COUNT(*), COALESCE(MIN(created_at), '') FROM "
             "notify_outbox ") +
         (postgres ? "" : "INDEXED BY notify_outbox_pending ") +
         "WHERE delivered_at IS NULL AND target IN (" + ParamList(n, 1) + ")";
}

// Claims of the rows of target ?3 due at ?1 until ?2, `limit` at most.
std::string ClaimSql(int limit, bool postgres) {
  return std::string(
             "UPDATE notify_outbox SET next_attempt_at = ?2 WHERE seq IN "
             "(SELECT seq FROM notify_outbox WHERE delivered_at IS NULL AND "
             "next_attempt_at <= ?1 AND target = ?3 ORDER BY seq LIMIT ") +
         std::to_string(std::max(0, limit)) +
         (postgres ? " FOR UPDATE SKIP LOCKED" : "") +
         ") RETURNING seq, event_id, target, event, payload, attempts";
}

OutboxRow OutboxRowOf(const LedgerCursor& c, std::string lease_until) {
  return {c.Int(0),
          c.Text(1),
          c.Text(2),
          c.Text(3),
          c.Text(4),
          c.Int(5),
          std::move(lease_until)};
}

}  // namespace

Status EnqueueNotifyEvent(sqlite3* db, const NotifySettings& settings,
                          const NotifyEvent& event, const std::string& now) {
  for (std::vector<std::string>& params : EnqueueParams(settings, event, now)) {
    SqliteQuery q(db, kEnqueueSql, std::move(params));
    q.Next();
    if (!q.error().empty()) return Unexpected(q.error());
  }
  return {};
}

Status EnqueuePgNotifyEvent(PgConnection& conn, const NotifySettings& settings,
                            const NotifyEvent& event, const std::string& now) {
  static const std::string sql = PgDollarParams(kEnqueueSql);
  for (const std::vector<std::string>& params :
       EnqueueParams(settings, event, now)) {
    if (Status s = conn.Run(sql, PgParams(params.begin(), params.end())); !s) {
      return s;
    }
  }
  return {};
}

Expected<OutboxBacklog> ReadOutboxBacklog(
    sqlite3* db, const std::vector<std::string>& targets) {
  OutboxBacklog backlog;
  if (targets.empty()) return backlog;
  const std::string sql = BacklogSql(targets.size(), false);
  SqliteQuery q(db, sql.c_str(), targets);
  if (!q.Next()) {
    return Unexpected(q.error().empty() ? "no row" : q.error());
  }
  backlog.pending = q.Int(0);
  backlog.oldest_created_at = q.Text(1);
  return backlog;
}

Expected<OutboxBacklog> ReadPgOutboxBacklog(
    PgConnection& conn, const std::vector<std::string>& targets) {
  OutboxBacklog backlog;
  if (targets.empty()) return backlog;
  Expected<PgResult> r =
      conn.Exec(PgDollarParams(BacklogSql(targets.size(), true)),
                PgParams(targets.begin(), targets.end()), /*all_text=*/true);
  if (!r) return Unexpected(r.error());
  if (r->rows() == 0) return Unexpected(std::string("no row"));
  backlog.pending = r->Int(0, 0);
  backlog.oldest_created_at = r->Text(0, 1);
  return backlog;
}

Expected<std::unique_ptr<NotifyOutbox>> NotifyOutbox::Open(
    const LedgerLocation& where) {
  Expected<std::unique_ptr<LedgerReader>> db = OpenLedgerWriter(where);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<NotifyOutbox>(new NotifyOutbox(std::move(*db)));
}

Expected<std::unique_ptr<NotifyOutbox>> NotifyOutbox::OpenFile(
    const std::filesystem::path& file) {
  return Open(LedgerLocation{file, {}, {}});
}

NotifyOutbox::NotifyOutbox(std::unique_ptr<LedgerReader> db)
    : db_(std::move(db)) {}

NotifyOutbox::~NotifyOutbox() = default;

Status NotifyOutbox::Run(const char* sql,
                         const std::vector<std::string>& params) {
  std::unique_ptr<LedgerCursor> q = db_->Query(sql, params);
  q->Next();
  if (!q->error().empty()) return Unexpected(q->error());
  return {};
}

Status NotifyOutbox::Enqueue(const NotifySettings& settings,
                             const NotifyEvent& event, WallTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status begun = db_->Begin(); !begun) {
    // A BEGIN refused on a PostgreSQL connection that lost a transaction
    // counts as lost until a ROLLBACK.
    db_->Rollback();
    return begun;
  }
  for (const std::vector<std::string>& params :
       EnqueueParams(settings, event, Rfc3339Utc(now))) {
    if (Status s = Run(kEnqueueSql, params); !s) {
      db_->Rollback();
      return s;
    }
  }
  return db_->End();
}

std::vector<OutboxRow> NotifyOutbox::Due(
    const std::vector<std::string>& targets, WallTime now, int limit) {
  std::vector<OutboxRow> rows;
  if (targets.empty()) return rows;
  std::lock_guard<std::mutex> lock(mu_);
  // ?1 is now, ?2.. the targets; `limit` is an int, so digits only.
  std::vector<std::string> params{Rfc3339Utc(now)};
  params.insert(params.end(), targets.begin(), targets.end());
  const std::string sql =
      "SELECT seq, event_id, target, event, payload, attempts FROM "
      "notify_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ?1 "
      "AND target IN (" +
      ParamList(targets.size(), 2) + ") ORDER BY seq LIMIT " +
      std::to_string(std::max(0, limit));
  std::unique_ptr<LedgerCursor> q = db_->Query(sql.c_str(), params);
  while (q->Next()) rows.push_back(OutboxRowOf(*q, ""));
  return rows;
}

std::vector<OutboxRow> NotifyOutbox::Claim(const std::string& target,
                                           WallTime now, WallTime lease_until,
                                           int limit, std::string* error) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string until = Rfc3339Utc(lease_until);
  const std::string sql = ClaimSql(limit, db_->postgres());
  std::unique_ptr<LedgerCursor> q =
      db_->Query(sql.c_str(), {Rfc3339Utc(now), until, target});
  std::vector<OutboxRow> rows;
  while (q->Next()) rows.push_back(OutboxRowOf(*q, until));
  if (!q->error().empty() && error != nullptr) *error = q->error();
  // RETURNING keeps no order: outbox order, as the header promises.
  std::sort(
      rows.begin(), rows.end(),
      [](const OutboxRow& a, const OutboxRow& b) { return a.seq < b.seq; });
  return rows;
}

Status NotifyOutbox::MarkDelivered(long long seq, WallTime at) {
  std::lock_guard<std::mutex> lock(mu_);
  return Run(
      "UPDATE notify_outbox SET delivered_at = ?2, last_error = NULL WHERE "
      "seq = CAST(?1 AS BIGINT) AND delivered_at IS NULL",
      {std::to_string(seq), Rfc3339Utc(at)});
}

Status NotifyOutbox::MarkFailed(const OutboxRow& row, long long attempts,
                                WallTime next, const std::string& error) {
  std::lock_guard<std::mutex> lock(mu_);
  return Run(
      "UPDATE notify_outbox SET attempts = CAST(?2 AS INTEGER), "
      "next_attempt_at = ?3, last_error = ?4 WHERE seq = CAST(?1 AS BIGINT) "
      "AND delivered_at IS NULL AND (?5 = '' OR next_attempt_at = ?5)",
      {std::to_string(row.seq), std::to_string(attempts), Rfc3339Utc(next),
       error, row.lease_until});
}

long long NotifyOutbox::Pending() {
  std::lock_guard<std::mutex> lock(mu_);
  std::unique_ptr<LedgerCursor> q = db_->Query(
      "SELECT COUNT(*) FROM notify_outbox WHERE delivered_at IS NULL", {});
  return q->Next() ? q->Int(0) : -1;
}

bool NotifyOutbox::Has(const std::string& event_id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::unique_ptr<LedgerCursor> q = db_->Query(
      "SELECT 1 FROM notify_outbox WHERE event_id = ?1 LIMIT 1", {event_id});
  return q->Next();
}

std::vector<WaitingDraft> NotifyOutbox::Waiting() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<WaitingDraft> rows;
  std::unique_ptr<LedgerCursor> q = db_->Query(
      "SELECT s.id, s.path, s.routed_at FROM submissions s WHERE "
      "s.area = 'review' AND s.superseded_by IS NULL AND NOT "
      "EXISTS (SELECT 1 FROM decisions d WHERE d.submission = "
      "s.id) ORDER BY s.routed_at",
      {});
  while (q->Next()) rows.push_back({q->Text(0), q->Text(1), q->Text(2)});
  return rows;
}

}  // namespace proofgate
