// SqlitePendingDecisions: PendingDecisions (daemon/ledger/
// pending_decisions.h) in the SQLite ledger, on its own connection. A
// SQLite ledger serves one node, so there is no one to notify and no
// claim to share: ApplyPending() reads the node's pending rows and marks
// each after `apply`, without holding a transaction across it (`apply`
// writes the decision through the decisions' own connection, which would
// wait for this one's write lock).
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_PENDING_DECISIONS_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_PENDING_DECISIONS_H_

#include <filesystem>
#include <memory>
#include <mutex>

#include "daemon/ledger/pending_decisions.h"

struct sqlite3;

namespace proofgate {

class SqlitePendingDecisions final : public PendingDecisions {
 public:
  // Opens the ledger `file` (created by SqliteLedger::OpenFile), its
  // schema brought up to date. The store or SQLite's message.
  static Expected<std::unique_ptr<SqlitePendingDecisions>> OpenFile(
      const std::filesystem::path& file);
  ~SqlitePendingDecisions() override;

  // PendingDecisions; errors are SQLite's messages.
  Expected<bool> Add(const PendingDecision& d) override;
  Expected<int> ApplyPending(const std::string& node, const Apply& apply,
                             const std::string& now, int limit) override;
  Expected<std::optional<PendingDecision>> Get(
      const std::string& submission) override;

 private:
  explicit SqlitePendingDecisions(sqlite3* db) : db_(db) {}
  // Node `node`'s pending rows, oldest first, at most `limit`.
  Expected<std::vector<PendingDecision>> Waiting(const std::string& node,
                                                 int limit);

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_PENDING_DECISIONS_H_
