// SqliteLedger: the Ledger (daemon/ledger/ledger.h) in an SQLite file, WAL
// mode, synchronous=FULL; the tables and migrations are in
// daemon/ledger/ledger_schema.h. Rows are written with INSERT OR IGNORE, so
// replaying a record changes nothing.
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_LEDGER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/ledger_rows.h"
#include "daemon/ledger/ledger_totals.h"

struct sqlite3;
struct sqlite3_stmt;

namespace proofgate {

class SqliteLedger final : public Ledger {
 public:
  // Opens (creating when missing) the ledger at `file` and brings its
  // schema up to date. The folder must exist. Returns the ledger (never
  // null), or SQLite's message (also for a schema newer than this build's).
  static Expected<std::unique_ptr<SqliteLedger>> OpenFile(
      const std::filesystem::path& file);

  ~SqliteLedger() override;

 protected:
  Status CommitRecords(const std::vector<RecordedDraft>& batch) override;

 private:
  explicit SqliteLedger(sqlite3* db);
  // Writes the rows of one record inside the current transaction. Returns
  // success, or SQLite's message for the first statement that failed.
  Status WriteRows(const RecordedDraft& draft);
  // The record's routing event into the webhook outbox (SetNotify), in
  // the current transaction.
  Status WriteRoutingEvent(const nlohmann::json& record);
  // The submission `rows` supersedes, as the ledger holds it; nullopt when
  // none or unknown.
  std::optional<EarlierSubmission> Earlier(const SubmissionRows& rows);
  // The prepared statement for `sql` (a string literal: cached by its
  // address, prepared once), or null when SQLite refuses it.
  sqlite3_stmt* Prepared(const char* sql);

  sqlite3* db_;
  std::map<const char*, sqlite3_stmt*> statements_;  // see Prepared()
  TotalsDelta totals_;  // the batch's additions to the totals
};

// Writes queue index row `row` (daemon/ledger/ledger_rows.h) into the
// SQLite ledger `db` inside the caller's transaction; nothing when the
// submission has a row already, was decided or was superseded (a late
// replay of its routing). Success or SQLite's
// message.
Status WriteQueueRow(sqlite3* db, const QueueIndexRow& row);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_LEDGER_H_
