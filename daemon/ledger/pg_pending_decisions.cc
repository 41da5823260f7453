#include "daemon/ledger/pg_pending_decisions.h"

#include "daemon/ledger/pg_schema.h"

namespace proofgate {

Expected<std::unique_ptr<PgPendingDecisions>> PgPendingDecisions::Open(
    const std::string& uri, const std::string& password) {
  Expected<std::unique_ptr<PgConnection>> conn =
      OpenPgLedgerConnection(uri, password);
  if (!conn) return Unexpected(conn.error());
  return std::unique_ptr<PgPendingDecisions>(
      new PgPendingDecisions(std::move(*conn)));
}

Expected<bool> PgPendingDecisions::Add(const PendingDecision& d) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status begun = conn_->Run("BEGIN"); !begun) {
    // A BEGIN that failed on a connection libpq could not reset (the
    // server restarting) counts as a lost transaction until a ROLLBACK.
    (void)conn_->Run("ROLLBACK");
    return Unexpected(begun.error());
  }
  Expected<PgResult> inserted = conn_->Exec(
      "INSERT INTO pending_decisions(submission, path, sha256, node, "
      "decision, editor, reason, made_at, made_on, status) "
      "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending') "
      "ON CONFLICT DO NOTHING",
      {d.submission, d.path, d.sha256, d.node, d.decision, d.editor, d.reason,
       d.made_at, d.made_on});
  if (!inserted) {
    (void)conn_->Run("ROLLBACK");
    return Unexpected(inserted.error());
  }
  const bool added = inserted->Affected() > 0;
  Status status;
  if (added) {
    status = conn_->Run("SELECT pg_notify($1, $2)",
                        {std::string(kDecisionsChannel), d.node});
  }
  if (status) status = conn_->Run("COMMIT");
  if (!status) {
    (void)conn_->Run("ROLLBACK");
    return Unexpected(status.error());
  }
  return added;
}

Expected<PgPendingDecisions::Claimed> PgPendingDecisions::ApplyOne(
    const std::string& node, const Apply& apply, const std::string& now,
    int skip) {
  if (Status begun = conn_->Run("BEGIN"); !begun) {
    // A BEGIN that failed on a connection libpq could not reset (the
    // server restarting) counts as a lost transaction until a ROLLBACK.
    (void)conn_->Run("ROLLBACK");
    return Unexpected(begun.error());
  }
  Expected<PgResult> claimed = conn_->Exec(
      std::string("SELECT ") + kPendingColumns +
          " FROM pending_decisions WHERE node = $1 AND status = 'pending' "
          "ORDER BY made_at, submission LIMIT 1 OFFSET $2 "
          "FOR UPDATE SKIP LOCKED",
      {node, std::to_string(skip)});
  if (!claimed || claimed->rows() == 0) {
    (void)conn_->Run("ROLLBACK");
    if (!claimed) return Unexpected(claimed.error());
    return Claimed::kNone;
  }
  const PendingDecision d =
      PendingDecisionOf([&](int i) { return claimed->Text(0, i); });
  const PendingResult result = ApplyGuarded(apply, d);
  if (result.kind == PendingResult::Kind::kRetry) {
    (void)conn_->Run("ROLLBACK");
    return Claimed::kRetried;
  }
  Status status = conn_->Run(
      "UPDATE pending_decisions SET status = $2, applied_at = $3, "
      "outcome = $4 WHERE submission = $1",
      {d.submission, PendingStatusOf(result.kind), now, result.message});
  if (status) status = conn_->Run("COMMIT");
  if (!status) {
    (void)conn_->Run("ROLLBACK");
    return Unexpected(status.error());
  }
  return Claimed::kMarked;
}

Expected<int> PgPendingDecisions::ApplyPending(const std::string& node,
                                               const Apply& apply,
                                               const std::string& now,
                                               int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  // Retried rows stay pending and first in the order (the oldest after
  // those retried before them), so skipping as many as were retried
  // reaches the next one; this node's rows have one applier, its io
  // thread.
  int marked = 0;
  int retried = 0;
  while (marked + retried < limit) {
    Expected<Claimed> one = ApplyOne(node, apply, now, retried);
    if (!one) return Unexpected(one.error());
    if (*one == Claimed::kNone) break;
    (*one == Claimed::kMarked ? marked : retried) += 1;
  }
  return marked;
}

Expected<std::optional<PendingDecision>> PgPendingDecisions::Get(
    const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  Expected<PgResult> r =
      conn_->Exec(std::string("SELECT ") + kPendingColumns +
                      " FROM pending_decisions WHERE submission = $1",
                  {submission});
  if (!r) return Unexpected(r.error());
  if (r->rows() == 0) return std::optional<PendingDecision>();
  return std::optional<PendingDecision>(
      PendingDecisionOf([&](int i) { return r->Text(0, i); }));
}

}  // namespace proofgate
