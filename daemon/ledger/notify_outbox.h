// The webhook outbox: events waiting to be delivered, in the ledger
// (schema version 2, daemon/ledger/ledger_schema.h):
//
//   notify_outbox(seq PRIMARY KEY, event_id, target, event, submission,
//                 payload, created_at, attempts, next_attempt_at,
//                 delivered_at, last_error, UNIQUE(event_id, target))
//
// One row per event and subscribed webhook (`target` is the webhook's
// URL); `payload` is the event's JSON (daemon/notify/notify_event.h).
// Routing and decision events are written by Ledger::Record and
// DecisionLedger::Record in the transaction of the rows they report, so
// an event exists exactly when its routing or decision does; SLA breaches
// and digests are written here. Recording an event twice changes nothing
// (its id is stable), which makes replays after a crash harmless. The
// sender (daemon/service/webhook_sender.h) reads due rows, and marks each
// delivered or schedules its next attempt: a row stays until delivered,
// across restarts. Rows of a webhook no longer configured stay undelivered
// and are not sent. Times are RFC 3339 UTC (daemon/text/timestamp.h).
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

// Writes `event` for every webhook of `settings` subscribed to it, inside
// the transaction the caller holds on `db` (nothing when none is);
// `now` is the created_at and first attempt time. Idempotent. Success or
// SQLite's message (the caller then rolls back).
Status EnqueueNotifyEvent(sqlite3* db, const NotifySettings& settings,
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

// One delivery waiting.
struct OutboxRow {
  long long seq = 0;
  std::string event_id;
  std::string target;      // the webhook's URL
  std::string event;       // "draft.review", ...
  std::string payload;     // JSON text
  long long attempts = 0;  // failed attempts so far
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
  // Opens the ledger at `file` (created by Ledger::OpenFile) on a
  // connection of its own. The outbox (never null), or SQLite's message.
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
  std::vector<OutboxRow> Due(const std::vector<std::string>& targets,
                             WallTime now, int limit);

  // Marks row `seq` delivered at `at`. Success or SQLite's message.
  Status MarkDelivered(long long seq, WallTime at);

  // Records a failed attempt of row `seq`: its attempt count becomes
  // `attempts`, the next one is due at `next`, `error` says why.
  Status MarkFailed(long long seq, long long attempts, WallTime next,
                    const std::string& error);

  // Rows not yet delivered (any target); -1 when the query fails.
  long long Pending();

  // Whether an event `event_id` is in the outbox for any webhook.
  bool Has(const std::string& event_id);

  // The drafts waiting in review/ now, by the ledger.
  std::vector<WaitingDraft> Waiting();

 private:
  explicit NotifyOutbox(sqlite3* db);

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_NOTIFY_OUTBOX_H_
