#include "daemon/ledger/sqlite_pending_decisions.h"

#include <sqlite3.h>

#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

Expected<std::unique_ptr<SqlitePendingDecisions>>
SqlitePendingDecisions::OpenFile(const std::filesystem::path& file) {
  Expected<sqlite3*> db = OpenLedgerConnection(file);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<SqlitePendingDecisions>(
      new SqlitePendingDecisions(*db));
}

SqlitePendingDecisions::~SqlitePendingDecisions() { sqlite3_close(db_); }

Expected<bool> SqlitePendingDecisions::Add(const PendingDecision& d) {
  std::lock_guard<std::mutex> lock(mu_);
  SqliteQuery insert(
      db_,
      "INSERT OR IGNORE INTO pending_decisions(submission, path, sha256, "
      "node, decision, editor, reason, made_at, made_on, status) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending')",
      {d.submission, d.path, d.sha256, d.node, d.decision, d.editor, d.reason,
       d.made_at, d.made_on});
  insert.Next();
  if (!insert.error().empty()) return Unexpected(insert.error());
  return sqlite3_changes(db_) > 0;
}

Expected<std::vector<PendingDecision>> SqlitePendingDecisions::Waiting(
    const std::string& node, int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string sql = std::string("SELECT ") + kPendingColumns +
                          " FROM pending_decisions WHERE node = ?1 AND "
                          "status = 'pending' ORDER BY made_at, submission "
                          "LIMIT CAST(?2 AS INTEGER)";
  SqliteQuery q(db_, sql.c_str(), {node, std::to_string(limit)});
  std::vector<PendingDecision> rows;
  while (q.Next()) {
    rows.push_back(PendingDecisionOf([&](int i) { return q.Text(i); }));
  }
  if (!q.error().empty()) return Unexpected(q.error());
  return rows;
}

Expected<int> SqlitePendingDecisions::ApplyPending(const std::string& node,
                                                   const Apply& apply,
                                                   const std::string& now,
                                                   int limit) {
  Expected<std::vector<PendingDecision>> waiting = Waiting(node, limit);
  if (!waiting) return Unexpected(waiting.error());
  int marked = 0;
  for (const PendingDecision& d : *waiting) {
    const PendingResult result = ApplyGuarded(apply, d);
    if (result.kind == PendingResult::Kind::kRetry) continue;
    std::lock_guard<std::mutex> lock(mu_);
    SqliteQuery update(
        db_,
        "UPDATE pending_decisions SET status = ?2, applied_at = ?3, "
        "outcome = ?4 WHERE submission = ?1 AND status = 'pending'",
        {d.submission, PendingStatusOf(result.kind), now, result.message});
    update.Next();
    if (!update.error().empty()) return Unexpected(update.error());
    ++marked;
  }
  return marked;
}

Expected<std::optional<PendingDecision>> SqlitePendingDecisions::Get(
    const std::string& submission) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string sql = std::string("SELECT ") + kPendingColumns +
                          " FROM pending_decisions WHERE submission = ?1";
  SqliteQuery q(db_, sql.c_str(), {submission});
  if (q.Next()) {
    return std::optional<PendingDecision>(
        PendingDecisionOf([&](int i) { return q.Text(i); }));
  }
  if (!q.error().empty()) return Unexpected(q.error());
  return std::optional<PendingDecision>();
}

}  // namespace proofgate
