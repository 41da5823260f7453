#include "daemon/ledger/pg_decision_ledger.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "daemon/ledger/pg_row_writer.h"
#include "daemon/ledger/pg_schema.h"

namespace proofgate {

namespace {

// The columns DecisionRowAt() reads, in its order.
constexpr const char* kDecisionColumns =
    "SELECT submission, path, decision, reason, editor, verdict, rules, "
    "routed_at, decided_at, first_submitted_at FROM decisions ";

DecisionRow DecisionRowAt(const PgResult& r, int i) {
  return DecisionRow{r.Text(i, 0),
                     r.Text(i, 1),
                     r.Text(i, 2),
                     r.Text(i, 3),
                     r.Text(i, 4),
                     r.Text(i, 5),
                     DecisionRulesOf(r.Text(i, 6)),
                     r.Text(i, 7),
                     r.Text(i, 8),
                     r.Text(i, 9)};
}

}  // namespace

Expected<std::unique_ptr<PgDecisionLedger>> PgDecisionLedger::Open(
    const std::string& uri, const std::string& password) {
  Expected<std::unique_ptr<PgConnection>> conn =
      OpenPgLedgerConnection(uri, password);
  if (!conn) return Unexpected(conn.error());
  return std::unique_ptr<PgDecisionLedger>(
      new PgDecisionLedger(std::move(*conn)));
}

Status PgDecisionLedger::WriteDecision(const DecisionRow& row) {
  Expected<PgResult> inserted = conn_->Exec(
      "INSERT INTO decisions(submission, path, decision, reason, editor, "
      "verdict, rules, routed_at, decided_at, first_submitted_at) "
      "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "ON CONFLICT DO NOTHING",
      {row.submission, row.path, row.decision, row.reason, row.editor,
       row.verdict, nlohmann::json(row.rules).dump(), row.routed_at,
       row.decided_at, row.first_submitted_at});
  if (!inserted) return Unexpected(inserted.error());
  if (Status s = conn_->Run("DELETE FROM review_queue WHERE submission = $1",
                            {row.submission});
      !s) {
    return s;
  }
  if (inserted->Affected() > 0) {
    // A replay (the row was there) adds nothing to the totals.
    TotalsDelta delta;
    AddDecisionTotals(row, delta);
    if (Status s = FlushPgTotals(*conn_, delta); !s) return s;
  }
  return conn_->Run(
      "INSERT INTO routing_events(submission, path, from_area, to_area, at) "
      "VALUES($1, $2, 'review', $3, $4) ON CONFLICT DO NOTHING",
      {row.submission, row.path,
       std::string(row.decision == "approve" ? "ready" : "returned"),
       row.decided_at});
}

Status PgDecisionLedger::Record(const DecisionRow& row,
                                const NotifyEvent* event) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status begun = conn_->Run("BEGIN"); !begun) return begun;
  Status status = WriteDecision(row);
  const std::shared_ptr<const NotifySettings> notify_now = notify();
  const bool notify_event = event != nullptr && !notify_now->webhooks.empty();
  if (status && notify_event) {
    status = EnqueuePgNotifyEvent(*conn_, *notify_now, *event, row.decided_at);
  }
  if (status) status = conn_->Run("COMMIT");
  if (!status) {
    (void)conn_->Run("ROLLBACK");
    return status;
  }
  if (notify_event) NotifyEnqueued();
  return status;
}

std::optional<OutboxBacklog> PgDecisionLedger::Backlog() {
  const std::shared_ptr<const NotifySettings> notify_now = notify();
  if (notify_now->webhooks.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  Expected<OutboxBacklog> backlog =
      ReadPgOutboxBacklog(*conn_, TargetsFor(*notify_now, ""));
  if (!backlog) return std::nullopt;
  return *backlog;
}

std::string PgDecisionLedger::TextOf(const char* sql, const PgParams& params) {
  std::lock_guard<std::mutex> lock(mu_);
  Expected<PgResult> r = conn_->Exec(sql, params);
  return r && r->rows() > 0 ? r->Text(0, 0) : "";
}

std::string PgDecisionLedger::FirstSubmittedAt(const std::string& submission) {
  return TextOf("SELECT first_submitted_at FROM submissions WHERE id = $1",
                {submission});
}

std::string PgDecisionLedger::PathOf(const std::string& submission) {
  return TextOf("SELECT path FROM submissions WHERE id = $1", {submission});
}

std::optional<DecisionRow> PgDecisionLedger::Decision(
    const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  Expected<PgResult> r = conn_->Exec(
      std::string(kDecisionColumns) + "WHERE submission = $1", {submission});
  if (!r || r->rows() == 0) return std::nullopt;
  return DecisionRowAt(*r, 0);
}

std::vector<DecisionRow> PgDecisionLedger::RecentDecisions(int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<DecisionRow> rows;
  Expected<PgResult> r =
      conn_->Exec(std::string(kDecisionColumns) +
                      "ORDER BY decided_at DESC, submission DESC LIMIT $1",
                  {std::to_string(std::max(0, limit))});
  for (int i = 0; r && i < r->rows(); ++i) rows.push_back(DecisionRowAt(*r, i));
  return rows;
}

std::vector<SubmissionHistoryRow> PgDecisionLedger::History(
    const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SubmissionHistoryRow> rows;
  Expected<PgResult> r = conn_->Exec(
      "SELECT s.id, s.submitted_at, s.verdict, s.area, s.sha256, "
      "COALESCE(d.decision, ''), COALESCE(d.editor, ''), "
      "COALESCE(d.reason, '') FROM submissions s LEFT JOIN decisions d "
      "ON d.submission = s.id WHERE s.path = $1 ORDER BY s.submitted_at "
      "DESC, s.id DESC",
      {path});
  for (int i = 0; r && i < r->rows(); ++i) {
    rows.push_back({r->Text(i, 0), r->Text(i, 1), r->Text(i, 2), r->Text(i, 3),
                    r->Text(i, 4), r->Text(i, 5), r->Text(i, 6),
                    r->Text(i, 7)});
  }
  return rows;
}

Expected<QueueListing> PgDecisionLedger::QueueItems(const QueueFilter& filter,
                                                    const QueueWindow& window) {
  std::lock_guard<std::mutex> lock(mu_);
  const bool indexed = IndexDecides(filter);
  std::vector<std::string> texts;
  const std::string sql =
      QueueListSql(filter, '$', texts, indexed ? &window : nullptr);
  Expected<PgResult> r = conn_->Exec(sql, PgParams(texts.begin(), texts.end()));
  if (!r) return Unexpected(r.error());
  std::vector<QueueItem> items;
  items.reserve(static_cast<size_t>(r->rows()));
  for (int row = 0; row < r->rows(); ++row) {
    QueueItem item = QueueItemOfIndex([&](int i) { return r->Text(row, i); });
    if (Matches(item, filter)) items.push_back(std::move(item));
  }
  if (!indexed) return PageOf(std::move(items), window);
  std::vector<std::string> count_texts;
  const std::string count_sql = QueueCountSql(filter, '$', count_texts);
  Expected<PgResult> count =
      conn_->Exec(count_sql, PgParams(count_texts.begin(), count_texts.end()));
  if (!count) return Unexpected(count.error());
  if (count->rows() != 1) return Unexpected("the queue count gave no row");
  return QueueListing{std::move(items), static_cast<size_t>(count->Int(0, 0))};
}

std::optional<QueueDraft> PgDecisionLedger::QueuedDraft(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  Expected<PgResult> r = conn_->Exec(QueueDraftSql('$'), {id});
  if (!r || r->rows() == 0) return std::nullopt;
  return QueueDraftOfIndex(
      QueueItemOfIndex([&](int i) { return r->Text(0, i); }),
      r->Text(0, kQueueItemColumnCount),
      r->Bytes(0, kQueueItemColumnCount + 1));
}

Status PgDecisionLedger::SyncQueue(const std::string& node,
                                   const std::vector<QueueIndexRow>& rows) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status begun = conn_->Run("BEGIN"); !begun) return begun;
  Status status =
      conn_->Run("DELETE FROM review_queue WHERE node = $1", {node});
  for (const QueueIndexRow& row : rows) {
    if (!status) break;
    status = WritePgQueueRow(*conn_, row);
  }
  if (status) status = conn_->Run("COMMIT");
  if (!status) (void)conn_->Run("ROLLBACK");
  return status;
}

LedgerCounts PgDecisionLedger::Counts() {
  std::lock_guard<std::mutex> lock(mu_);
  LedgerCounts counts;
  Expected<PgResult> r = conn_->Exec(
      "SELECT metric, label1, label2, bucket, value FROM metric_totals");
  for (int i = 0; r && i < r->rows(); ++i) {
    AddTotalRow(counts, r->Text(i, 0), r->Text(i, 1), r->Text(i, 2),
                r->Int(i, 3), r->Real(i, 4));
  }
  return counts;
}

}  // namespace proofgate
