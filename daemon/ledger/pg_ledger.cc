#include "daemon/ledger/pg_ledger.h"

#include "daemon/ledger/pg_row_writer.h"
#include "daemon/ledger/pg_schema.h"

namespace proofgate {

Expected<std::unique_ptr<PgLedger>> PgLedger::Open(
    const std::string& uri, const std::string& password) {
  Expected<std::unique_ptr<PgConnection>> conn =
      OpenPgLedgerConnection(uri, password);
  if (!conn) return Unexpected(conn.error());
  return std::unique_ptr<PgLedger>(new PgLedger(std::move(*conn)));
}

Status PgLedger::CommitRecords(const std::vector<RecordedDraft>& batch) {
  // As SqliteLedger: one transaction, no savepoint per record (a record's
  // rows cannot fail on their own), an error fails the batch.
  Status status = conn_->Run("BEGIN");
  const std::shared_ptr<const NotifySettings> notify_now = notify();
  for (const RecordedDraft& draft : batch) {
    if (!status) break;
    status = WritePgRows(*conn_, *draft.record, draft.bytes, node(),
                         *notify_now, totals_);
  }
  if (status) status = FlushPgTotals(*conn_, totals_);
  if (status) status = conn_->Run("COMMIT");
  if (!status) {
    (void)conn_->Run("ROLLBACK");
    totals_ = TotalsDelta();
  }
  return status;
}

}  // namespace proofgate
