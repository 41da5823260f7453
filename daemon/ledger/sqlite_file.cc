#include "daemon/ledger/sqlite_file.h"

#include <sqlite3.h>

namespace proofgate {

Expected<sqlite3*> OpenSqliteFile(
    const std::filesystem::path& file, bool create,
    std::initializer_list<const char*> statements) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX |
                    (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string error = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Unexpected(std::move(error));
  }
  sqlite3_busy_timeout(db, 5000);
  for (const char* sql : statements) {
    if (Status done = ExecSql(db, sql); !done) {
      sqlite3_close(db);
      return Unexpected(done.error());
    }
  }
  return db;
}

Status ExecSql(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) {
    return {};
  }
  std::string error = message != nullptr ? message : sqlite3_errmsg(db);
  sqlite3_free(message);
  return Unexpected(std::move(error));
}

}  // namespace proofgate
