// LedgerReader: read-only queries over a ledger of either backend
// (daemon/ledger/ledger.h, BACKENDS), for `proofgate report` and the
// queue's /report page (daemon/review/review_report.h). The SQL must be
// what SQLite and PostgreSQL both accept, with parameters written ?1, ?2,
// ... (bound as text; cast them where the type matters, e.g.
// CAST(?3 AS TEXT)); for PostgreSQL they become $1, $2, ... The webhook
// outbox (daemon/ledger/notify_outbox.h) writes through the same
// interface on a connection that may write (OpenLedgerWriter).
#ifndef PROOFGATE_DAEMON_LEDGER_LEDGER_READER_H_
#define PROOFGATE_DAEMON_LEDGER_LEDGER_READER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/ledger_location.h"

namespace proofgate {

// The rows of one query, read in order. Not thread-safe.
class LedgerCursor {
 public:
  virtual ~LedgerCursor() = default;
  // Moves to the next row: true on a row; false when done or on error
  // (see error()).
  virtual bool Next() = 0;
  // Column `column` of the current row: text ("" for NULL), integer.
  virtual std::string Text(int column) const = 0;
  // Column `column` as text without a copy ("" for NULL): valid until
  // the next Next() (for a scan over many rows).
  virtual std::string_view View(int column) const = 0;
  virtual long long Int(int column) const = 0;
  // The database's message for a failure; "" while none.
  virtual const std::string& error() const = 0;
};

class LedgerReader {
 public:
  virtual ~LedgerReader() = default;
  // Runs `sql` with `params` (?1..) and returns its rows (never null;
  // a failure shows in the cursor's error()).
  virtual std::unique_ptr<LedgerCursor> Query(
      const char* sql, const std::vector<std::string>& params) = 0;
  // Starts / ends one read transaction, so that every query between sees
  // the same ledger. Success or the database's message.
  // A writer's Begin() takes the write lock at once (SQLite: BEGIN
  // IMMEDIATE); End() commits, and when the commit fails rolls back (so
  // no transaction or lock outlives it, and a PostgreSQL connection that
  // broke meanwhile is usable again) and returns the database's message;
  // Rollback() abandons the transaction.
  virtual Status Begin() = 0;
  virtual Status End() = 0;
  virtual void Rollback() = 0;
  // Which SQL dialect the ledger speaks, for the few statements that
  // differ (PostgreSQL's FOR UPDATE SKIP LOCKED, SQLite's INDEXED BY).
  virtual bool postgres() const = 0;
};

// Opens the ledger at `where` for reading. SQLite: the file must exist
// ("no ledger at FILE" otherwise); one written by an older proofgate is
// migrated first, as the daemon would. PostgreSQL: connects and migrates
// (PgSchema). Returns the reader or the database's message.
Expected<std::unique_ptr<LedgerReader>> OpenLedgerReader(
    const LedgerLocation& where);

// The same interface on a connection that may also write, for the
// webhook outbox. SQLite: the file must exist (the daemon's Ledger
// creates it), opened read-write with the schema brought up to date
// (OpenLedgerConnection). PostgreSQL: as OpenLedgerReader. Not
// thread-safe: callers serialize. The reader or the database's message.
Expected<std::unique_ptr<LedgerReader>> OpenLedgerWriter(
    const LedgerLocation& where);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LEDGER_READER_H_
