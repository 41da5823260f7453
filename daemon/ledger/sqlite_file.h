// The daemon's SQLite files (the ledger, the decision ledger, the link
// cache), opened and written to the same way.
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_FILE_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_FILE_H_

#include <filesystem>
#include <initializer_list>
#include <string>

#include "checks/expected.h"

struct sqlite3;

namespace proofgate {

// Opens the SQLite database `file` for reading and writing (created when
// `create` and missing) in serialized mode, so that threads may share the
// connection, and waiting up to 5 s for a lock another connection holds;
// then runs `statements` in order (pragmas, the schema). Returns the
// connection (never null), for the caller to close with sqlite3_close();
// or SQLite's message, the connection then closed.
Expected<sqlite3*> OpenSqliteFile(
    const std::filesystem::path& file, bool create,
    std::initializer_list<const char*> statements);

// Runs `sql` (statements that return no rows) on `db`: success, or
// SQLite's message. A connection from OpenSqliteFile() may be used from
// any thread, but a transaction ("BEGIN" ... "COMMIT") spans calls:
// callers keep one transaction at a time on a connection.
Status ExecSql(sqlite3* db, const char* sql);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_FILE_H_
