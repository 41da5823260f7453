// The webhook outbox: events waiting to be delivered, in the ledger
// (schema version 2, daemon/ledger/ledger_schema.h), on either backend
// (SQLite, or PostgreSQL shared by several daemons):
//
//   notify_outbox(seq PRIMARY KEY, event_id, target, event, submission,
//                 payload, created_at, attempts, next_attempt_at,
//                 delivered_at, last_error, UNIQUE(event_id, target))
//
// One row per event and subscribed webhook (`target` is the webhook's
// URL); `payload` is the event's JSON (daemon/notify/notify_event.h).
// Routing and decision events are written by the Ledger and the
// DecisionLedger of either backend in the transaction of the rows they
// report, so an event exists exactly when its routing or decision does;
// SLA breaches and digests are written here. Recording an event twice
// changes nothing (its id is stable, INSERT ... ON CONFLICT DO NOTHING),
// which makes replays after a crash, and several nodes recording the same
// SLA breach or digest, harmless. Rows of a webhook no longer configured
// stay undelivered and are not sent (nor counted in the backlog); they are
// sent if a webhook with that URL is configured again. Times are RFC 3339
// UTC (daemon/text/timestamp.h).
//
// CLAIMS. A sender takes rows with Claim(): one statement marks the due
// rows it returns as its own until a lease ends, by moving their
// next_attempt_at to the lease's end, so no other sender (another node's,
// on a shared PostgreSQL ledger) takes them meanwhile; PostgreSQL selects
// them FOR UPDATE SKIP LOCKED, so concurrent claimers skip each other's
// rows instead of waiting. The sender then marks each row delivered, or
// failed with its next attempt time; a failure is recorded only while the
// row is still the sender's (its next_attempt_at still the lease's end).
// A sender that dies (kill -9, a lost node) records nothing: its rows come
// due again when the lease ends and any sender takes them. Delivery is
// therefore at least once: a sender whose lease ended mid-request, or that
// died between the receiver's answer and the mark, leaves the row to be
// sent again; receivers dedupe by the event id.
#ifndef PROOFGATE_DAEMON_LEDGER_NOTIFY_OUTBOX_H_
#define PROOFGATE_DAEMON_LEDGER_NOTIFY_OUTBOX_H_

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/notify/notify_event.h"
#include "daemon/text/timestamp.h"

struct sqlite3;

namespace proofgate {

class LedgerReader;
class PgConnection;
struct LedgerLocation;

// Writes `event` for every webhook of `settings` subscribed to it, inside
// the transaction the caller holds on `db` (nothing when none is);
// `now` is the created_at and first attempt time. Idempotent. Success or
// SQLite's message (the caller then rolls back).
Status EnqueueNotifyEvent(sqlite3* db, const NotifySettings& settings,
                          const NotifyEvent& event, const std::string& now);
// The same through PostgreSQL connection `conn`, inside the caller's
// transaction. Not thread-safe (one caller per connection).
Status EnqueuePgNotifyEvent(PgConnection& conn, const NotifySettings& settings,
                            const NotifyEvent& event, const std::string& now);

// The deliveries not made yet, for /metrics.
struct OutboxBacklog {
  long long pending = 0;  // undelivered rows
  // created_at of the oldest undelivered row; "" when none.
  std::string oldest_created_at;
};

// The undelivered rows of the webhooks `targets` (rows of a webhook no
// longer configured are never sent, so not counted), read on `db`. Cost:
// the undelivered rows only (the partial index notify_outbox_pending), not
// the outbox's size. The backlog, or SQLite's message.
Expected<OutboxBacklog> ReadOutboxBacklog(
    sqlite3* db, const std::vector<std::string>& targets);
// The same through PostgreSQL connection `conn` (the server's message on
// failure). Not thread-safe (one caller per connection).
Expected<OutboxBacklog> ReadPgOutboxBacklog(
    PgConnection& conn, const std::vector<std::string>& targets);

// One delivery waiting.
struct OutboxRow {
  long long seq = 0;
  std::string event_id;
  std::string target;      // the webhook's URL
  std::string event;       // "draft.review", ...
  std::string payload;     // JSON text
  long long attempts = 0;  // failed attempts so far
  // The end of the claim's lease (RFC 3339) for a row from Claim(); ""
  // for one from Due().
  std::string lease_until;
};

// A draft waiting in review/ (neither decided nor superseded), for the
// SLA watch.
struct WaitingDraft {
  std::string submission;
  std::string path;
  std::string routed_at;
};

class NotifyOutbox {
 public:
  // Opens the outbox of the ledger at `where` on a connection of its own
  // (OpenLedgerWriter: a SQLite file must exist, created by the daemon's
  // Ledger). The outbox (never null), or the database's message (never
  // holding a password).
  static Expected<std::unique_ptr<NotifyOutbox>> Open(
      const LedgerLocation& where);
  // Open() of the SQLite ledger `file`.
  static Expected<std::unique_ptr<NotifyOutbox>> OpenFile(
      const std::filesystem::path& file);

  ~NotifyOutbox();
  NotifyOutbox(const NotifyOutbox&) = delete;
  NotifyOutbox& operator=(const NotifyOutbox&) = delete;

  // EnqueueNotifyEvent in a transaction of its own, at `now`.
  Status Enqueue(const NotifySettings& settings, const NotifyEvent& event,
                 WallTime now);

  // Up to `limit` undelivered rows for the webhooks `targets` whose next
  // attempt is due at `now`, oldest first; none when the query fails.
  // Reads only (claims nothing): for inspection.
  std::vector<OutboxRow> Due(const std::vector<std::string>& targets,
                             WallTime now, int limit);

  // Claims up to `limit` rows of webhook `target` due at `now`, oldest
  // first, until `lease_until` (see CLAIMS): their next_attempt_at becomes
  // `lease_until`. None when none is due or the query fails (`error`, when
  // not null, then says why).
  std::vector<OutboxRow> Claim(const std::string& target, WallTime now,
                               WallTime lease_until, int limit,
                               std::string* error = nullptr);

  // Marks row `seq` delivered at `at` (whoever holds it now: it was
  // delivered). Success or the database's message.
  Status MarkDelivered(long long seq, WallTime at);

  // Records a failed attempt of `row`: its attempt count becomes
  // `attempts`, the next one is due at `next`, `error` says why. A row
  // from Claim() is changed only while its lease is the one claimed (not
  // delivered nor claimed again by another sender meanwhile).
  Status MarkFailed(const OutboxRow& row, long long attempts, WallTime next,
                    const std::string& error);

  // Rows not yet delivered (any target); -1 when the query fails.
  long long Pending();

  // Whether an event `event_id` is in the outbox for any webhook.
  bool Has(const std::string& event_id);

  // The drafts waiting in review/ now, by the ledger (on every node that
  // shares it).
  std::vector<WaitingDraft> Waiting();

 private:
  explicit NotifyOutbox(std::unique_ptr<LedgerReader> db);
  // Runs `sql` (no rows wanted) under mu_: success or the database's
  // message.
  Status Run(const char* sql, const std::vector<std::string>& params);

  std::mutex mu_;  // one query at a time on db_
  std::unique_ptr<LedgerReader> db_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_NOTIFY_OUTBOX_H_
