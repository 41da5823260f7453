// LinkCacheStore on SQLite: the link-reachability answers of the prober
// (checks/link_prober.h), kept in the daemon's ledger file so a restart
// does not re-check every link. One table of its own, created on open:
//
//   link_cache(key TEXT PRIMARY KEY,   -- policy fingerprint '\n' URL
//              outcome TEXT,           -- ok|redirected|broken|server-error|
//                                      -- timeout|refused
//              status INTEGER, final_url TEXT, detail TEXT,
//              expires_at INTEGER)     -- seconds since the Unix epoch
//
// The table is part of the ledger's schema since version 3
// (daemon/ledger/ledger_schema.h); the store also creates it when missing,
// for a file it opens before the ledger does.
//
// Its own connection (WAL mode lets it share the file with the ledger's);
// synchronous=NORMAL, since losing the last answers in a power failure only
// means checking those links again. Expired rows are deleted on open.
#ifndef PROOFGATE_DAEMON_LEDGER_LINK_CACHE_STORE_H_
#define PROOFGATE_DAEMON_LEDGER_LINK_CACHE_STORE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "checks/network/link_prober.h"

struct sqlite3;

namespace proofgate {

// The table's DDL (CREATE TABLE IF NOT EXISTS), for the store and the
// ledger's migration 3.
extern const char* const kSqliteLinkCacheSchema;

class SqliteLinkCacheStore : public LinkCacheStore {
 public:
  // Opens `file` (an SQLite database, created when missing; the folder
  // must exist) and creates the table when missing. Returns the store
  // (never null), or SQLite's message.
  static Expected<std::shared_ptr<SqliteLinkCacheStore>> OpenFile(
      const std::filesystem::path& file);

  ~SqliteLinkCacheStore() override;
  SqliteLinkCacheStore(const SqliteLinkCacheStore&) = delete;
  SqliteLinkCacheStore& operator=(const SqliteLinkCacheStore&) = delete;

  // LinkCacheStore. Errors (a locked or full disk) lose the entry, never
  // throw: the answer stays in the prober's memory.
  std::vector<Entry> LoadAll(int64_t now_unix_s) override;
  void Put(const Entry& entry) override;

 private:
  explicit SqliteLinkCacheStore(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LINK_CACHE_STORE_H_
