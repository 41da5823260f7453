// PgPendingDecisions: PendingDecisions (daemon/ledger/pending_decisions.h)
// in the PostgreSQL ledger, on its own connection. Add() inserts and
// notifies (pg_notify(kDecisionsChannel, node)) in one transaction;
// ApplyPending() claims one row at a time with FOR UPDATE SKIP LOCKED and
// marks it in the claim's transaction.
#ifndef PROOFGATE_DAEMON_LEDGER_PG_PENDING_DECISIONS_H_
#define PROOFGATE_DAEMON_LEDGER_PG_PENDING_DECISIONS_H_

#include <memory>
#include <mutex>
#include <string>

#include "daemon/ledger/pending_decisions.h"
#include "daemon/ledger/pg_connection.h"

namespace proofgate {

class PgPendingDecisions final : public PendingDecisions {
 public:
  // Connects to `uri` with `password` (PgConnection::Open) and brings the
  // schema up to date. The store, or the connection's or server's message.
  static Expected<std::unique_ptr<PgPendingDecisions>> Open(
      const std::string& uri, const std::string& password);

  // PendingDecisions; errors are the server's messages.
  Expected<bool> Add(const PendingDecision& d) override;
  Expected<int> ApplyPending(const std::string& node, const Apply& apply,
                             const std::string& now, int limit) override;
  Expected<std::optional<PendingDecision>> Get(
      const std::string& submission) override;

 private:
  explicit PgPendingDecisions(std::unique_ptr<PgConnection> conn)
      : conn_(std::move(conn)) {}
  // What one claim of ApplyPending() did.
  enum class Claimed { kNone, kMarked, kRetried };
  // One claim of ApplyPending() in its own transaction, of the oldest
  // pending row after the `skip` oldest (those retried earlier in the
  // round), or the server's message.
  Expected<Claimed> ApplyOne(const std::string& node, const Apply& apply,
                             const std::string& now, int skip);

  std::mutex mu_;
  std::unique_ptr<PgConnection> conn_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_PENDING_DECISIONS_H_
