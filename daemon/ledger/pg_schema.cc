#include "daemon/ledger/pg_schema.h"

#include <iterator>
#include <string>

#include "daemon/ledger/ledger_schema.h"

namespace proofgate {

namespace {

// Version 1: the tables of SQLite's version 1 (ledger_schema.cc).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE submissions(
  id TEXT COLLATE "C" PRIMARY KEY,
  path TEXT COLLATE "C" NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL,
  size BIGINT NOT NULL,
  rulebook TEXT COLLATE "C",
  rulebook_version TEXT COLLATE "C",
  rulebook_sha256 TEXT COLLATE "C",
  verdict TEXT COLLATE "C" NOT NULL,
  area TEXT COLLATE "C" NOT NULL,
  submitted_at TEXT COLLATE "C" NOT NULL,
  verified_at TEXT COLLATE "C" NOT NULL,
  routed_at TEXT COLLATE "C" NOT NULL,
  supersedes TEXT COLLATE "C",
  superseded_by TEXT COLLATE "C",
  first_submitted_at TEXT COLLATE "C");
CREATE INDEX submissions_path ON submissions(path);
CREATE INDEX submissions_submitted_at ON submissions(submitted_at);
CREATE INDEX submissions_area ON submissions(area);
CREATE TABLE routing_events(
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission TEXT COLLATE "C" NOT NULL,
  path TEXT COLLATE "C" NOT NULL,
  from_area TEXT COLLATE "C",
  to_area TEXT COLLATE "C" NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  UNIQUE(submission, to_area));
CREATE TABLE submission_findings(
  submission TEXT COLLATE "C" NOT NULL,
  rule TEXT COLLATE "C" NOT NULL,
  count BIGINT NOT NULL,
  PRIMARY KEY(submission, rule));
CREATE TABLE check_runs(
  submission TEXT COLLATE "C" NOT NULL,
  check_name TEXT COLLATE "C" NOT NULL,
  seconds DOUBLE PRECISION NOT NULL,
  PRIMARY KEY(submission, check_name));
CREATE TABLE decisions(
  submission TEXT COLLATE "C" PRIMARY KEY,
  path TEXT COLLATE "C" NOT NULL,
  decision TEXT COLLATE "C" NOT NULL,
  reason TEXT COLLATE "C" NOT NULL,
  editor TEXT COLLATE "C" NOT NULL,
  verdict TEXT COLLATE "C" NOT NULL,
  rules TEXT COLLATE "C" NOT NULL,
  routed_at TEXT COLLATE "C" NOT NULL,
  decided_at TEXT COLLATE "C" NOT NULL,
  first_submitted_at TEXT COLLATE "C" NOT NULL);
CREATE INDEX decisions_path ON decisions(path);
CREATE INDEX decisions_decided_at ON decisions(decided_at);
CREATE TABLE metric_totals(
  metric TEXT COLLATE "C" NOT NULL,
  label1 TEXT COLLATE "C" NOT NULL,
  label2 TEXT COLLATE "C" NOT NULL,
  bucket BIGINT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY(metric, label1, label2, bucket));
)sql";

// Version 2: the webhook outbox, as SQLite's (notify_outbox.h), shared by
// every node: claims move next_attempt_at to the end of their lease.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE notify_outbox(
  seq BIGSERIAL PRIMARY KEY,
  event_id TEXT COLLATE "C" NOT NULL,
  target TEXT COLLATE "C" NOT NULL,
  event TEXT COLLATE "C" NOT NULL,
  submission TEXT COLLATE "C" NOT NULL,
  payload TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT COLLATE "C" NOT NULL,
  delivered_at TEXT COLLATE "C",
  last_error TEXT,
  UNIQUE(event_id, target));
CREATE INDEX notify_outbox_pending
  ON notify_outbox(next_attempt_at) WHERE delivered_at IS NULL;
)sql";

// Version 3: the link cache (daemon/ledger/pg_link_cache_store.h), shared
// by every node: one probe of a URL answers all of them.
constexpr const char* kVersion3 = R"sql(
CREATE TABLE link_cache(
  key TEXT COLLATE "C" PRIMARY KEY,
  outcome TEXT COLLATE "C" NOT NULL,
  status INTEGER NOT NULL,
  final_url TEXT NOT NULL,
  detail TEXT NOT NULL,
  expires_at BIGINT NOT NULL);
CREATE INDEX link_cache_expires_at ON link_cache(expires_at);
)sql";

// Version 4: the report's indexes, as SQLite's.
constexpr const char* kVersion4 = R"sql(
CREATE INDEX submissions_window ON submissions(submitted_at, id);
CREATE INDEX submission_findings_counts
  ON submission_findings(submission, rule, count);
)sql";

// Version 5: the reviewers of each submission, as SQLite's.
constexpr const char* kVersion5 = R"sql(
CREATE TABLE submission_reviewers(
  submission TEXT COLLATE "C" NOT NULL,
  reviewer TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY(submission, reviewer));
)sql";

// Version 6: the HTTP submissions' queue, as SQLite's
// (daemon/ledger/submission_queue.h); the draft's bytes as bytea.
constexpr const char* kVersion6 = R"sql(
CREATE TABLE http_submissions(
  id TEXT COLLATE "C" PRIMARY KEY,
  path TEXT COLLATE "C" NOT NULL,
  author TEXT COLLATE "C" NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL,
  size BIGINT NOT NULL,
  bytes BYTEA NOT NULL,
  idempotency_key TEXT COLLATE "C" UNIQUE,
  status TEXT COLLATE "C" NOT NULL,
  node TEXT COLLATE "C",
  lease_token BIGINT NOT NULL DEFAULT 0,
  lease_expires_at TEXT COLLATE "C",
  submitted_at TEXT COLLATE "C" NOT NULL,
  routed_at TEXT COLLATE "C",
  delivered_at TEXT COLLATE "C",
  area TEXT COLLATE "C",
  verdict TEXT COLLATE "C",
  record TEXT);
CREATE INDEX http_submissions_claimable
  ON http_submissions(status, submitted_at);
)sql";

// Version 7: the queue index and submissions.node, as SQLite's
// (ledger_schema.cc).
constexpr const char* kVersion7 = R"sql(
ALTER TABLE submissions ADD COLUMN node TEXT COLLATE "C";
CREATE TABLE review_queue(
  submission TEXT COLLATE "C" PRIMARY KEY,
  path TEXT COLLATE "C" NOT NULL,
  folder TEXT COLLATE "C" NOT NULL,
  node TEXT COLLATE "C" NOT NULL,
  verdict TEXT COLLATE "C" NOT NULL,
  routed_at TEXT COLLATE "C" NOT NULL,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL,
  rules TEXT COLLATE "C" NOT NULL,
  blocking_rules TEXT COLLATE "C" NOT NULL,
  reviewers TEXT COLLATE "C" NOT NULL,
  owner TEXT NOT NULL,
  owner_contact TEXT NOT NULL,
  errors BIGINT NOT NULL,
  warnings BIGINT NOT NULL,
  infos BIGINT NOT NULL);
CREATE TABLE review_queue_drafts(
  submission TEXT COLLATE "C" PRIMARY KEY
    REFERENCES review_queue(submission) ON DELETE CASCADE,
  record TEXT NOT NULL,
  draft BYTEA NOT NULL);
CREATE INDEX review_queue_order ON review_queue(routed_at, path);
CREATE INDEX review_queue_node ON review_queue(node, routed_at, path);
CREATE INDEX review_queue_verdict ON review_queue(verdict, routed_at, path);
)sql";

// Version 8: the claim's index, as SQLite's (ledger_schema.cc).
constexpr const char* kVersion8 = R"sql(
CREATE INDEX http_submissions_open ON http_submissions(submitted_at, id)
  WHERE status IN ('pending', 'checking');
)sql";

// Version 9: the claims of each HTTP submission, as SQLite's.
constexpr const char* kVersion9 = R"sql(
ALTER TABLE http_submissions ADD COLUMN IF NOT EXISTS attempts INTEGER NOT NULL
  DEFAULT 0;
)sql";

// Version 10: decisions waiting for the node that holds the draft, as
// SQLite's (ledger_schema.cc).
constexpr const char* kVersion10 = R"sql(
CREATE TABLE IF NOT EXISTS pending_decisions(
  submission TEXT COLLATE "C" PRIMARY KEY,
  path TEXT COLLATE "C" NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL,
  node TEXT COLLATE "C" NOT NULL,
  decision TEXT COLLATE "C" NOT NULL,
  editor TEXT NOT NULL,
  reason TEXT NOT NULL,
  made_at TEXT COLLATE "C" NOT NULL,
  made_on TEXT COLLATE "C" NOT NULL,
  status TEXT COLLATE "C" NOT NULL,
  applied_at TEXT COLLATE "C",
  outcome TEXT);
CREATE INDEX IF NOT EXISTS pending_decisions_open ON pending_decisions(node, made_at)
  WHERE status = 'pending';
)sql";

// Version 11: the findings of a rule that held the submission back, as
// SQLite's (ledger_schema.cc).
constexpr const char* kVersion11 = R"sql(
ALTER TABLE submission_findings ADD COLUMN IF NOT EXISTS holding BIGINT;
DROP INDEX IF EXISTS submission_findings_counts;
CREATE INDEX IF NOT EXISTS submission_findings_holding
  ON submission_findings(submission, rule, count, holding);
)sql";

// The migrations, numbered as SQLite's (ledger_schema.cc): migration N
// brings version N-1 to N. A new version adds a line here.
struct PgMigration {
  int version;
  const char* sql;
};
constexpr PgMigration kPgMigrations[] = {
    {1, kVersion1}, {2, kVersion2},   {3, kVersion3},   {4, kVersion4},
    {5, kVersion5}, {6, kVersion6},   {7, kVersion7},   {8, kVersion8},
    {9, kVersion9}, {10, kVersion10}, {11, kVersion11},
};
static_assert(std::size(kPgMigrations) == kLedgerSchemaVersion);

// Inside the locked transaction: refuses a newer schema, runs what is
// missing.
Status MigrateLocked(PgConnection& conn) {
  if (Status s = conn.Run(
          "CREATE TABLE IF NOT EXISTS ledger_schema_versions(version INTEGER "
          "PRIMARY KEY, applied_at TEXT NOT NULL)");
      !s) {
    return s;
  }
  const Expected<int> found = PgSchemaVersion(conn);
  if (!found) return Unexpected(found.error());
  if (*found > kLedgerSchemaVersion) {
    return Unexpected(NewerSchemaError(*found));
  }
  for (const PgMigration& m : kPgMigrations) {
    if (m.version <= *found) continue;
    if (Status s = conn.Run(m.sql); !s) {
      return Unexpected("migration " + std::to_string(m.version) + ": " +
                        s.error());
    }
    if (Status s =
            conn.Run("INSERT INTO ledger_schema_versions(version, applied_at) "
                     "VALUES($1, to_char(now() AT TIME ZONE 'UTC', "
                     "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))",
                     {std::to_string(m.version)});
        !s) {
      return s;
    }
  }
  return {};
}

}  // namespace

Expected<int> PgSchemaVersion(PgConnection& conn) {
  Expected<PgResult> exists =
      conn.Exec("SELECT to_regclass('ledger_schema_versions') IS NOT NULL");
  if (!exists) return Unexpected(exists.error());
  if (exists->Text(0, 0) != "t") return 0;  // an empty database
  Expected<PgResult> r =
      conn.Exec("SELECT COALESCE(MAX(version), 0) FROM ledger_schema_versions");
  if (!r) return Unexpected(r.error());
  return static_cast<int>(r->Int(0, 0));
}

Expected<std::unique_ptr<PgConnection>> OpenPgLedgerConnection(
    const std::string& uri, const std::string& password) {
  Expected<std::unique_ptr<PgConnection>> conn =
      PgConnection::Open(uri, password);
  if (!conn) return Unexpected(conn.error());
  if (Status schema = ApplyPgSchema(**conn); !schema) {
    return Unexpected(schema.error());
  }
  return conn;
}

Status ApplyPgSchema(PgConnection& conn) {
  if (Status s = conn.Run("BEGIN"); !s) return s;
  Status status = conn.Run("SELECT pg_advisory_xact_lock($1)",
                           {std::to_string(kPgSchemaLock)});
  if (status) status = MigrateLocked(conn);
  if (status) status = conn.Run("COMMIT");
  if (!status) (void)conn.Run("ROLLBACK");
  return status;
}

}  // namespace proofgate
