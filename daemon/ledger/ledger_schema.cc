#include "daemon/ledger/ledger_schema.h"

#include <sqlite3.h>

#include <iterator>
#include <string>
#include <unordered_map>

#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/link_cache_store.h"
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
)sql";

Status MigrateToVersion2(sqlite3* db) { return ExecSql(db, kVersion2); }

// Version 3: the link cache, which SqliteLinkCacheStore created on its own
// before (daemon/ledger/link_cache_store.h), now part of the schema as
// PostgreSQL's is.
Status MigrateToVersion3(sqlite3* db) {
  if (Status s = ExecSql(db, kSqliteLinkCacheSchema); !s) return s;
  // For the deletion of expired answers at start, as PostgreSQL's.
  return ExecSql(db,
                 "CREATE INDEX IF NOT EXISTS link_cache_expires_at ON "
                 "link_cache(expires_at)");
}

// Version 4: indexes for the review report's window scan
// (daemon/review/review_report.cc, bench/README.md): the window's
// submissions in (submitted_at, id) order without a sort, and their
// findings' counts without a table lookup. Creating them indexes the
// existing rows.
constexpr const char* kVersion4 = R"sql(
CREATE INDEX IF NOT EXISTS submissions_window
  ON submissions(submitted_at, id);
CREATE INDEX IF NOT EXISTS submission_findings_counts
  ON submission_findings(submission, rule, count);
)sql";

Status MigrateToVersion4(sqlite3* db) { return ExecSql(db, kVersion4); }

// Version 5: the reviewers each submission's findings name
// (daemon/ledger/ledger_rows.h). Earlier submissions name none: the
// ledger never held them.
constexpr const char* kVersion5 = R"sql(
CREATE TABLE IF NOT EXISTS submission_reviewers(
  submission TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  PRIMARY KEY(submission, reviewer)) WITHOUT ROWID;
)sql";

Status MigrateToVersion5(sqlite3* db) { return ExecSql(db, kVersion5); }

// Version 6: the HTTP submissions' queue
// (daemon/ledger/submission_queue.h).
constexpr const char* kVersion6 = R"sql(
CREATE TABLE IF NOT EXISTS http_submissions(
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  author TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  idempotency_key TEXT UNIQUE,
  status TEXT NOT NULL,
  node TEXT,
  lease_token INTEGER NOT NULL DEFAULT 0,
  lease_expires_at TEXT,
  submitted_at TEXT NOT NULL,
  routed_at TEXT,
  delivered_at TEXT,
  area TEXT,
  verdict TEXT,
  record TEXT);
CREATE INDEX IF NOT EXISTS http_submissions_claimable
  ON http_submissions(status, submitted_at);
)sql";

Status MigrateToVersion6(sqlite3* db) { return ExecSql(db, kVersion6); }

// Version 7: the queue index (daemon/ledger/ledger_rows.h, review_queue)
// and the node that routed each submission. The index is filled from the
// spool's review/ when the daemon starts (DecisionLedger::SyncQueue). The
// proof record and the draft's bytes live in a table of their own, removed
// with their row (a trigger), so a listing reads a few small rows per page
// (bench/queue-index).
constexpr const char* kVersion7 = R"sql(
CREATE TABLE IF NOT EXISTS review_queue(
  submission TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  folder TEXT NOT NULL,
  node TEXT NOT NULL,
  verdict TEXT NOT NULL,
  routed_at TEXT NOT NULL,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  rules TEXT NOT NULL,
  blocking_rules TEXT NOT NULL,
  reviewers TEXT NOT NULL,
  owner TEXT NOT NULL,
  owner_contact TEXT NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  infos INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS review_queue_drafts(
  submission TEXT PRIMARY KEY,
  record TEXT NOT NULL,
  draft BLOB NOT NULL);
CREATE TRIGGER IF NOT EXISTS review_queue_drafts_gone
  AFTER DELETE ON review_queue BEGIN
    DELETE FROM review_queue_drafts WHERE submission = old.submission;
  END;
CREATE INDEX IF NOT EXISTS review_queue_order
  ON review_queue(routed_at, path);
CREATE INDEX IF NOT EXISTS review_queue_node
  ON review_queue(node, routed_at, path);
CREATE INDEX IF NOT EXISTS review_queue_verdict
  ON review_queue(verdict, routed_at, path);
)sql";

Status MigrateToVersion7(sqlite3* db) {
  if (!HasColumn(db, "submissions", "node")) {
    if (Status s = ExecSql(db, "ALTER TABLE submissions ADD COLUMN node TEXT");
        !s) {
      return s;
    }
  }
  return ExecSql(db, kVersion7);
}

// Version 8: the claim's index (daemon/ledger/submission_queue.h). The
// claim takes the oldest pending (or expired) submission; without it that
// is a scan and a sort of every submission ever received (43 ms a claim
// at 100,000 routed and 100,000 pending on PostgreSQL, bench/cluster);
// with it, the first entries of an index holding only the open ones.
constexpr const char* kVersion8 = R"sql(
CREATE INDEX IF NOT EXISTS http_submissions_open
  ON http_submissions(submitted_at, id)
  WHERE status IN ('pending', 'checking');
)sql";

Status MigrateToVersion8(sqlite3* db) { return ExecSql(db, kVersion8); }

// Version 9: the claims of each HTTP submission, for the poison limit
// (daemon/service/submission_worker.h). Not lease_token: the fencing
// token only ever grows, the attempts are the submission's own count.
Status MigrateToVersion9(sqlite3* db) {
  if (HasColumn(db, "http_submissions", "attempts")) return {};
  return ExecSql(db,
                 "ALTER TABLE http_submissions ADD COLUMN attempts INTEGER "
                 "NOT NULL DEFAULT 0");
}

// Version 10: decisions taken on a node that does not hold the draft,
// waiting for the node that does (daemon/ledger/pending_decisions.h). A
// SQLite ledger has one node, so the table stays empty there.
constexpr const char* kVersion10 = R"sql(
CREATE TABLE IF NOT EXISTS pending_decisions(
  submission TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  node TEXT NOT NULL,
  decision TEXT NOT NULL,
  editor TEXT NOT NULL,
  reason TEXT NOT NULL,
  made_at TEXT NOT NULL,
  made_on TEXT NOT NULL,
  status TEXT NOT NULL,
  applied_at TEXT,
  outcome TEXT);
CREATE INDEX IF NOT EXISTS pending_decisions_open
  ON pending_decisions(node, made_at) WHERE status = 'pending';
)sql";

Status MigrateToVersion10(sqlite3* db) { return ExecSql(db, kVersion10); }

// Version 11: how many of a rule's findings held the submission back
// (failed it or sent it to an editor: effect "fails" or "review" in the
// proof record), so the review report counts a rule among the failures
// only when it did; NULL on rows written before (the report then counts
// every finding of a draft that did not pass, as it did). The covering
// index the report reads gains the column.
constexpr const char* kVersion11 = R"sql(
DROP INDEX IF EXISTS submission_findings_counts;
CREATE INDEX IF NOT EXISTS submission_findings_holding
  ON submission_findings(submission, rule, count, holding);
)sql";

Status MigrateToVersion11(sqlite3* db) {
  if (!HasColumn(db, "submission_findings", "holding")) {
    if (Status s = ExecSql(db,
                           "ALTER TABLE submission_findings ADD COLUMN "
                           "holding INTEGER");
        !s) {
      return s;
    }
  }
  return ExecSql(db, kVersion11);
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
  return RebuildTotals(db);
}

// The migrations, numbered from 1: migration N brings a version N-1
// ledger to version N inside the caller's transaction. A new version adds
// a line here (and its PostgreSQL twin in daemon/ledger/pg_schema.cc).
struct Migration {
  int version;
  Status (*apply)(sqlite3* db);
};
constexpr Migration kMigrations[] = {
    {1, MigrateToVersion1},   {2, MigrateToVersion2},   {3, MigrateToVersion3},
    {4, MigrateToVersion4},   {5, MigrateToVersion5},   {6, MigrateToVersion6},
    {7, MigrateToVersion7},   {8, MigrateToVersion8},   {9, MigrateToVersion9},
    {10, MigrateToVersion10}, {11, MigrateToVersion11},
};
static_assert(std::size(kMigrations) == kLedgerSchemaVersion);

// Runs every migration past `from` in order, each followed by its
// user_version, inside the caller's transaction.
Status Migrate(sqlite3* db, int from) {
  for (const Migration& m : kMigrations) {
    if (m.version <= from) continue;
    if (Status s = m.apply(db); !s) return s;
    const std::string set =
        "PRAGMA user_version = " + std::to_string(m.version);
    if (Status s = ExecSql(db, set.c_str()); !s) return s;
  }
  return {};
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

Expected<sqlite3*> OpenLedgerFile(const std::filesystem::path& file) {
  // Readers (reports, the queue page) may hold the database briefly: the
  // busy timeout waits for them. temp_store=MEMORY: statement journals and
  // temporary tables stay in memory rather than in files created and
  // deleted under /var/tmp.
  Expected<sqlite3*> db =
      OpenSqliteFile(file, /*create=*/true,
                     {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                      "PRAGMA temp_store=MEMORY"});
  if (!db) return Unexpected(db.error());
  if (Status schema = ApplyLedgerSchema(*db); !schema) {
    sqlite3_close(*db);
    return Unexpected(schema.error());
  }
  return *db;
}

std::string NewerSchemaError(int found) {
  return "the ledger's schema is version " + std::to_string(found) +
         ", newer than this proofgate knows (" +
         std::to_string(kLedgerSchemaVersion) +
         "): a newer proofgate has migrated it; run that version";
}

int LedgerSchemaVersion(sqlite3* db) {
  SqliteQuery q(db, "PRAGMA user_version");
  return q.Next() ? static_cast<int>(q.Int(0)) : -1;
}

Status ApplyLedgerSchema(sqlite3* db) {
  const int found = LedgerSchemaVersion(db);
  if (found == kLedgerSchemaVersion) return {};
  if (found > kLedgerSchemaVersion) return Unexpected(NewerSchemaError(found));
  if (Status s = ExecSql(db, "BEGIN IMMEDIATE"); !s) return s;
  Status status = ExecSql(db, kTables);
  // Another connection may have migrated while this one waited.
  const int now = LedgerSchemaVersion(db);
  if (status && now > kLedgerSchemaVersion) {
    status = Unexpected(NewerSchemaError(now));
  }
  if (status) status = Migrate(db, now);
  if (status) status = ExecSql(db, "COMMIT");
  if (!status) (void)ExecSql(db, "ROLLBACK");
  return status;
}

}  // namespace proofgate
