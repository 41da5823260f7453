// Where the ledger is, from the daemon's `ledger:` setting, and opening it
// with the backend that setting selects (daemon/ledger/ledger.h,
// BACKENDS):
//
//   absent or ""           SQLite at <spool>/.proofgate/ledger.sqlite
//   a path                 SQLite at that file
//   postgresql://... or    PostgreSQL at that libpq connection URI
//   postgres://...         (https://www.postgresql.org/docs/15/
//                          libpq-connect.html#LIBPQ-CONNSTRING)
//
// The PostgreSQL password comes from `ledger_password_file` (read by the
// caller into `password`) or libpq's PGPASSFILE / ~/.pgpass; a password
// written in the URI works but is never logged: ForLog() redacts it.
#ifndef PROOFGATE_DAEMON_LEDGER_LEDGER_LOCATION_H_
#define PROOFGATE_DAEMON_LEDGER_LEDGER_LOCATION_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "checks/expected.h"
#include "checks/network/link_prober.h"
#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/pg_uri.h"
#include "daemon/ledger/submission_queue.h"

namespace proofgate {

struct LedgerLocation {
  std::filesystem::path file;  // SQLite, when `uri` is empty
  std::string uri;             // a libpq URI: PostgreSQL
  std::string password;        // for `uri`; "" = libpq's own rules

  bool postgres() const { return !uri.empty(); }
  // The file's path, or the URI with any password replaced by "***":
  // what logs and error messages show.
  std::string ForLog() const;
};

// Checks a `ledger:` setting: a PostgreSQL URI must pass CheckPgUri
// (daemon/ledger/pg_uri.h); anything else is a path and passes.
Status CheckLedgerSetting(const std::string& setting);

// The location for `setting` (`ledger:`), `default_file` when it is empty,
// with `password` for a PostgreSQL URI.
LedgerLocation LedgerLocationOf(const std::string& setting,
                                const std::filesystem::path& default_file,
                                const std::string& password);

// Opens the ledger at `where` with its backend (SqliteLedger::OpenFile,
// creating the file; PgLedger::Open). Returns it (never null) or the
// backend's message, which never holds the password.
Expected<std::unique_ptr<Ledger>> OpenLedger(const LedgerLocation& where);

// The same for the decisions' connection (SqliteDecisionLedger,
// PgDecisionLedger).
Expected<std::unique_ptr<DecisionLedger>> OpenDecisionLedger(
    const LedgerLocation& where);

// The link cache's store in the ledger at `where`: the table link_cache of
// the SQLite file (SqliteLinkCacheStore) or of the PostgreSQL database,
// shared by every node (PgLinkCacheStore). Returns it (never null) or the
// backend's message, which never holds the password.
Expected<std::shared_ptr<LinkCacheStore>> OpenLinkCacheStore(
    const LedgerLocation& where);

// The same as OpenLedger for the HTTP submissions' queue
// (SqliteSubmissionQueue, PgSubmissionQueue; daemon/ledger/submission_queue.h).
Expected<std::unique_ptr<SubmissionQueue>> OpenSubmissionQueue(
    const LedgerLocation& where);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LEDGER_LOCATION_H_
