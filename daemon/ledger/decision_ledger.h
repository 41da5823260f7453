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
// It opens its own SQLite connection to the ledger file (WAL mode lets it
// share the file with the daemon's Ledger; writers wait up to 5 s for each
// other, as Ledger's readers do). Recording is idempotent (INSERT OR
// IGNORE), so a restart can replay it. Thread-safe: calls are serialized.
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
#include "daemon/ledger/ledger_totals.h"
#include "daemon/notify/notify_event.h"

struct sqlite3;

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

class DecisionLedger {
 public:
  // Opens the ledger at `file` (which Ledger::OpenFile has created) and
  // adds the decisions table when missing. Returns the ledger (never
  // null), or SQLite's message.
  static Expected<std::unique_ptr<DecisionLedger>> OpenFile(
      const std::filesystem::path& file);

  ~DecisionLedger();
  DecisionLedger(const DecisionLedger&) = delete;
  DecisionLedger& operator=(const DecisionLedger&) = delete;

  // Records `row` and its routing event in one transaction, with `event`
  // (when given: the decision's webhook event, DecisionEventOf) in the
  // webhook outbox for the webhooks SetNotify() named. Returns success, or
  // SQLite's error message (nothing of `row` is then recorded).
  Status Record(const DecisionRow& row, const NotifyEvent* event = nullptr);

  // The webhooks decision events go to, and what to call after a commit
  // that wrote one (may be empty). As Ledger::SetNotify; thread-safe.
  void SetNotify(NotifySettings settings, std::function<void()> enqueued);

  // The earliest submitted_at among the submissions of `path` that
  // `submission` supersedes, directly or through earlier ones, back to
  // (not including) a submission that reached ready/ by its verdict; the
  // submission's own submitted_at when it superseded nothing. "" when the
  // ledger does not know `submission`.
  std::string FirstSubmittedAt(const std::string& submission);

  // The decision recorded for `submission`; nullopt when there is none (no
  // such submission, not decided yet) or the query failed.
  std::optional<DecisionRow> Decision(const std::string& submission);

  // The `limit` latest decisions (by decided_at), newest first; none when
  // the query fails. O(limit) with the decided_at index.
  std::vector<DecisionRow> RecentDecisions(int limit);

  // The draft path of `submission`; "" when the ledger does not know it
  // (or the query failed).
  std::string PathOf(const std::string& submission);

  // Every submission of `path`, newest first, with its decision if any.
  std::vector<SubmissionHistoryRow> History(const std::string& path);

  // The counts and durations /metrics reports, over the whole ledger, from
  // the running totals (daemon/ledger/ledger_totals.h): the cost does not
  // grow with the number of submissions.
  LedgerCounts Counts();

 private:
  explicit DecisionLedger(sqlite3* db);

  std::mutex mu_;
  sqlite3* db_;
  NotifySettings notify_;              // requires mu_
  std::function<void()> on_enqueued_;  // requires mu_
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_DECISION_LEDGER_H_
