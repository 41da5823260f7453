// A PostgreSQL connection through libpq (the C client library Debian
// ships as libpq5): connect from a libpq URI, run a statement with text
// parameters, read its rows. The PostgreSQL ledger backend's only door to
// the server (daemon/ledger/pg_ledger.h, pg_decision_ledger.h,
// pg_schema.h).
//
// libpq rather than libpqxx: the project reports errors as values
// (checks/expected.h) where libpqxx throws, libpq is already what
// libpqxx wraps (one library less to install), and the ledger needs four
// calls of it (connect, exec with parameters, read a cell, reset).
#ifndef PROOFGATE_DAEMON_LEDGER_PG_CONNECTION_H_
#define PROOFGATE_DAEMON_LEDGER_PG_CONNECTION_H_

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/expected.h"

struct pg_conn;
struct pg_result;

namespace proofgate {

// The rows of one statement. Movable, not copyable; frees its result.
class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : result_(other.result_) {
    other.result_ = nullptr;
  }
  PgResult& operator=(PgResult&&) = delete;
  PgResult(const PgResult&) = delete;

  int rows() const;
  // Cell (row, column) as text ("" for NULL), as an integer (0 when NULL
  // or not one), as a real.
  std::string Text(int row, int column) const;
  // Cell (row, column) as text without a copy ("" for NULL): valid while
  // this result lives.
  std::string_view View(int row, int column) const;
  long long Int(int row, int column) const;
  double Real(int row, int column) const;
  bool IsNull(int row, int column) const;
  // Cell (row, column) of a BYTEA column as its bytes ("" for NULL or
  // when libpq cannot decode it).
  std::string Bytes(int row, int column) const;
  // Rows an INSERT, UPDATE or DELETE touched (0 for other statements).
  long long Affected() const;

 private:
  pg_result* result_;
};

// `sql` with its parameters ?1, ?2, ... (SQLite's numbered form) written
// $1, $2, ..., for SQL both backends share. Any '?' followed by a digit is
// taken for one, string literals included. Pure.
std::string PgDollarParams(std::string_view sql);

// Parameters of a statement, $1.. in order; nullopt is NULL. Text only:
// the server converts each to its column's type.
using PgParams = std::vector<std::optional<std::string>>;

// libpq connection keywords every PostgreSQL connection starts from; a
// URI's own parameters (`?connect_timeout=30`) override them. Keepalive
// probes after 10 s idle, every 5 s, 3 unanswered = lost (25 s);
// tcp_user_timeout (ms, Linux) bounds data left unacknowledged.
inline constexpr std::pair<const char*, const char*> kPgConnectionDefaults[] = {
    {"connect_timeout", "10"}, {"keepalives", "1"},
    {"keepalives_idle", "10"}, {"keepalives_interval", "5"},
    {"keepalives_count", "3"}, {"tcp_user_timeout", "30000"}};

class PgConnection {
 public:
  // Connects to `uri` (a libpq connection URI, postgresql://...; TLS by
  // its sslmode) with `password` when not empty (otherwise libpq's own
  // rules: PGPASSFILE, ~/.pgpass). Unless the URI sets them otherwise
  // (kPgConnectionDefaults): gives up connecting after 10 s, and a server
  // that stops answering mid-statement (a host gone, a network cut) fails
  // the statement after 30 s of unacknowledged data or 25 s of silence on
  // an idle connection (TCP keepalives), instead of the kernel's ~15
  // minutes, so no thread waits on a lost server for long. Server notices
  // (e.g. "relation already exists, skipping") are dropped. Returns the
  // connection, or libpq's message with the password never in it.
  // The value libpq uses for connection keyword `key` (PQconninfo), or ""
  // when it has none. Thread safety: as Exec().
  std::string Option(const char* key) const;

  static Expected<std::unique_ptr<PgConnection>> Open(
      const std::string& uri, const std::string& password);

  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement `sql` with `params` ($1..). A connection found
  // broken (the server restarted) is reset first; a statement outside a
  // transaction that fails because the connection broke is sent once more
  // on a new connection. Inside a transaction the error is returned (the
  // transaction is gone) and so is an error for every later statement
  // until the caller's "ROLLBACK": none of them may run in autocommit on a
  // new connection, where a COMMIT would succeed over rows the server
  // rolled back. Returns its rows, or the server's message. Not
  // thread-safe: one caller at a time.
  // `all_text`: every parameter is declared text (for SQL whose parameters
  // the server cannot type itself); otherwise the server infers each.
  Expected<PgResult> Exec(const std::string& sql, const PgParams& params = {},
                          bool all_text = false);
  // Exec() for a statement whose rows do not matter; several statements
  // separated by ';' when `params` is empty.
  Status Run(const std::string& sql, const PgParams& params = {});

  // The payloads of the notifications received on the channels this
  // connection LISTENs to (run "LISTEN <channel>" first), in order of
  // arrival: those already received, else those arriving within `timeout`
  // (ms; the wait is poll(2) on the connection's socket). Empty when none
  // arrived. Fails with libpq's message when the connection is broken:
  // LISTEN does not survive a reconnection, so the caller opens a new
  // connection and listens again. Not thread-safe, as Exec().
  Expected<std::vector<std::string>> Notifications(
      std::chrono::milliseconds timeout);

  // `bytes` as the text a BYTEA parameter takes (libpq's
  // PQescapeByteaConn: "\x" and hex digits); nullopt when libpq is out of
  // memory or the server cannot be reached (a broken connection is reset
  // first: the format depends on the server libpq is connected to).
  std::optional<std::string> ByteaText(std::string_view bytes);

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  // Exec() without the reconnection.
  Expected<PgResult> ExecOnce(const std::string& sql, const PgParams& params,
                              bool all_text);
  pg_conn* conn_;
  // The connection broke inside a transaction; cleared by "ROLLBACK".
  bool lost_transaction_ = false;
  // Whether the last statement left a transaction open: a connection
  // found broken before the next one lost it (the server rolled it back),
  // even when no statement can reach the server to find out.
  bool in_transaction_ = false;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_CONNECTION_H_
