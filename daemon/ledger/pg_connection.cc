#include "daemon/ledger/pg_connection.h"

#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>

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
  // expand_dbname: `dbname` holds the whole URI; the keywords after it
  // override what it says.
  const char* keys[] = {"dbname", "connect_timeout",
                        password.empty() ? nullptr : "password", nullptr};
  const char* values[] = {uri.c_str(), "10", password.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
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

Expected<PgResult> PgConnection::Exec(const std::string& sql,
                                      const PgParams& params, bool all_text) {
  if (lost_transaction_) {
    if (sql != "ROLLBACK") {
      return Unexpected(
          std::string("the connection to the PostgreSQL server broke inside a "
                      "transaction, which the server rolled back"));
    }
    lost_transaction_ = false;  // the ROLLBACK runs (a no-op) on a new one
  }
  if (PQstatus(conn_) != CONNECTION_OK) PQreset(conn_);
  // Outside a transaction a statement that failed because the connection
  // broke (the server restarted) is sent once more on a new one; inside
  // one the transaction is lost anyway and the caller's retry starts over.
  const bool idle = PQtransactionStatus(conn_) == PQTRANS_IDLE;
  Expected<PgResult> first = ExecOnce(sql, params, all_text);
  if (!first && !idle && PQstatus(conn_) == CONNECTION_BAD) {
    lost_transaction_ = true;
  }
  if (first || !idle || PQstatus(conn_) != CONNECTION_BAD) return first;
  PQreset(conn_);
  return ExecOnce(sql, params, all_text);
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

Status PgConnection::Run(const std::string& sql, const PgParams& params) {
  Expected<PgResult> r = Exec(sql, params);
  if (!r) return Unexpected(r.error());
  return {};
}

}  // namespace proofgate
