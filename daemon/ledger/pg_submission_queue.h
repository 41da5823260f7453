// PgSubmissionQueue: the SubmissionQueue (daemon/ledger/
// submission_queue.h) in a PostgreSQL ledger several daemons share, on a
// connection of its own. A claim is one statement,
//   UPDATE http_submissions SET ... WHERE id = (SELECT id ... ORDER BY
//   submitted_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING ...
// so concurrent claimers on any node skip each other's rows instead of
// waiting, and never get the same row. The draft's bytes travel as hex
// text (SQL encode/decode) into a bytea column, since the connection's
// parameters are text (daemon/ledger/pg_connection.h).
#ifndef PROOFGATE_DAEMON_LEDGER_PG_SUBMISSION_QUEUE_H_
#define PROOFGATE_DAEMON_LEDGER_PG_SUBMISSION_QUEUE_H_

#include <memory>
#include <mutex>
#include <string>

#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/pg_connection.h"
#include "daemon/ledger/submission_queue.h"

namespace proofgate {

class PgSubmissionQueue final : public SubmissionQueue {
 public:
  // Connects to `uri` with `password` (PgConnection::Open) and brings the
  // schema up to date. Returns the queue, or the connection's or server's
  // message (never holding the password).
  static Expected<std::unique_ptr<PgSubmissionQueue>> Open(
      const std::string& uri, const std::string& password);

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
  explicit PgSubmissionQueue(std::unique_ptr<PgConnection> conn)
      : conn_(std::move(conn)) {}
  // The rows `sql` (selecting QueuedColumns() with the bytes in hex)
  // returns for `params`, or the server's message. Caller holds mu_.
  Expected<std::vector<QueuedSubmission>> Select(const std::string& sql,
                                                 const PgParams& params);
  // Complete()'s transaction body: true when the token held. Caller holds
  // mu_ inside BEGIN.
  Expected<bool> CompleteLocked(const std::string& id, long long token,
                                const nlohmann::json& record, WallTime now);

  std::mutex mu_;  // one caller at a time on conn_
  std::unique_ptr<PgConnection> conn_;
  TotalsDelta totals_;  // Complete()'s additions
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_SUBMISSION_QUEUE_H_
