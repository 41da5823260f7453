// SqliteDecisionLedger: the DecisionLedger (daemon/ledger/decision_ledger.h)
// on the SQLite ledger file. Its own connection (WAL mode lets it share the
// file with the daemon's SqliteLedger; writers wait up to 5 s for each
// other, as the ledger's readers do); decisions are written with INSERT OR
// IGNORE and synchronous=FULL.
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_DECISION_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_DECISION_LEDGER_H_

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/decision_ledger.h"

struct sqlite3;

namespace proofgate {

class SqliteDecisionLedger final : public DecisionLedger {
 public:
  // Opens the ledger at `file` (which SqliteLedger::OpenFile has created)
  // and brings its schema up to date. Returns the ledger (never null), or
  // SQLite's message.
  static Expected<std::unique_ptr<SqliteDecisionLedger>> OpenFile(
      const std::filesystem::path& file);

  ~SqliteDecisionLedger() override;

  // DecisionLedger; errors are SQLite's messages.
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
  explicit SqliteDecisionLedger(sqlite3* db);

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_DECISION_LEDGER_H_
