#include "daemon/ledger/ledger_location.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "daemon/ledger/pg_decision_ledger.h"
#include "daemon/ledger/pg_ledger.h"
#include "daemon/ledger/pg_submission_queue.h"
#include "daemon/ledger/sqlite_decision_ledger.h"
#include "daemon/ledger/sqlite_ledger.h"
#include "daemon/ledger/sqlite_submission_queue.h"

namespace proofgate {

namespace {

// `text` with its %XX escapes decoded, as libpq decodes a URI's parameter
// names ("pass%77ord" is "password").
std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(
          std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Replaces the value of every `password` parameter (its name
// percent-decoded) of the query part starting at `query` (at '?') with
// "***".
void RedactQuery(std::string& uri, size_t query) {
  size_t at = query;
  while (at < uri.size()) {
    const size_t name = at + 1;
    size_t end = uri.find('&', name);
    if (end == std::string::npos) end = uri.size();
    const size_t equals = uri.find('=', name);
    if (equals < end && PercentDecoded(std::string_view(uri).substr(
                            name, equals - name)) == "password") {
      uri.replace(equals + 1, end - equals - 1, "***");
      end = equals + 4;
    }
    at = end;
  }
}

}  // namespace

bool IsPostgresUri(std::string_view setting) {
  return setting.starts_with("postgresql://") ||
         setting.starts_with("postgres://");
}

Status CheckLedgerSetting(const std::string& setting) {
  if (!IsPostgresUri(setting)) return {};
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(setting.c_str(), &error);
  if (options == nullptr) {
    std::string message = error ? error : "not a PostgreSQL connection URI";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    // libpq quotes the part it refused, which may be the password.
    if (RedactUri(setting) != setting) message = "check its syntax";
    return Unexpected("not a valid PostgreSQL connection URI (" + message +
                      ")");
  }
  PQconninfoFree(options);
  return {};
}

std::string RedactUri(const std::string& uri) {
  std::string out = uri;
  const size_t scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  const size_t start = scheme + 3;
  // The user-info ends at the last '@' before the first '/' after the
  // scheme: libpq reads a '?' before that '@' as part of the password
  // ("postgresql://u:s3cr?t@db/x"). Without a '/', at the last '@' of the
  // URI: redacting too much is safe, too little is not.
  const size_t at = out.rfind('@', out.find('/', start));
  if (at != std::string::npos && at >= start) {
    const size_t colon = out.find(':', start);
    if (colon != std::string::npos && colon < at) {
      out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  const size_t q = out.find('?', start);
  if (q != std::string::npos) RedactQuery(out, q);
  return out;
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
