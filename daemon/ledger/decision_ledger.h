// DecisionLedger: editors' decisions in the ledger (daemon/ledger.h), and
// the ledger queries behind /metrics. Additive to the ledger's schema:
//
//   decisions(submission PRIMARY KEY, path, decision, reason, editor,
//             verdict, rules, routed_at, decided_at, first_submitted_at)
//   indexes decisions(path), decisions(decided_at)
//
// (the schema lives in daemon/ledger/ledger_schema.h) plus one
// routing_events row per decision (from_area 'review', to_area
// 'ready' or 'returned', at = decided_at). `rules` is a JSON array of the
// rule ids the draft was in review for; an approve over a failing rule is
// an override of that rule. Times are RFC 3339 UTC (daemon/timestamp.h).
//
// DecisionLedger is the interface the exception queue uses, with one
// implementation per ledger backend (daemon/ledger/ledger.h, BACKENDS):
// SqliteDecisionLedger (daemon/ledger/sqlite_decision_ledger.h) and
// PgDecisionLedger (daemon/ledger/pg_decision_ledger.h). Each opens its
// own connection beside the daemon's Ledger. Recording is idempotent (a
// decision recorded twice is one row), so a restart can replay it.
// Thread-safe in every implementation: calls are serialized.
//
// THE QUEUE INDEX. The exception queue reads the drafts waiting in review/
// from the ledger's review_queue (daemon/ledger/ledger_rows.h), not from
// the spool: the Ledger adds a row when it records a routing to review/
// and removes it with a supersede; Record() here removes it with the
// decision, in the decision's transaction; SyncQueue() makes a node's rows
// match its spool's review/ at start. With a PostgreSQL ledger every daemon
// sharing it lists and shows the drafts of every node.
#ifndef PROOFGATE_DAEMON_LEDGER_DECISION_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_DECISION_LEDGER_H_

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/ledger_rows.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/notify_hook.h"
#include "daemon/ledger/notify_outbox.h"
#include "daemon/ledger/queue_item.h"
#include "daemon/notify/notify_event.h"

namespace proofgate {

// One decision, as recorded.
struct DecisionRow {
  std::string submission;
  std::string path;
  std::string decision;  // "approve" or "return"
  std::string reason;
  std::string editor;
  std::string verdict;             // "fail" or "review"
  std::vector<std::string> rules;  // why it was in review
  std::string routed_at;           // routed to review
  std::string decided_at;
  std::string first_submitted_at;  // first submission of this draft path
};

// An earlier submission of a draft path, for the draft page's history.
struct SubmissionHistoryRow {
  std::string submission;
  std::string submitted_at;
  std::string verdict;
  std::string area;  // where it went when routed
  std::string sha256;
  std::string decision;  // "" when none was made
  std::string editor;
  std::string reason;
};

// The rule ids of a decisions.rules column (a JSON array of strings);
// none when it is not one.
std::vector<std::string> DecisionRulesOf(const std::string& column);

// Adds the totals of decision `row`, recorded for the first time, to
// `delta`: the decision, per rule, its handoff latency and cycle time.
void AddDecisionTotals(const DecisionRow& row, TotalsDelta& delta);

class DecisionLedger {
 public:
  // Opens the SQLite ledger at `file` (which Ledger::OpenFile has created)
  // and brings its schema up to date (SqliteDecisionLedger). Returns the
  // ledger (never null), or SQLite's message.
  static Expected<std::unique_ptr<DecisionLedger>> OpenFile(
      const std::filesystem::path& file);

  virtual ~DecisionLedger() = default;
  DecisionLedger(const DecisionLedger&) = delete;
  DecisionLedger& operator=(const DecisionLedger&) = delete;

  // Records `row` and its routing event in one transaction (which also
  // removes the submission's queue index row), and adds it to
  // the running totals unless it was recorded before; with `event` (the
  // decision's webhook event, DecisionEventOf), also that event in the
  // webhook outbox for the webhooks SetNotify() named, in the same
  // transaction (either backend). Returns
  // success, or the database's message (nothing of `row` is then recorded).
  virtual Status Record(const DecisionRow& row, const NotifyEvent* event) = 0;
  Status Record(const DecisionRow& row) { return Record(row, nullptr); }

  // The webhooks decision events go to, and what to call after a commit
  // that wrote one (may be empty), on the committing thread. Thread-safe
  // (a SIGHUP reload calls it while decisions go on).
  void SetNotify(NotifySettings settings, std::function<void()> enqueued) {
    notify_.Set(std::move(settings), std::move(enqueued));
  }

  // The first_submitted_at of `submission` (daemon/ledger/ledger_rows.h:
  // the earliest submitted_at among the submissions of its path that it
  // supersedes, directly or through earlier ones, back to (not including)
  // one that reached ready/ by its verdict; its own submitted_at when it
  // superseded nothing). "" when the ledger does not know `submission`.
  virtual std::string FirstSubmittedAt(const std::string& submission) = 0;

  // The decision recorded for `submission`; nullopt when there is none (no
  // such submission, not decided yet) or the query failed.
  virtual std::optional<DecisionRow> Decision(
      const std::string& submission) = 0;

  // The `limit` latest decisions (by decided_at, then submission id),
  // newest first; none when the query fails. O(limit) with the decided_at
  // index.
  virtual std::vector<DecisionRow> RecentDecisions(int limit) = 0;

  // The draft path of `submission`; "" when the ledger does not know it
  // (or the query failed).
  virtual std::string PathOf(const std::string& submission) = 0;

  // Every submission of `path`, newest first (by submitted_at, then id),
  // with its decision if any.
  virtual std::vector<SubmissionHistoryRow> History(
      const std::string& path) = 0;

  // The counts and durations /metrics reports, over the whole ledger, from
  // the running totals (daemon/ledger/ledger_totals.h): the cost does not
  // grow with the number of submissions. Empty parts when a query fails.
  virtual LedgerCounts Counts() = 0;

  // The webhook outbox's backlog for the webhooks SetNotify() named
  // (daemon/ledger/notify_outbox.h): its cost grows with the undelivered
  // rows only. nullopt without webhooks, with a backend that keeps no
  // outbox, or when the query fails.
  virtual std::optional<OutboxBacklog> Backlog() { return std::nullopt; }
  // The queue index: every draft waiting in review/ on any node sharing
  // the ledger, oldest routed first (ties by path, then submission id),
  // that passes `filter` (node and verdict through an index, then
  // Matches()): the items of `window` among them, and their total. Each
  // item's node is the daemon holding it. The database's message when the
  // query fails. Cost: when IndexDecides(filter), a count and the window's
  // rows only; otherwise one indexed scan of the waiting drafts, without
  // their records or bytes (bench/queue-index).
  virtual Expected<QueueListing> QueueItems(const QueueFilter& filter,
                                            const QueueWindow& window) = 0;

  // The waiting draft `id` from the queue index, with its proof record
  // and bytes as routed (area "review"); nullopt when the index holds no
  // such submission or the query failed.
  virtual std::optional<QueueDraft> QueuedDraft(const std::string& id) = 0;

  // Makes the queue index rows of daemon `node` exactly `rows` (the drafts
  // its spool's review/ holds, each item's node set to `node`), in one
  // transaction: rows of `node` not among them are removed (decided or
  // moved while the ledger was out of reach), missing ones are added
  // (a ledger from before the index, a routing whose row was lost).
  // Success or the database's message (nothing changed then).
  virtual Status SyncQueue(const std::string& node,
                           const std::vector<QueueIndexRow>& rows) = 0;

 protected:
  DecisionLedger() = default;

  // The webhook settings in force (SetNotify), never null. Thread-safe.
  std::shared_ptr<const NotifySettings> notify() const {
    return notify_.settings();
  }
  // Wakes the webhook sender after a commit that wrote an outbox row.
  void NotifyEnqueued() const { notify_.Wake(); }

 private:
  NotifyHook notify_;  // see SetNotify()
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_DECISION_LEDGER_H_
