// SqliteSubmissionQueue: the SubmissionQueue (daemon/ledger/
// submission_queue.h) in the SQLite ledger file, on a connection of its
// own (WAL mode, synchronous=FULL). A single daemon is the only claimer;
// each write is one transaction under SQLite's write lock (a claim is one
// UPDATE ... WHERE id = (SELECT ... LIMIT 1) RETURNING, atomic by
// itself), so two claimers, threads or processes, never get the same row.
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_SUBMISSION_QUEUE_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_SUBMISSION_QUEUE_H_

#include <filesystem>
#include <memory>
#include <mutex>

#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/sqlite_row_writer.h"
#include "daemon/ledger/submission_queue.h"

struct sqlite3;

namespace proofgate {

class SqliteSubmissionQueue final : public SubmissionQueue {
 public:
  // Opens (creating when missing) the SQLite ledger `file` and brings its
  // schema up to date. The folder must exist. Returns the queue or
  // SQLite's message.
  static Expected<std::unique_ptr<SqliteSubmissionQueue>> OpenFile(
      const std::filesystem::path& file);
  ~SqliteSubmissionQueue() override;

  Expected<std::string, EnqueueError> Enqueue(const NewSubmission& s) override;
  Expected<std::optional<QueuedSubmission>> Claim(
      const std::string& node, std::chrono::milliseconds lease,
      WallTime now) override;
  Expected<bool> Heartbeat(const std::string& id, long long token,
                           std::chrono::milliseconds lease,
                           WallTime now) override;
  Expected<bool> Complete(const std::string& id, long long token,
                          const nlohmann::json& record, WallTime now) override;
  Expected<std::optional<QueuedSubmission>> Get(const std::string& id) override;
  Expected<std::vector<QueuedSubmission>> Undelivered(const std::string& node,
                                                      int limit) override;
  Status MarkDelivered(const std::string& id, WallTime now) override;

 private:
  explicit SqliteSubmissionQueue(sqlite3* db);
  // The rows `sql` (selecting QueuedColumns()) returns for `params`, or
  // SQLite's message. Caller holds mu_.
  Expected<std::vector<QueuedSubmission>> Select(
      const std::string& sql, std::vector<std::string> params);
  // Complete()'s transaction body: true when the token held. Caller holds
  // mu_ inside BEGIN IMMEDIATE.
  Expected<bool> CompleteLocked(const std::string& id, long long token,
                                const nlohmann::json& record, WallTime now);

  std::mutex mu_;  // one caller at a time on db_
  sqlite3* db_;
  std::unique_ptr<SqliteRowWriter> rows_;  // the ledger rows, through db_
  TotalsDelta totals_;                     // Complete()'s additions
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_SUBMISSION_QUEUE_H_
