// PgLedger: the Ledger (daemon/ledger/ledger.h) in a PostgreSQL database
// that several daemons may share; schema and migrations in
// daemon/ledger/pg_schema.h. The same rows as SqliteLedger, written with
// INSERT ... ON CONFLICT DO NOTHING (a replay changes nothing) in one
// transaction per batch; durable at commit (the server's
// synchronous_commit). Totals are added with an upsert in key order, so
// nodes committing at once wait for each other's rows, never deadlock.
#ifndef PROOFGATE_DAEMON_LEDGER_PG_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_PG_LEDGER_H_

#include <memory>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/ledger_rows.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/pg_connection.h"

namespace proofgate {

class PgLedger final : public Ledger {
 public:
  // Connects to `uri` (a libpq URI) with `password` (see
  // PgConnection::Open) and brings the schema up to date. Returns the
  // ledger (never null), or the connection's or server's message (never
  // holding the password).
  static Expected<std::unique_ptr<PgLedger>> Open(const std::string& uri,
                                                  const std::string& password);

 protected:
  Status CommitRecords(const std::vector<RecordedDraft>& batch) override;

 private:
  explicit PgLedger(std::unique_ptr<PgConnection> conn)
      : conn_(std::move(conn)) {}
  std::unique_ptr<PgConnection> conn_;
  TotalsDelta totals_;  // the batch's additions to the totals
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_LEDGER_H_
