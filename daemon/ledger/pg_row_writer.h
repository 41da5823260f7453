// The ledger rows of one proof record (daemon/ledger/ledger_rows.h)
// written into PostgreSQL inside the caller's transaction, with INSERT ...
// ON CONFLICT DO NOTHING (a replay changes nothing). Shared by every
// PostgreSQL writer of those rows: the pipeline's PgLedger and the HTTP
// submissions' PgSubmissionQueue, so a submission's rows come from one
// piece of SQL whichever path routed it.
#ifndef PROOFGATE_DAEMON_LEDGER_PG_ROW_WRITER_H_
#define PROOFGATE_DAEMON_LEDGER_PG_ROW_WRITER_H_

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "checks/expected.h"
#include "daemon/ledger/ledger_rows.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/pg_connection.h"
#include "daemon/notify/notify_event.h"

namespace proofgate {

// `values` as text parameters ($1.. in order; NULL stays NULL).
PgParams PgParamsOf(std::initializer_list<LedgerValue> values);

// Writes the rows of `record` (its submissions row with `node`, the daemon
// routing it ("" is NULL), routing events, findings per rule, reviewers,
// check times; for a draft routed to review/ its queue index row with
// `bytes`, the draft as routed; its routing event in the webhook outbox
// for the webhooks of `notify` subscribed to it, daemon/ledger/
// notify_outbox.h) through `conn` inside the caller's transaction, and adds a
// first-time row's totals to `totals` for the caller to flush (FlushPgTotals)
// before its COMMIT. Success, or the server's message for the first statement
// that failed. Not thread-safe (one caller per connection).
Status WritePgRows(PgConnection& conn, const nlohmann::json& record,
                   std::string_view bytes, const std::string& node,
                   const NotifySettings& notify, TotalsDelta& totals);

// Writes queue index row `row` (daemon/ledger/ledger_rows.h) through
// `conn` inside the caller's transaction; nothing when the submission has
// a row already, was decided or was superseded (a late replay of its
// routing). Success or the server's message.
Status WritePgQueueRow(PgConnection& conn, const QueueIndexRow& row);

// Adds everything `delta` gathered to metric_totals through `conn`
// (inside the caller's transaction), in key order, so nodes committing at
// once wait for each other's rows, never deadlock. Success or the
// server's message.
Status FlushPgTotals(PgConnection& conn, TotalsDelta& delta);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PG_ROW_WRITER_H_
