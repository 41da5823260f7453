// PostgreSQL connection URIs as the `ledger:` setting gives them
// (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING):
// recognising one, checking its syntax, and the form logs and messages
// show, with the password replaced. Pure functions: thread-safe.
#ifndef PROOFGATE_DAEMON_LEDGER_PG_URI_H_
#define PROOFGATE_DAEMON_LEDGER_PG_URI_H_

#include <string>
#include <string_view>

#include "checks/expected.h"

namespace proofgate {

// Whether `setting` starts with `postgresql://` or `postgres://`.
bool IsPostgresUri(std::string_view setting);

// Checks that `uri` parses as a libpq connection URI (PQconninfoParse),
// without connecting. Success, or libpq's reason; when the URI holds a
// password the reason is only "check its syntax", since libpq quotes the
// part it refused, which may be the password.
Status CheckPgUri(const std::string& uri);

// `uri` with the password of its user-info part (postgresql://user:PW@...)
// and any `password=` query parameter (its name percent-decoded, as libpq
// reads it) replaced by "***".
std::string RedactUri(const std::string& uri);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_URI_H_
