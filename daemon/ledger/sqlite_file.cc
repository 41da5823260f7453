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

Expected<sqlite3*> OpenSqliteFileReadOnly(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db,
                      SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string error = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Unexpected(std::move(error));
  }
  sqlite3_busy_timeout(db, 5000);
  return db;
}

SqliteQuery::SqliteQuery(sqlite3* db, const char* sql,
                         std::vector<std::string> params)
    : db_(db), params_(std::move(params)) {
  if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) return;
  for (size_t i = 0; i < params_.size(); ++i) {
    sqlite3_bind_text(stmt_, static_cast<int>(i + 1), params_[i].data(),
                      static_cast<int>(params_[i].size()), SQLITE_STATIC);
  }
}

SqliteQuery::~SqliteQuery() { sqlite3_finalize(stmt_); }

bool SqliteQuery::Next() {
  if (stmt_ == nullptr) {
    if (error_.empty()) error_ = sqlite3_errmsg(db_);
    return false;
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && error_.empty()) error_ = sqlite3_errmsg(db_);
  return false;
}

std::string SqliteQuery::Text(int column) const {
  const unsigned char* t = sqlite3_column_text(stmt_, column);
  return t ? reinterpret_cast<const char*>(t) : "";
}

std::string_view SqliteQuery::View(int column) const {
  const unsigned char* t = sqlite3_column_text(stmt_, column);
  if (!t) return {};
  // sqlite3_column_bytes() after sqlite3_column_text(): the length of
  // that UTF-8 text (SQLite's documented order of calls).
  return {reinterpret_cast<const char*>(t),
          static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string SqliteQuery::Bytes(int column) const {
  const void* b = sqlite3_column_blob(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return b ? std::string(static_cast<const char*>(b), static_cast<size_t>(n))
           : std::string();
}

long long SqliteQuery::Int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double SqliteQuery::Real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

bool SqliteQuery::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
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
