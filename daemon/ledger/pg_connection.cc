#include "daemon/ledger/pg_connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "daemon/ledger/pg_uri.h"

namespace proofgate {

namespace {

void DropNotice(void*, const char*) {}

// libpq's message without its trailing newline.
std::string ErrorOf(const PGconn* conn) {
  std::string s = PQerrorMessage(conn);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.empty() ? "unknown PostgreSQL error" : s;
}

}  // namespace

std::string PgDollarParams(std::string_view sql) {
  std::string out(sql);
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '?' && std::isdigit(static_cast<unsigned char>(out[i + 1]))) {
      out[i] = '$';
    }
  }
  return out;
}

PgResult::~PgResult() { PQclear(result_); }

int PgResult::rows() const { return result_ ? PQntuples(result_) : 0; }

std::string PgResult::Text(int row, int column) const {
  if (IsNull(row, column)) return "";
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<size_t>(PQgetlength(result_, row, column)));
}

std::string_view PgResult::View(int row, int column) const {
  if (IsNull(row, column)) return {};
  return {PQgetvalue(result_, row, column),
          static_cast<size_t>(PQgetlength(result_, row, column))};
}

long long PgResult::Int(int row, int column) const {
  if (IsNull(row, column)) return 0;
  return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

double PgResult::Real(int row, int column) const {
  if (IsNull(row, column)) return 0;
  return std::strtod(PQgetvalue(result_, row, column), nullptr);
}

std::string PgResult::Bytes(int row, int column) const {
  if (IsNull(row, column)) return "";
  size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row, column)),
      &length);
  if (bytes == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

bool PgResult::IsNull(int row, int column) const {
  return result_ == nullptr || row >= PQntuples(result_) ||
         column >= PQnfields(result_) || PQgetisnull(result_, row, column) != 0;
}

long long PgResult::Affected() const {
  const char* n = result_ ? PQcmdTuples(result_) : "";
  return *n ? std::strtoll(n, nullptr, 10) : 0;
}

std::optional<std::string> PgConnection::ByteaText(std::string_view bytes) {
  // The format follows the server libpq last spoke to: on a connection
  // found broken libpq has forgotten it and would fall back to the
  // pre-9.0 escape format with doubled backslashes, which a parameter
  // stores as literal "\\012" text. Reconnect first, or give up.
  // Inside a transaction a new connection would not hold it: the
  // transaction is lost (Exec() refuses all but "ROLLBACK").
  if (PQstatus(conn_) != CONNECTION_OK && in_transaction_) {
    lost_transaction_ = true;
    in_transaction_ = false;
    return std::nullopt;
  }
  if (PQstatus(conn_) != CONNECTION_OK) PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) return std::nullopt;
  size_t length = 0;
  unsigned char* text = PQescapeByteaConn(
      conn_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
      &length);
  if (text == nullptr) return std::nullopt;
  // `length` counts the terminating NUL.
  std::string out(reinterpret_cast<const char*>(text), length ? length - 1 : 0);
  PQfreemem(text);
  return out;
}

Expected<std::unique_ptr<PgConnection>> PgConnection::Open(
    const std::string& uri, const std::string& password) {
  // libpq's own message for a malformed URI quotes it, password and all.
  if (Status s = CheckPgUri(uri); !s) return Unexpected(s.error());
  // expand_dbname: `dbname` holds the whole URI; what it says overrides
  // the keywords before it (the defaults), the password after it wins.
  std::vector<const char*> keys, values;
  for (const auto& [key, value] : kPgConnectionDefaults) {
    keys.push_back(key);
    values.push_back(value);
  }
  keys.push_back("dbname");
  values.push_back(uri.c_str());
  if (!password.empty()) {
    keys.push_back("password");
    values.push_back(password.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn =
      PQconnectdbParams(keys.data(), values.data(), /*expand_dbname=*/1);
  if (conn == nullptr) return Unexpected(std::string("out of memory"));
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string error = ErrorOf(conn);
    PQfinish(conn);
    return Unexpected(error);
  }
  PQsetNoticeProcessor(conn, DropNotice, nullptr);
  return std::unique_ptr<PgConnection>(new PgConnection(conn));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

std::string PgConnection::Option(const char* key) const {
  PQconninfoOption* options = PQconninfo(conn_);
  if (options == nullptr) return "";
  std::string value;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::strcmp(o->keyword, key) == 0 && o->val != nullptr) value = o->val;
  }
  PQconninfoFree(options);
  return value;
}

Expected<PgResult> PgConnection::Exec(const std::string& sql,
                                      const PgParams& params, bool all_text) {
  // Broken since the last statement, which left a transaction open: the
  // server rolled it back.
  if (PQstatus(conn_) != CONNECTION_OK && in_transaction_) {
    lost_transaction_ = true;
  }
  in_transaction_ = false;
  if (lost_transaction_) {
    if (sql != "ROLLBACK") {
      return Unexpected(
          std::string("the connection to the PostgreSQL server broke inside a "
                      "transaction, which the server rolled back"));
    }
    lost_transaction_ = false;  // the ROLLBACK runs (a no-op) on a new one
  }
  const bool broken = PQstatus(conn_) != CONNECTION_OK;
  if (broken) PQreset(conn_);
  // Still no server: nothing is sent (a transaction open before was
  // flagged above; none can be open on a connection that is not there).
  if (PQstatus(conn_) != CONNECTION_OK) return Unexpected(ErrorOf(conn_));
  // Outside a transaction a statement that failed because the connection
  // broke (the server restarted) is sent once more on a new one; inside
  // one the transaction is lost anyway and the caller's retry starts over.
  // A connection found broken here held no transaction: the statement
  // that broke one set lost_transaction_ (and a reset that failed reports
  // no transaction status at all).
  const bool idle = broken || PQtransactionStatus(conn_) == PQTRANS_IDLE;
  Expected<PgResult> first = ExecOnce(sql, params, all_text);
  const bool broke = !first && PQstatus(conn_) == CONNECTION_BAD;
  if (broke && !idle) lost_transaction_ = true;
  if (broke && idle) PQreset(conn_);
  Expected<PgResult> result =
      broke && idle ? ExecOnce(sql, params, all_text) : std::move(first);
  in_transaction_ = PQstatus(conn_) == CONNECTION_OK &&
                    PQtransactionStatus(conn_) != PQTRANS_IDLE;
  return result;
}

Expected<PgResult> PgConnection::ExecOnce(const std::string& sql,
                                          const PgParams& params,
                                          bool all_text) {
  PGresult* r = nullptr;
  if (params.empty()) {
    r = PQexec(conn_, sql.c_str());
  } else {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    constexpr Oid kTextOid = 25;  // pg_type.h: TEXTOID
    const std::vector<Oid> types(all_text ? values.size() : 0, kTextOid);
    r = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()),
                     all_text ? types.data() : nullptr, values.data(), nullptr,
                     nullptr, 0);
  }
  PgResult result(r);
  const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return Unexpected(ErrorOf(conn_));
  }
  return Expected<PgResult>(std::move(result));
}

Expected<std::vector<std::string>> PgConnection::Notifications(
    std::chrono::milliseconds timeout) {
  std::vector<std::string> payloads;
  auto take = [&] {
    while (PGnotify* n = PQnotifies(conn_)) {
      payloads.emplace_back(n->extra != nullptr ? n->extra : "");
      PQfreemem(n);
    }
  };
  take();  // read along with an earlier statement's result
  if (!payloads.empty()) return payloads;
  const int fd = PQsocket(conn_);
  if (fd < 0 || PQstatus(conn_) != CONNECTION_OK) {
    return Unexpected(std::string("the connection to the server is closed"));
  }
  pollfd ready{fd, POLLIN, 0};
  const int n = poll(&ready, 1, static_cast<int>(timeout.count()));
  if (n < 0 && errno != EINTR) {
    return Unexpected(std::string("poll: ") + std::strerror(errno));
  }
  if (n > 0) {
    if (PQconsumeInput(conn_) == 0) return Unexpected(ErrorOf(conn_));
    take();
  }
  return payloads;
}

Status PgConnection::Run(const std::string& sql, const PgParams& params) {
  Expected<PgResult> r = Exec(sql, params);
  if (!r) return Unexpected(r.error());
  return {};
}

}  // namespace proofgate
