#include "daemon/ledger/sqlite_decision_ledger.h"

#include <sqlite3.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/notify_outbox.h"
#include "daemon/ledger/sqlite_file.h"
#include "daemon/ledger/sqlite_row_writer.h"

namespace proofgate {

using Query = SqliteQuery;

namespace {

// The DecisionRow of the current row of `q`, which selected submission,
// path, decision, reason, editor, verdict, rules, routed_at, decided_at,
// first_submitted_at in that order.
DecisionRow DecisionRowOf(const Query& q) {
  return DecisionRow{q.Text(0),
                     q.Text(1),
                     q.Text(2),
                     q.Text(3),
                     q.Text(4),
                     q.Text(5),
                     DecisionRulesOf(q.Text(6)),
                     q.Text(7),
                     q.Text(8),
                     q.Text(9)};
}

}  // namespace

Expected<std::unique_ptr<SqliteDecisionLedger>> SqliteDecisionLedger::OpenFile(
    const std::filesystem::path& file) {
  // The daemon's Ledger creates the file; this one only opens it.
  Expected<sqlite3*> db = OpenLedgerConnection(file);
  if (!db) return Unexpected(db.error());
  // The queue lists its index on every request: pages read in place (mmap)
  // rather than copied through read(2) into a page cache of 2 MB
  // (bench/queue-index).
  (void)ExecSql(*db, "PRAGMA mmap_size=1073741824");
  return std::unique_ptr<SqliteDecisionLedger>(new SqliteDecisionLedger(*db));
}

SqliteDecisionLedger::SqliteDecisionLedger(sqlite3* db) : db_(db) {}

SqliteDecisionLedger::~SqliteDecisionLedger() { sqlite3_close(db_); }

Status SqliteDecisionLedger::Record(const DecisionRow& row,
                                    const NotifyEvent* event) {
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
  if (error.empty() && sqlite3_changes(db_) > 0) {
    // A replay (the row was there) adds nothing to the totals.
    TotalsDelta delta;
    AddDecisionTotals(row, delta);
    if (Status flushed = delta.Flush(db_); !flushed) error = flushed.error();
  }
  if (error.empty()) {
    Query routing(
        db_,
        "INSERT OR IGNORE INTO routing_events(submission, path, "
        "from_area, to_area, at) VALUES(?1, ?2, 'review', ?3, ?4)",
        {row.submission, row.path,
         row.decision == "approve" ? "ready" : "returned", row.decided_at});
    routing.Next();
    error = routing.error();
  }
  if (error.empty()) {
    Query dequeue(db_, "DELETE FROM review_queue WHERE submission = ?1",
                  {row.submission});
    dequeue.Next();
    error = dequeue.error();
  }
  const std::shared_ptr<const NotifySettings> notify_now = notify();
  const bool notify_event = event != nullptr && !notify_now->webhooks.empty();
  if (error.empty() && notify_event) {
    if (Status queued =
            EnqueueNotifyEvent(db_, *notify_now, *event, row.decided_at);
        !queued) {
      error = queued.error();
    }
  }
  if (!error.empty()) {
    (void)ExecSql(db_, "ROLLBACK");
    return Unexpected(std::move(error));
  }
  Status committed = ExecSql(db_, "COMMIT");
  if (committed && notify_event) NotifyEnqueued();
  return committed;
}

std::string SqliteDecisionLedger::FirstSubmittedAt(
    const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT first_submitted_at FROM submissions WHERE id = ?1",
          {submission});
  return q.Next() ? q.Text(0) : "";
}

std::optional<DecisionRow> SqliteDecisionLedger::Decision(
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

std::vector<DecisionRow> SqliteDecisionLedger::RecentDecisions(int limit) {
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

std::string SqliteDecisionLedger::PathOf(const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  Query q(db_, "SELECT path FROM submissions WHERE id = ?1", {submission});
  return q.Next() ? q.Text(0) : "";
}

std::vector<SubmissionHistoryRow> SqliteDecisionLedger::History(
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

std::optional<OutboxBacklog> SqliteDecisionLedger::Backlog() {
  const std::shared_ptr<const NotifySettings> notify_now = notify();
  if (notify_now->webhooks.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  Expected<OutboxBacklog> backlog =
      ReadOutboxBacklog(db_, TargetsFor(*notify_now, ""));
  if (!backlog) return std::nullopt;
  return *backlog;
}

Expected<QueueListing> SqliteDecisionLedger::QueueItems(
    const QueueFilter& filter, const QueueWindow& window) {
  std::lock_guard<std::mutex> lock(mu_);
  const bool indexed = IndexDecides(filter);
  std::vector<std::string> params;
  const std::string sql =
      QueueListSql(filter, '?', params, indexed ? &window : nullptr);
  Query q(db_, sql.c_str(), std::move(params));
  std::vector<QueueItem> items;
  const auto cell = [&q](int i) { return q.Text(i); };
  while (q.Next()) {
    QueueItem item = QueueItemOfIndex(cell);
    if (Matches(item, filter)) items.push_back(std::move(item));
  }
  if (!q.error().empty()) return Unexpected(q.error());
  if (!indexed) return PageOf(std::move(items), window);
  std::vector<std::string> count_params;
  const std::string count_sql = QueueCountSql(filter, '?', count_params);
  Query count(db_, count_sql.c_str(), std::move(count_params));
  if (!count.Next()) return Unexpected(count.error());
  return QueueListing{std::move(items), static_cast<size_t>(count.Int(0))};
}

std::optional<QueueDraft> SqliteDecisionLedger::QueuedDraft(
    const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string sql = QueueDraftSql('?');
  Query q(db_, sql.c_str(), {id});
  if (!q.Next()) return std::nullopt;
  return QueueDraftOfIndex(QueueItemOfIndex([&q](int i) { return q.Text(i); }),
                           q.Text(kQueueItemColumnCount),
                           q.Bytes(kQueueItemColumnCount + 1));
}

Status SqliteDecisionLedger::SyncQueue(const std::string& node,
                                       const std::vector<QueueIndexRow>& rows) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status begun = ExecSql(db_, "BEGIN IMMEDIATE"); !begun) return begun;
  Status status;
  {
    Query clear(db_, "DELETE FROM review_queue WHERE node = ?1", {node});
    clear.Next();
    if (!clear.error().empty()) status = Unexpected(clear.error());
  }
  for (const QueueIndexRow& row : rows) {
    if (!status) break;
    status = WriteQueueRow(db_, row);
  }
  if (status) status = ExecSql(db_, "COMMIT");
  if (!status) (void)ExecSql(db_, "ROLLBACK");
  return status;
}

LedgerCounts SqliteDecisionLedger::Counts() {
  std::lock_guard<std::mutex> lock(mu_);
  return ReadTotals(db_);
}

}  // namespace proofgate
