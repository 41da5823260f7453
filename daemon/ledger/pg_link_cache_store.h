// LinkCacheStore on PostgreSQL: the link-reachability answers of the
// prober (checks/network/link_prober.h) in the ledger database, shared by
// every daemon on it. The table (schema version 3, daemon/ledger/
// pg_schema.h) has the columns of SQLite's (daemon/ledger/
// link_cache_store.h):
//
//   link_cache(key PRIMARY KEY,  -- policy fingerprint '\n' URL
//              outcome, status, final_url, detail,
//              expires_at)       -- seconds since the Unix epoch
//
// Sharing: LoadAll() at start gives a node what every node found; Get(),
// asked before each URL's first request, gives what another node found
// since, so a link is probed once per TTL across the cluster (up to the
// few nodes asking at the same moment). Put() keeps the later expiry when
// two nodes answer together. Its own connection; errors (the server
// away) lose the entry or the lookup, never throw: the answer stays in
// the prober's memory and the link is probed as without a store. After a
// failure the store is not asked for kPauseAfterFailureS seconds, so a
// server that is down (each reconnection may take up to libpq's 10 s
// connect timeout) does not hold up the prober's threads, which call the
// store one at a time.
#ifndef PROOFGATE_DAEMON_LEDGER_PG_LINK_CACHE_STORE_H_
#define PROOFGATE_DAEMON_LEDGER_PG_LINK_CACHE_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "checks/network/link_prober.h"
#include "daemon/ledger/pg_connection.h"

namespace proofgate {

class PgLinkCacheStore final : public LinkCacheStore {
 public:
  // Connects to `uri` with `password` (PgConnection::Open) and brings the
  // schema up to date. Returns the store (never null), or the connection's
  // or server's message (never holding the password).
  static Expected<std::shared_ptr<PgLinkCacheStore>> Open(
      const std::string& uri, const std::string& password);

  // LinkCacheStore. Not thread-safe: the prober serializes its calls.
  // LoadAll also deletes the rows that expired by `now_unix_s`.
  std::vector<Entry> LoadAll(int64_t now_unix_s) override;
  void Put(const Entry& entry) override;
  std::optional<Entry> Get(const std::string& key, int64_t now_unix_s) override;

 private:
  // 60 s: a restarting server is back within it; a link answer lost
  // meanwhile only means probing that link again.
  static constexpr int64_t kPauseAfterFailureS = 60;

  explicit PgLinkCacheStore(std::unique_ptr<PgConnection> conn)
      : conn_(std::move(conn)) {}
  // Whether the store may be asked at `now_unix_s` (no failure within
  // kPauseAfterFailureS); Failed() starts a pause.
  bool Available(int64_t now_unix_s) const {
    return now_unix_s >= paused_until_;
  }
  void Failed(int64_t now_unix_s) {
    paused_until_ = now_unix_s + kPauseAfterFailureS;
  }

  std::unique_ptr<PgConnection> conn_;
  int64_t paused_until_ = 0;  // see Available()
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_LINK_CACHE_STORE_H_
