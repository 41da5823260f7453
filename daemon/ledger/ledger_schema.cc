#include "daemon/ledger/ledger_schema.h"

#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

namespace {

// Version 0: what every ledger has.
constexpr const char* kTables = R"sql(
CREATE TABLE IF NOT EXISTS submissions(
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  rulebook TEXT,
  rulebook_version TEXT,
  rulebook_sha256 TEXT,
  verdict TEXT NOT NULL,
  area TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  verified_at TEXT NOT NULL,
  routed_at TEXT NOT NULL,
  supersedes TEXT,
  superseded_by TEXT);
CREATE INDEX IF NOT EXISTS submissions_path ON submissions(path);
CREATE TABLE IF NOT EXISTS routing_events(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  submission TEXT NOT NULL,
  path TEXT NOT NULL,
  from_area TEXT,
  to_area TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE(submission, to_area));
CREATE TABLE IF NOT EXISTS submission_findings(
  submission TEXT NOT NULL,
  rule TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY(submission, rule));
CREATE TABLE IF NOT EXISTS check_runs(
  submission TEXT NOT NULL,
  check_name TEXT NOT NULL,
  seconds REAL NOT NULL,
  PRIMARY KEY(submission, check_name));
CREATE TABLE IF NOT EXISTS decisions(
  submission TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT NOT NULL,
  editor TEXT NOT NULL,
  verdict TEXT NOT NULL,
  rules TEXT NOT NULL,
  routed_at TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  first_submitted_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_path ON decisions(path);
)sql";

// Version 1 (the column is added separately: ALTER TABLE has no IF NOT
// EXISTS).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE IF NOT EXISTS metric_totals(
  metric TEXT NOT NULL,
  label1 TEXT NOT NULL,
  label2 TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY(metric, label1, label2, bucket)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS submissions_submitted_at
  ON submissions(submitted_at);
CREATE INDEX IF NOT EXISTS submissions_area ON submissions(area);
CREATE INDEX IF NOT EXISTS decisions_decided_at ON decisions(decided_at);
)sql";

// Version 2: the webhook outbox (daemon/ledger/notify_outbox.h).
constexpr const char* kVersion2 = R"sql(
CREATE TABLE IF NOT EXISTS notify_outbox(
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  target TEXT NOT NULL,
  event TEXT NOT NULL,
  submission TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  delivered_at TEXT,
  last_error TEXT,
  UNIQUE(event_id, target));
CREATE INDEX IF NOT EXISTS notify_outbox_pending
  ON notify_outbox(next_attempt_at) WHERE delivered_at IS NULL;
PRAGMA user_version = 2;
)sql";

bool HasColumn(sqlite3* db, const char* table, const char* column) {
  SqliteQuery q(db, (std::string("PRAGMA table_info(") + table + ")").c_str());
  while (q.Next()) {
    if (q.Text(1) == column) return true;
  }
  return false;
}

// Fills submissions.first_submitted_at where it is NULL: walk back through
// `supersedes` while the earlier submission did not reach ready/ by its
// verdict, keeping the earliest submitted_at (bounded by the table's size,
// so a corrupt cycle cannot loop forever).
Status FillFirstSubmitted(sqlite3* db) {
  struct Link {
    std::string supersedes, submitted_at, area, first;
  };
  std::unordered_map<std::string, Link> links;
  {
    SqliteQuery q(db,
                  "SELECT id, COALESCE(supersedes, ''), submitted_at, area, "
                  "COALESCE(first_submitted_at, '') FROM submissions");
    while (q.Next()) {
      links[q.Text(0)] = {q.Text(1), q.Text(2), q.Text(3), q.Text(4)};
    }
    if (!q.error().empty()) return Unexpected(q.error());
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db,
                         "UPDATE submissions SET first_submitted_at = ?2 "
                         "WHERE id = ?1",
                         -1, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Unexpected(std::string(sqlite3_errmsg(db)));
  }
  Status status;
  for (const auto& [id, link] : links) {
    if (!link.first.empty()) continue;
    std::string first = link.submitted_at;
    const Link* at = &link;
    for (size_t hops = 0; hops < links.size(); ++hops) {
      auto prev = links.find(at->supersedes);
      if (prev == links.end() || prev->second.area == "ready") break;
      at = &prev->second;
      first = std::min(first, at->submitted_at);
    }
    sqlite3_bind_text(stmt, 1, id.data(), static_cast<int>(id.size()),
                      SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, first.data(), static_cast<int>(first.size()),
                      SQLITE_TRANSIENT);
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) {
      status = Unexpected(std::string(sqlite3_errmsg(db)));
      break;
    }
  }
  sqlite3_finalize(stmt);
  return status;
}

Status MigrateToVersion1(sqlite3* db) {
  if (!HasColumn(db, "submissions", "first_submitted_at")) {
    if (Status s = ExecSql(db,
                           "ALTER TABLE submissions ADD COLUMN "
                           "first_submitted_at TEXT");
        !s) {
      return s;
    }
  }
  if (Status s = ExecSql(db, kVersion1); !s) return s;
  if (Status s = FillFirstSubmitted(db); !s) return s;
  if (Status s = RebuildTotals(db); !s) return s;
  return ExecSql(db, "PRAGMA user_version = 1");
}

}  // namespace

Expected<sqlite3*> OpenLedgerConnection(const std::filesystem::path& file) {
  Expected<sqlite3*> db =
      OpenSqliteFile(file, /*create=*/false, {"PRAGMA synchronous=FULL"});
  if (!db) return Unexpected(db.error());
  if (Status schema = ApplyLedgerSchema(*db); !schema) {
    sqlite3_close(*db);
    return Unexpected(schema.error());
  }
  return *db;
}

int LedgerSchemaVersion(sqlite3* db) {
  SqliteQuery q(db, "PRAGMA user_version");
  return q.Next() ? static_cast<int>(q.Int(0)) : -1;
}

Status ApplyLedgerSchema(sqlite3* db) {
  if (LedgerSchemaVersion(db) == kLedgerSchemaVersion) return {};
  if (Status s = ExecSql(db, "BEGIN IMMEDIATE"); !s) return s;
  Status status = ExecSql(db, kTables);
  // Another connection may have migrated while this one waited.
  if (status && LedgerSchemaVersion(db) < 1) status = MigrateToVersion1(db);
  if (status && LedgerSchemaVersion(db) < 2) status = ExecSql(db, kVersion2);
  if (status) status = ExecSql(db, "COMMIT");
  if (!status) (void)ExecSql(db, "ROLLBACK");
  return status;
}

}  // namespace proofgate
