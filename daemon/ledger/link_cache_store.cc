#include "daemon/ledger/link_cache_store.h"

#include <sqlite3.h>

#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

const char* const kSqliteLinkCacheSchema =
    "CREATE TABLE IF NOT EXISTS link_cache("
    " key TEXT PRIMARY KEY, outcome TEXT NOT NULL, status INTEGER NOT NULL,"
    " final_url TEXT NOT NULL, detail TEXT NOT NULL,"
    " expires_at INTEGER NOT NULL)";

namespace {

std::string Text(sqlite3_stmt* stmt, int column) {
  const unsigned char* text = sqlite3_column_text(stmt, column);
  return text == nullptr ? "" : reinterpret_cast<const char*>(text);
}

}  // namespace

Expected<std::shared_ptr<SqliteLinkCacheStore>> SqliteLinkCacheStore::OpenFile(
    const std::filesystem::path& file) {
  Expected<sqlite3*> db =
      OpenSqliteFile(file, /*create=*/true,
                     {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                      kSqliteLinkCacheSchema});
  if (!db) return Unexpected(db.error());
  return std::shared_ptr<SqliteLinkCacheStore>(new SqliteLinkCacheStore(*db));
}

SqliteLinkCacheStore::~SqliteLinkCacheStore() { sqlite3_close(db_); }

std::vector<LinkCacheStore::Entry> SqliteLinkCacheStore::LoadAll(
    int64_t now_unix_s) {
  std::vector<Entry> out;
  sqlite3_stmt* del = nullptr;
  if (sqlite3_prepare_v2(db_, "DELETE FROM link_cache WHERE expires_at <= ?",
                         -1, &del, nullptr) == SQLITE_OK) {
    sqlite3_bind_int64(del, 1, now_unix_s);
    sqlite3_step(del);
  }
  sqlite3_finalize(del);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "SELECT key, outcome, status, final_url, detail, "
                         "expires_at FROM link_cache WHERE expires_at > ?",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return out;
  }
  sqlite3_bind_int64(stmt, 1, now_unix_s);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    Entry e;
    e.key = Text(stmt, 0);
    // A row written by a later version with an outcome this one does not
    // know is skipped: the link is simply checked again.
    if (!ParseProbeOutcome(Text(stmt, 1), e.result.outcome)) continue;
    e.result.status = sqlite3_column_int(stmt, 2);
    e.result.final_url = Text(stmt, 3);
    e.result.detail = Text(stmt, 4);
    e.expires_unix_s = sqlite3_column_int64(stmt, 5);
    out.push_back(std::move(e));
  }
  sqlite3_finalize(stmt);
  return out;
}

void SqliteLinkCacheStore::Put(const Entry& entry) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "INSERT OR REPLACE INTO link_cache(key, outcome, "
                         "status, final_url, detail, expires_at) "
                         "VALUES(?, ?, ?, ?, ?, ?)",
                         -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_text(stmt, 1, entry.key.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, ProbeOutcomeName(entry.result.outcome), -1,
                      SQLITE_STATIC);
    sqlite3_bind_int(stmt, 3, entry.result.status);
    sqlite3_bind_text(stmt, 4, entry.result.final_url.c_str(), -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 5, entry.result.detail.c_str(), -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 6, entry.expires_unix_s);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
}

}  // namespace proofgate
