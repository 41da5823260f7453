#include "daemon/ledger/ledger_reader.h"

#include <sqlite3.h>

#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/pg_schema.h"
#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

namespace {

class SqliteCursor final : public LedgerCursor {
 public:
  SqliteCursor(sqlite3* db, const char* sql, std::vector<std::string> params)
      : q_(db, sql, std::move(params)) {}
  bool Next() override { return q_.Next(); }
  std::string Text(int column) const override { return q_.Text(column); }
  std::string_view View(int column) const override { return q_.View(column); }
  long long Int(int column) const override { return q_.Int(column); }
  const std::string& error() const override { return q_.error(); }

 private:
  SqliteQuery q_;
};

class SqliteReader final : public LedgerReader {
 public:
  SqliteReader(sqlite3* db, bool writable) : db_(db), writable_(writable) {}
  ~SqliteReader() override { sqlite3_close(db_); }
  std::unique_ptr<LedgerCursor> Query(
      const char* sql, const std::vector<std::string>& params) override {
    return std::make_unique<SqliteCursor>(db_, sql, params);
  }
  // IMMEDIATE: a writer takes the write lock first, so its transaction
  // waits for others' (the busy timeout) rather than failing on upgrade.
  Status Begin() override {
    return ExecSql(db_, writable_ ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  Status End() override {
    Status committed = ExecSql(db_, "COMMIT");
    if (!committed) Rollback();
    return committed;
  }
  void Rollback() override { (void)ExecSql(db_, "ROLLBACK"); }
  bool postgres() const override { return false; }

 private:
  sqlite3* db_;
  bool writable_;
};

class PgCursor final : public LedgerCursor {
 public:
  explicit PgCursor(Expected<PgResult> result) : result_(std::move(result)) {
    if (!result_) error_ = result_.error();
  }
  bool Next() override {
    if (!result_ || row_ + 1 >= result_->rows()) return false;
    ++row_;
    return true;
  }
  std::string Text(int column) const override {
    return result_ ? result_->Text(row_, column) : "";
  }
  std::string_view View(int column) const override {
    return result_ ? result_->View(row_, column) : std::string_view();
  }
  long long Int(int column) const override {
    return result_ ? result_->Int(row_, column) : 0;
  }
  const std::string& error() const override { return error_; }

 private:
  Expected<PgResult> result_;
  int row_ = -1;
  std::string error_;
};

class PgReader final : public LedgerReader {
 public:
  PgReader(std::unique_ptr<PgConnection> conn, bool writable)
      : conn_(std::move(conn)), writable_(writable) {}
  std::unique_ptr<LedgerCursor> Query(
      const char* sql, const std::vector<std::string>& params) override {
    PgParams values(params.begin(), params.end());
    return std::make_unique<PgCursor>(
        conn_->Exec(PgDollarParams(sql), values, /*all_text=*/true));
  }
  Status Begin() override {
    return conn_->Run(writable_
                          ? "BEGIN"
                          : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  Status End() override {
    Status committed = conn_->Run("COMMIT");
    if (!committed) Rollback();
    return committed;
  }
  void Rollback() override { (void)conn_->Run("ROLLBACK"); }
  bool postgres() const override { return true; }

 private:
  std::unique_ptr<PgConnection> conn_;
  bool writable_;
};

// A read-only connection to `file`, reading pages in place (mmap) rather
// than copying each through read(2): a report reads about half of a large
// ledger (bench/README.md).
Expected<sqlite3*> OpenReadOnly(const std::filesystem::path& file) {
  Expected<sqlite3*> db = OpenSqliteFileReadOnly(file);
  if (db) (void)ExecSql(*db, "PRAGMA mmap_size=1073741824");
  return db;
}

// A read-only connection to an up-to-date SQLite ledger.
Expected<sqlite3*> OpenSqliteLedger(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return Unexpected("no ledger at " + file.string());
  }
  Expected<sqlite3*> db = OpenReadOnly(file);
  if (!db) return db;
  if (LedgerSchemaVersion(*db) >= kLedgerSchemaVersion) return db;
  sqlite3_close(*db);
  // An older ledger: bring it up to date once (as the daemon would).
  Expected<sqlite3*> rw = OpenSqliteFile(file, /*create=*/false, {});
  if (!rw) return rw;
  const Status migrated = ApplyLedgerSchema(*rw);
  sqlite3_close(*rw);
  if (!migrated) {
    return Unexpected("cannot upgrade the ledger: " + migrated.error());
  }
  return OpenReadOnly(file);
}

// A reader of the ledger at `where`, read-only or `writable`.
Expected<std::unique_ptr<LedgerReader>> OpenReader(const LedgerLocation& where,
                                                   bool writable) {
  if (where.postgres()) {
    auto conn = OpenPgLedgerConnection(where.uri, where.password);
    if (!conn) return Unexpected(conn.error());
    return std::unique_ptr<LedgerReader>(
        new PgReader(std::move(*conn), writable));
  }
  Expected<sqlite3*> db = writable ? OpenLedgerConnection(where.file)
                                   : OpenSqliteLedger(where.file);
  if (!db) return Unexpected(db.error());
  return std::unique_ptr<LedgerReader>(new SqliteReader(*db, writable));
}

}  // namespace

Expected<std::unique_ptr<LedgerReader>> OpenLedgerReader(
    const LedgerLocation& where) {
  return OpenReader(where, /*writable=*/false);
}

Expected<std::unique_ptr<LedgerReader>> OpenLedgerWriter(
    const LedgerLocation& where) {
  return OpenReader(where, /*writable=*/true);
}

}  // namespace proofgate
