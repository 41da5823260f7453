// The PostgreSQL ledger's schema: the tables of daemon/ledger/ledger.h,
// decision_ledger.h and ledger_totals.h with the same columns and meaning
// as in SQLite (daemon/ledger/ledger_schema.h), and its migrations.
//
// Types: text columns are TEXT COLLATE "C" (byte order, as SQLite
// compares, so RFC 3339 times and ids sort the same on both); sizes,
// counts and buckets BIGINT; seconds and totals DOUBLE PRECISION;
// routing_events.seq a BIGINT identity.
//
// MIGRATIONS carry the SQLite ledger's version numbers: version N means
// the same tables on both backends. The applied versions are rows of
//
//   ledger_schema_versions(version INTEGER PRIMARY KEY, applied_at TEXT)
//
// PostgreSQL has no version 0: migration 1 creates the version-1 schema
// whole. ApplyPgSchema() runs at every open, in one transaction holding
// the advisory lock kPgSchemaLock (pg_advisory_xact_lock: released at
// commit or rollback), so two daemons starting together migrate once and
// neither sees half a schema; DDL is transactional in PostgreSQL, so a
// failed migration leaves nothing behind.
#ifndef PROOFGATE_DAEMON_LEDGER_PG_SCHEMA_H_
#define PROOFGATE_DAEMON_LEDGER_PG_SCHEMA_H_

#include <memory>
#include <string>

#include "checks/expected.h"
#include "daemon/ledger/pg_connection.h"

namespace proofgate {

// The advisory lock key the migrations hold: "proofgat" in ASCII, so it
// does not collide with another application's small integers.
inline constexpr long long kPgSchemaLock = 0x70726f6f66676174LL;

// Creates what is missing and migrates the database of `conn` to
// kLedgerSchemaVersion under kPgSchemaLock. Success, or the server's
// message (nothing changed then); a database at a newer version is
// refused with NewerSchemaError() (daemon/ledger/ledger_schema.h).
// Blocks while another node migrates.
Status ApplyPgSchema(PgConnection& conn);

// Connects to `uri` with `password` (PgConnection::Open) and brings the
// schema up to date (ApplyPgSchema): the connection every PostgreSQL
// ledger object opens with, or the connection's or server's message.
Expected<std::unique_ptr<PgConnection>> OpenPgLedgerConnection(
    const std::string& uri, const std::string& password);

// The highest applied version (0 for an empty database), or the server's
// message.
Expected<int> PgSchemaVersion(PgConnection& conn);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_SCHEMA_H_
