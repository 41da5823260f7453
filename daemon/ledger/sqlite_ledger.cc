#include "daemon/ledger/sqlite_ledger.h"

#include <sqlite3.h>

#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

Expected<std::unique_ptr<SqliteLedger>> SqliteLedger::OpenFile(
    const std::filesystem::path& file) {
  Expected<sqlite3*> db = OpenLedgerFile(file);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<SqliteLedger>(new SqliteLedger(*db));
}

SqliteLedger::SqliteLedger(sqlite3* db)
    : db_(db), rows_(std::make_unique<SqliteRowWriter>(db)) {}

SqliteLedger::~SqliteLedger() {
  rows_.reset();  // finalizes its statements before the connection closes
  sqlite3_close(db_);
}

Status SqliteLedger::CommitRecords(const std::vector<RecordedDraft>& batch) {
  // One transaction for the whole batch, with no savepoint per record: a
  // record's rows cannot fail on their own (every statement is INSERT OR
  // IGNORE or an UPDATE), so an error is the database's (a full disk, an
  // I/O error) and fails the batch; each caller then keeps its submission
  // in processing/ and retries it (daemon/draft_pipeline.h).
  Status status = ExecSql(db_, "BEGIN IMMEDIATE");
  const std::shared_ptr<const NotifySettings> notify_now = notify();
  try {
    for (const RecordedDraft& draft : batch) {
      if (!status) break;
      status = rows_->Write(*draft.record, draft.bytes, node(), *notify_now,
                            totals_);
    }
  } catch (const std::exception& e) {
    // Never leave the transaction open: it would hold the write lock.
    status = Unexpected(std::string("cannot record the batch: ") + e.what());
  }
  if (status) status = totals_.Flush(db_);
  if (status) status = ExecSql(db_, "COMMIT");
  if (!status) {
    (void)ExecSql(db_, "ROLLBACK");
    totals_ = TotalsDelta();
  }
  return status;
}

}  // namespace proofgate
