// PgDecisionLedger: the DecisionLedger (daemon/ledger/decision_ledger.h) in
// the PostgreSQL ledger (daemon/ledger/pg_ledger.h), on its own
// connection. Decisions are written with INSERT ... ON CONFLICT DO
// NOTHING, their totals in the same transaction.
#ifndef PROOFGATE_DAEMON_LEDGER_PG_DECISION_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_PG_DECISION_LEDGER_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/pg_connection.h"

namespace proofgate {

class PgDecisionLedger final : public DecisionLedger {
 public:
  // Connects to `uri` with `password` (see PgConnection::Open) and brings
  // the schema up to date. Returns the ledger (never null), or the
  // connection's or server's message.
  static Expected<std::unique_ptr<PgDecisionLedger>> Open(
      const std::string& uri, const std::string& password);

  // DecisionLedger; errors are the server's messages.
  using DecisionLedger::Record;
  Status Record(const DecisionRow& row, const NotifyEvent* event) override;
  std::string FirstSubmittedAt(const std::string& submission) override;
  std::optional<DecisionRow> Decision(const std::string& submission) override;
  std::vector<DecisionRow> RecentDecisions(int limit) override;
  std::string PathOf(const std::string& submission) override;
  std::vector<SubmissionHistoryRow> History(const std::string& path) override;
  LedgerCounts Counts() override;
  std::optional<OutboxBacklog> Backlog() override;
  Expected<QueueListing> QueueItems(const QueueFilter& filter,
                                    const QueueWindow& window) override;
  std::optional<QueueDraft> QueuedDraft(const std::string& id) override;
  Status SyncQueue(const std::string& node,
                   const std::vector<QueueIndexRow>& rows) override;

 private:
  explicit PgDecisionLedger(std::unique_ptr<PgConnection> conn)
      : conn_(std::move(conn)) {}
  // Inside the transaction Record() opened: the row, its totals, its
  // routing event.
  Status WriteDecision(const DecisionRow& row);
  // The text of the first column of the first row of `sql` with `params`;
  // "" when there is none or the query fails.
  std::string TextOf(const char* sql, const PgParams& params);

  std::mutex mu_;
  std::unique_ptr<PgConnection> conn_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_DECISION_LEDGER_H_
