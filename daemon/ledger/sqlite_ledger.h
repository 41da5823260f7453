// SqliteLedger: the Ledger (daemon/ledger/ledger.h) in an SQLite file, WAL
// mode, synchronous=FULL; the tables and migrations are in
// daemon/ledger/ledger_schema.h. Rows are written with INSERT OR IGNORE, so
// replaying a record changes nothing.
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_LEDGER_H_

#include <filesystem>
#include <memory>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/ledger_rows.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/sqlite_row_writer.h"

struct sqlite3;

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

  sqlite3* db_;
  std::unique_ptr<SqliteRowWriter> rows_;  // writes through db_
  TotalsDelta totals_;  // the batch's additions to the totals
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_LEDGER_H_
