// SqliteRowWriter: writes the ledger rows of one proof record
// (daemon/ledger/ledger_rows.h) into an SQLite ledger connection, inside
// the caller's transaction, with INSERT OR IGNORE (a replay changes
// nothing). Shared by every SQLite writer of those rows: the pipeline's
// SqliteLedger and the HTTP submissions' SqliteSubmissionQueue, so the
// rows of a submission are written by one piece of SQL whichever path
// routed it.
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_ROW_WRITER_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_ROW_WRITER_H_

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "checks/expected.h"
#include "daemon/ledger/ledger_rows.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/notify/notify_event.h"

struct sqlite3;
struct sqlite3_stmt;

namespace proofgate {

// Writes queue index row `row` (daemon/ledger/ledger_rows.h) through `db`
// inside the caller's transaction; nothing when the submission has a row
// already, was decided or was superseded (a late replay of its routing).
// Success or SQLite's message.
Status WriteQueueRow(sqlite3* db, const QueueIndexRow& row);

class SqliteRowWriter {
 public:
  // Writes through `db` (not owned; outlives the writer).
  explicit SqliteRowWriter(sqlite3* db) : db_(db) {}
  ~SqliteRowWriter();
  SqliteRowWriter(const SqliteRowWriter&) = delete;
  SqliteRowWriter& operator=(const SqliteRowWriter&) = delete;

  // Writes the rows of `record` (its submissions row with `node`, the
  // daemon routing it ("" is NULL), routing events, findings per rule,
  // reviewers, check times; for a draft routed to review/ its queue index
  // row with `bytes`, the draft as routed) inside the caller's
  // transaction, plus its routing event into the webhook outbox for the
  // webhooks of `notify` (none when empty), and adds a first-time row's
  // totals to `totals` for the caller to flush before its COMMIT. Returns
  // success, or SQLite's message for the first statement that failed. One
  // thread at a time.
  Status Write(const nlohmann::json& record, std::string_view bytes,
               const std::string& node, const NotifySettings& notify,
               TotalsDelta& totals);

  // Binds `values` to ?1.. of the prepared `sql` (a string literal, see
  // Prepared()), steps once and resets it. Returns success, or SQLite's
  // message.
  Status Run(const char* sql, std::initializer_list<LedgerValue> values);

  // The prepared statement for `sql` (a string literal: cached by its
  // address, prepared once), or null when SQLite refuses it.
  sqlite3_stmt* Prepared(const char* sql);

 private:
  // The submission `rows` supersedes, as the ledger holds it; nullopt when
  // none or unknown.
  std::optional<EarlierSubmission> Earlier(const SubmissionRows& rows);

  sqlite3* db_;
  std::map<const char*, sqlite3_stmt*> statements_;  // see Prepared()
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_ROW_WRITER_H_
