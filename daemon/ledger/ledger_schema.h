// The ledger's schema, in one place for every connection that opens it
// (Ledger, DecisionLedger, `proofgate report`), and its migrations.
//
// Version 1 (PRAGMA user_version) adds to the tables of daemon/ledger/
// ledger.h and decision_ledger.h:
//   - submissions.first_submitted_at: the first submission of the draft's
//     path since it last reached ready/ by a passing verdict (the start of
//     its cycle time), set when the row is written;
//   - metric_totals (daemon/ledger/ledger_totals.h);
//   - indexes on submissions(submitted_at), submissions(area) and
//     decisions(decided_at) for the report's time windows.
// Migrating a version-0 ledger fills first_submitted_at and the totals from
// the existing rows, in one transaction.
//
// Version 2 adds the webhook outbox, notify_outbox
// (daemon/ledger/notify_outbox.h); nothing to fill.
//
// Version 3 adds the link cache, link_cache (daemon/ledger/
// link_cache_store.h), which the SQLite store created on its own before.
//
// Version 4 adds indexes for the review report's window scan:
// submissions(submitted_at, id) and submission_findings(submission, rule,
// count); creating them indexes the existing rows.
//
// Version 5 adds submission_reviewers(submission, reviewer): the reviewers
// a submission's findings name, written with the submission; earlier
// submissions name none.
//
// Version 6 adds the HTTP submissions' queue, http_submissions
// (daemon/ledger/submission_queue.h); nothing to fill.
//
// Version 7 adds submissions.node (the daemon that routed it, its config's
// `node`) and the queue index, review_queue (daemon/ledger/ledger_rows.h):
// a row per draft waiting in review/, written with its routing and removed
// with its decision or its supersede; each daemon fills its own rows from
// its spool's review/ at start (DecisionLedger::SyncQueue).
//
// Version 8 adds the HTTP submissions' claim index, http_submissions_open
// (submitted_at, id) over the pending and checking rows only.
//
// Version 9 adds http_submissions.attempts: how many times the submission
// was claimed (0 for those before); after `submission_max_attempts` a
// claim routes it to review/ unchecked (daemon/service/submission_worker.h).
//
// Version 10 adds pending_decisions (daemon/ledger/pending_decisions.h):
// decisions taken on a node that does not hold the draft, until the node
// that does applies or refuses them; nothing to fill.
//
// Version 11 adds submission_findings.holding: how many of the rule's
// findings failed the submission or sent it to review (NULL for rows
// before: the review report then counts them all), and replaces the
// report's covering index with submission_findings(submission, rule,
// count, holding).
//
// MIGRATIONS are numbered (kMigrations in ledger_schema.cc: migration N
// takes version N-1 to N) and run at open, in one transaction under
// SQLite's write lock (BEGIN IMMEDIATE), so two processes opening the
// ledger together migrate it once. A ledger whose version is newer than
// kLedgerSchemaVersion is refused (NewerSchemaError). PostgreSQL ledgers
// carry the same version numbers (daemon/ledger/pg_schema.h).
#ifndef PROOFGATE_DAEMON_LEDGER_LEDGER_SCHEMA_H_
#define PROOFGATE_DAEMON_LEDGER_LEDGER_SCHEMA_H_

#include <filesystem>
#include <string>

#include "checks/expected.h"

struct sqlite3;

namespace proofgate {

// The version ApplyLedgerSchema() brings a ledger to.
inline constexpr int kLedgerSchemaVersion = 11;

// Creates what is missing and migrates an older ledger to
// kLedgerSchemaVersion (idempotent; concurrent openers serialize on the
// write lock). Success or SQLite's message (nothing changed then); a
// ledger of a newer version is left alone and refused (NewerSchemaError).
Status ApplyLedgerSchema(sqlite3* db);

// Opens a second connection to the existing SQLite ledger `file` (created
// by SqliteLedger::OpenFile) for one of its writers besides the Ledger
// (decisions, the webhook outbox): synchronous=FULL, the schema brought up
// to date. Returns the connection, for the caller to close with
// sqlite3_close(), or SQLite's message.
Expected<sqlite3*> OpenLedgerConnection(const std::filesystem::path& file);

// Opens (creating when missing) the SQLite ledger `file` as its main
// writers do (SqliteLedger, SqliteSubmissionQueue): WAL mode,
// synchronous=FULL, temporary storage in memory, the schema brought up to
// date. The folder must exist. Returns the connection, for the caller to
// close with sqlite3_close(), or SQLite's message.
Expected<sqlite3*> OpenLedgerFile(const std::filesystem::path& file);

// The message refusing a ledger at schema version `found`, newer than
// kLedgerSchemaVersion (for every backend).
std::string NewerSchemaError(int found);

// The ledger's PRAGMA user_version (0 for a new or version-0 ledger), or
// -1 when it cannot be read.
int LedgerSchemaVersion(sqlite3* db);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LEDGER_SCHEMA_H_
