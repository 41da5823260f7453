// The daemon's SQLite files (the ledger, the decision ledger, the link
// cache), opened and written to the same way.
#ifndef PROOFGATE_DAEMON_LEDGER_SQLITE_FILE_H_
#define PROOFGATE_DAEMON_LEDGER_SQLITE_FILE_H_

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "checks/expected.h"

struct sqlite3;
struct sqlite3_stmt;

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

// Opens the SQLite database `file` read-only (never creating it), waiting
// up to 5 s for locks; in WAL mode a reader sees the last committed state
// while a writer works. Returns the connection or SQLite's message.
Expected<sqlite3*> OpenSqliteFileReadOnly(const std::filesystem::path& file);

// A prepared statement with text parameters (?1.. in order), finalized on
// scope exit. Not thread-safe: one thread steps it.
class SqliteQuery {
 public:
  SqliteQuery(sqlite3* db, const char* sql,
              std::vector<std::string> params = {});
  ~SqliteQuery();
  SqliteQuery(const SqliteQuery&) = delete;
  SqliteQuery& operator=(const SqliteQuery&) = delete;

  // Steps once: true on a row; false when done or on error (see error()).
  bool Next();
  // Column `column` of the current row: text ("" for NULL), integer, real.
  std::string Text(int column) const;
  // Column `column` of the current row as text without a copy ("" for
  // NULL): valid until the next Next() or the query's end.
  std::string_view View(int column) const;
  // Column `column` of the current row as its bytes, NUL bytes included
  // (a BLOB or a TEXT); "" for NULL.
  std::string Bytes(int column) const;
  long long Int(int column) const;
  double Real(int column) const;
  // Whether column `column` of the current row is NULL.
  bool IsNull(int column) const;
  // SQLite's message for the first failure; "" while none.
  const std::string& error() const { return error_; }

 private:
  sqlite3* db_;
  std::vector<std::string> params_;  // bound without copying (SQLITE_STATIC)
  sqlite3_stmt* stmt_ = nullptr;
  std::string error_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SQLITE_FILE_H_
