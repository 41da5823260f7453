#include "daemon/ledger/ledger_location.h"

#include <string>

#include "daemon/ledger/link_cache_store.h"
#include "daemon/ledger/pg_decision_ledger.h"
#include "daemon/ledger/pg_ledger.h"
#include "daemon/ledger/pg_link_cache_store.h"
#include "daemon/ledger/pg_submission_queue.h"
#include "daemon/ledger/sqlite_decision_ledger.h"
#include "daemon/ledger/sqlite_ledger.h"
#include "daemon/ledger/sqlite_submission_queue.h"

namespace proofgate {

Status CheckLedgerSetting(const std::string& setting) {
  if (!IsPostgresUri(setting)) return {};
  return CheckPgUri(setting);
}

std::string LedgerLocation::ForLog() const {
  return postgres() ? RedactUri(uri) : file.string();
}

LedgerLocation LedgerLocationOf(const std::string& setting,
                                const std::filesystem::path& default_file,
                                const std::string& password) {
  LedgerLocation where;
  if (IsPostgresUri(setting)) {
    where.uri = setting;
    where.password = password;
  } else {
    where.file =
        setting.empty() ? default_file : std::filesystem::path(setting);
  }
  return where;
}

Expected<std::unique_ptr<Ledger>> OpenLedger(const LedgerLocation& where) {
  if (where.postgres()) {
    auto opened = PgLedger::Open(where.uri, where.password);
    if (!opened) return Unexpected(opened.error());
    return std::unique_ptr<Ledger>(std::move(*opened));
  }
  return Ledger::OpenFile(where.file);
}

Expected<std::unique_ptr<DecisionLedger>> OpenDecisionLedger(
    const LedgerLocation& where) {
  if (where.postgres()) {
    auto opened = PgDecisionLedger::Open(where.uri, where.password);
    if (!opened) return Unexpected(opened.error());
    return std::unique_ptr<DecisionLedger>(std::move(*opened));
  }
  return DecisionLedger::OpenFile(where.file);
}

Expected<std::shared_ptr<LinkCacheStore>> OpenLinkCacheStore(
    const LedgerLocation& where) {
  if (where.postgres()) {
    auto opened = PgLinkCacheStore::Open(where.uri, where.password);
    if (!opened) return Unexpected(opened.error());
    return std::shared_ptr<LinkCacheStore>(std::move(*opened));
  }
  auto opened = SqliteLinkCacheStore::OpenFile(where.file);
  if (!opened) return Unexpected(opened.error());
  return std::shared_ptr<LinkCacheStore>(std::move(*opened));
}

Expected<std::unique_ptr<SubmissionQueue>> OpenSubmissionQueue(
    const LedgerLocation& where) {
  if (where.postgres()) {
    auto opened = PgSubmissionQueue::Open(where.uri, where.password);
    if (!opened) return Unexpected(opened.error());
    return std::unique_ptr<SubmissionQueue>(std::move(*opened));
  }
  auto opened = SqliteSubmissionQueue::OpenFile(where.file);
  if (!opened) return Unexpected(opened.error());
  return std::unique_ptr<SubmissionQueue>(std::move(*opened));
}

}  // namespace proofgate
