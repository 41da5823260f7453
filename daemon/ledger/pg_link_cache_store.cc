#include "daemon/ledger/pg_link_cache_store.h"

#include <ctime>

#include "daemon/ledger/pg_schema.h"

namespace proofgate {

namespace {

constexpr const char* kColumns =
    "key, outcome, status, final_url, detail, expires_at";

// The entries of `rows` (columns as kColumns), skipping an outcome this
// version does not know (a later version wrote it: the link is probed
// again).
std::vector<LinkCacheStore::Entry> EntriesOf(const PgResult& rows) {
  std::vector<LinkCacheStore::Entry> out;
  for (int i = 0; i < rows.rows(); ++i) {
    LinkCacheStore::Entry e;
    e.key = rows.Text(i, 0);
    if (!ParseProbeOutcome(rows.Text(i, 1), e.result.outcome)) continue;
    e.result.status = static_cast<int>(rows.Int(i, 2));
    e.result.final_url = rows.Text(i, 3);
    e.result.detail = rows.Text(i, 4);
    e.expires_unix_s = rows.Int(i, 5);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Expected<std::shared_ptr<PgLinkCacheStore>> PgLinkCacheStore::Open(
    const std::string& uri, const std::string& password) {
  Expected<std::unique_ptr<PgConnection>> conn =
      OpenPgLedgerConnection(uri, password);
  if (!conn) return Unexpected(conn.error());
  return std::shared_ptr<PgLinkCacheStore>(
      new PgLinkCacheStore(std::move(*conn)));
}

std::vector<LinkCacheStore::Entry> PgLinkCacheStore::LoadAll(
    int64_t now_unix_s) {
  const std::string now = std::to_string(now_unix_s);
  (void)conn_->Run("DELETE FROM link_cache WHERE expires_at <= $1", {now});
  Expected<PgResult> rows = conn_->Exec(std::string("SELECT ") + kColumns +
                                            " FROM link_cache WHERE "
                                            "expires_at > $1",
                                        {now});
  return rows ? EntriesOf(*rows) : std::vector<Entry>{};
}

void PgLinkCacheStore::Put(const Entry& entry) {
  const int64_t now = std::time(nullptr);
  if (!Available(now)) return;
  const Status stored = conn_->Run(
      std::string("INSERT INTO link_cache(") + kColumns +
          ") VALUES($1, $2, $3, $4, $5, $6) ON CONFLICT(key) DO UPDATE SET "
          "outcome = excluded.outcome, status = excluded.status, final_url = "
          "excluded.final_url, detail = excluded.detail, expires_at = "
          "excluded.expires_at WHERE link_cache.expires_at <= "
          "excluded.expires_at",
      {entry.key, ProbeOutcomeName(entry.result.outcome),
       std::to_string(entry.result.status), entry.result.final_url,
       entry.result.detail, std::to_string(entry.expires_unix_s)});
  if (!stored) Failed(now);
}

std::optional<LinkCacheStore::Entry> PgLinkCacheStore::Get(
    const std::string& key, int64_t now_unix_s) {
  if (!Available(now_unix_s)) return std::nullopt;
  Expected<PgResult> rows =
      conn_->Exec(std::string("SELECT ") + kColumns +
                      " FROM link_cache WHERE key = $1 AND expires_at > $2",
                  {key, std::to_string(now_unix_s)});
  if (!rows) {
    Failed(now_unix_s);
    return std::nullopt;
  }
  std::vector<Entry> found = EntriesOf(*rows);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

}  // namespace proofgate
