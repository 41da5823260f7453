// The rows one proof record (daemon/spool/proof_record.h) adds to the
// ledger, read out of its JSON once, for every ledger backend
// (daemon/ledger/ledger.h) to write with its own SQL:
//
//   submissions          one row (id, path, sha256, size, rulebook, ...)
//   routing_events       into its area; and, when it supersedes a
//                        submission, that one's move to history
//   submission_findings  findings per rule
//   check_runs           each check's seconds
//   submission_reviewers each reviewer a finding names (the `reviewer`
//                        of an escalation: checks/escalate/), once
//   review_queue         the queue index: one row per draft waiting in
//                        review/ on any node (schema version 7), with the
//                        item the queue lists (daemon/ledger/queue_item.h),
//                        the proof record and the draft's bytes, so any
//                        daemon sharing the ledger lists and shows it
//
// plus the running totals of a row written for the first time
// (daemon/ledger/ledger_totals.h). A field missing from the record is
// NULL (a number: 0).
#ifndef PROOFGATE_DAEMON_LEDGER_LEDGER_ROWS_H_
#define PROOFGATE_DAEMON_LEDGER_LEDGER_ROWS_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/queue_item.h"

namespace proofgate {

// A value bound to a statement's parameter: NULL, text, integer or real.
using LedgerValue =
    std::variant<std::nullptr_t, std::string, long long, double>;

// The queue index row (review_queue) of a draft waiting in review/.
struct QueueIndexRow {
  QueueItem item;          // its node included
  std::string record;      // its proof record, as JSON text
  std::string_view bytes;  // the draft's bytes; the caller keeps them alive
};

// The columns of review_queue a listing reads, in the order
// QueueItemOfIndex() takes them: submission, path, folder, node, verdict,
// routed_at, title, author, sha256, rules, blocking_rules, reviewers (the
// three JSON arrays of strings), owner, owner_contact, errors, warnings,
// infos.
inline constexpr const char* kQueueItemColumns =
    "submission, path, folder, node, verdict, routed_at, title, author, "
    "sha256, rules, blocking_rules, reviewers, owner, owner_contact, errors, "
    "warnings, infos";
inline constexpr int kQueueItemColumnCount = 17;

// A proof record as the queue index stores it: compact JSON text, invalid
// UTF-8 replaced (U+FFFD), so that PostgreSQL's TEXT takes it.
std::string QueueRecordText(const nlohmann::json& record);

// The values of kQueueItemColumns for `row`: 17 values. Its record and
// bytes go to review_queue_drafts(submission, record, draft), a row
// removed with the review_queue row (each backend binds the bytes, a BLOB
// or BYTEA, itself).
std::vector<LedgerValue> QueueIndexValues(const QueueIndexRow& row);

// The item of a review_queue row whose kQueueItemColumns `cell(i)` gives
// as text (i from 0; NULL as ""). A malformed array or number reads as
// empty or 0.
QueueItem QueueItemOfIndex(const std::function<std::string(int)>& cell);

// The query listing the queue index for `filter`: its node and verdict in
// SQL (each a parameter appended to `params`, numbered `mark`1.. with
// `mark` '?' for SQLite, '$' for PostgreSQL), the order of
// DecisionLedger::QueueItems(); the caller applies Matches() for the rest.
// With `window` (only when IndexDecides(filter)) the database returns that
// window only (LIMIT/OFFSET).
std::string QueueListSql(const QueueFilter& filter, char mark,
                         std::vector<std::string>& params,
                         const QueueWindow* window = nullptr);

// The query counting the queue index rows `filter`'s node and verdict
// pass, its parameters appended to `params` as for QueueListSql().
std::string QueueCountSql(const QueueFilter& filter, char mark,
                          std::vector<std::string>& params);

// The query of one queue index row by submission ($1 or ?1): the
// kQueueItemColumns, then record and draft (from review_queue_drafts).
std::string QueueDraftSql(char mark);

// The waiting draft of a queue index row: `item`, its proof record's JSON
// text `record` (an unreadable one reads as null) and `bytes`.
QueueDraft QueueDraftOfIndex(QueueItem item, const std::string& record,
                             std::string bytes);

// The ledger rows of one proof record.
struct SubmissionRows {
  LedgerValue id, path, sha256, rulebook, rulebook_version, rulebook_sha256,
      verdict, area, submitted_at, verified_at, routed_at;
  LedgerValue node;    // the daemon that routed it; NULL when not set
  long long size = 0;  // bytes
  // The submission this one supersedes (NULL when none) and the area it
  // was in.
  LedgerValue old_id, old_area;
  std::map<std::string, long long> findings_by_rule;
  // Of those, the findings that held the draft back: effect "fails" or
  // "review" (FindingHeldItsDraft); 0 or missing when none did.
  std::map<std::string, long long> holding_by_rule;
  std::vector<std::pair<std::string, double>> check_seconds;  // in order
  // The `reviewer` of every finding that names one, sorted, each once.
  std::set<std::string> reviewers;
  // Its queue index row when it was routed to review/, else nullopt.
  std::optional<QueueIndexRow> queued;

  // Whether it supersedes an earlier submission.
  bool Supersedes() const;
};

// How many findings of `rule` held `rows`' draft back (0 when none), as
// submission_findings.holding stores it.
long long HoldingOf(const SubmissionRows& rows, const std::string& rule);

// The rows of `record` (any JSON: missing or mistyped fields are NULL),
// routed by daemon `node` ("": NULL) with the draft's `bytes` (kept alive
// by the caller while the rows are used; empty when unknown: the queue
// then shows no title or author).
SubmissionRows SubmissionRowsOf(const nlohmann::json& record,
                                std::string_view bytes = {},
                                const std::string& node = "");

// An earlier submission of the same path, as the ledger holds it.
struct EarlierSubmission {
  std::string area;                // where it was routed
  std::string first_submitted_at;  // its own, or its submitted_at
};

// The first_submitted_at of `rows` (the start of its cycle time): its own
// submitted_at, or the earlier one's first_submitted_at when `earlier`
// (the submission it supersedes, nullopt when unknown) did not reach
// ready/, whichever is earlier. NULL when the record has no submitted_at.
LedgerValue FirstSubmittedAt(const SubmissionRows& rows,
                             const std::optional<EarlierSubmission>& earlier);

// Adds the totals of `rows`, written for the first time with
// first_submitted_at `first`, to `delta`.
void AddSubmissionTotals(const SubmissionRows& rows, const LedgerValue& first,
                         TotalsDelta& delta);

// The text of `v`: a string as is, an integer in decimal, a real with 17
// significant digits (round-trips); nullopt for NULL.
std::optional<std::string> LedgerValueText(const LedgerValue& v);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LEDGER_ROWS_H_
