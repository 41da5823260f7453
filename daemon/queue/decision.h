// Decision: an editor's approve or return of a draft in the exception
// queue, applied to the spool and the ledger.
//
//   approve   review/R and its proof files -> ready/R
//   return    review/R and its proof files -> returned/R
//
// The decision (decision, reason, editor, time, the rules it overrides) is
// added to the proof record as "decision": {"decision", "reason",
// "editor", "at", "area", "rules", "overrides"}, the record's "area"
// becomes the folder the draft moved to ("verdict" and "route" keep what
// the checks decided), and the decision is recorded in the ledger
// (daemon/decision_ledger.h).
//
// CRASH SAFETY, in the spirit of daemon/spool.h. Steps:
//   1 record   rewrite review/R.proof.json (and .proof.html) with the
//              decision, durably: from here on the decision is made
//   2 supersede  an earlier decision's AREA/R and proof files (a draft
//              returned twice) -> history/S/AREA/
//   3 move     rename review/R -> AREA/R (never replacing), then
//              R.proof.html, then R.proof.json (the last step: while
//              review/R.proof.json holds a decision, the move is not
//              finished), fsync both folders
//   4 ledger   one transaction, idempotent
// FinishDecisions() redoes 2-4 at start-up for every review/R.proof.json
// that holds a decision.
//
// A decision is applied only to the exact version it was made on: the
// draft's current bytes in review/ must hash to the sha256 the editor saw
// and to the proof record's; otherwise it is refused (kStale) and nothing
// changes.
//
// Thread safety: calls for one draft path must not overlap with each other
// nor with the routing of a submission of the same path (the daemon runs
// them on its io thread and refuses a decision while that path is being
// verified). Calls for different paths may run concurrently.
#ifndef PROOFGATE_DAEMON_QUEUE_DECISION_H_
#define PROOFGATE_DAEMON_QUEUE_DECISION_H_

#include <spdlog/logger.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/pending_decisions.h"
#include "daemon/spool/spool.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// The longest reason and editor name accepted, in bytes: a reason is a
// sentence or a short paragraph, 4 KiB leaves room for several; a name
// fits in 200.
inline constexpr size_t kMaxReasonBytes = 4096;
inline constexpr size_t kMaxEditorBytes = 200;

struct DecisionRequest {
  std::string id;        // submission id of the draft in review/
  std::string decision;  // "approve" or "return"
  std::string reason;    // required, at most kMaxReasonBytes
  std::string editor;    // required, at most kMaxEditorBytes
  std::string sha256;    // of the version the editor decided on
};

struct DecisionOutcome {
  enum class Status {
    kApplied,
    kInvalid,   // a field is missing or malformed (HTTP 400)
    kNotFound,  // no draft with this id waits in review/ (HTTP 409)
    kStale,     // the draft changed since (HTTP 409)
    kError,     // file system or ledger failure (HTTP 500)
    // Recorded for another node, which holds the file and applies it
    // (RecordPendingDecision; HTTP 202).
    kPending,
  };
  Status status = Status::kError;
  std::string message;    // for people: what happened, what to do
  std::string path;       // R, when known
  std::string area;       // "ready" or "returned" when applied or pending
  std::string node;       // kPending: the node that applies it
  nlohmann::json record;  // the updated proof record when applied
};

// The folder of returned drafts: "returned".
inline constexpr const char* kReturnedArea = "returned";

// Checks `request` (fields, then the draft's version) and applies it as
// above, at time `now`. Never throws. `ledger` may be null (then the
// ledger row is skipped and the message says so).
DecisionOutcome ApplyDecision(const Spool& spool, DecisionLedger* ledger,
                              const DecisionRequest& request, WallTime now,
                              spdlog::logger& log);

// Why `request` may not be applied to `draft` (the draft waiting in
// review/ under request.id, nullopt when none waits), as ApplyDecision
// refuses it: kInvalid for a field, kNotFound, kStale for another version
// than the one decided on. nullopt when it may be applied.
std::optional<DecisionOutcome> RefuseDecision(
    const DecisionRequest& request, const std::optional<QueueDraft>& draft);

// A decision on `held`, a draft waiting in another node's review/ (from
// the queue index), taken through node `this_node` at `now`: checked as
// ApplyDecision checks it (RefuseDecision), then recorded in `pending` for
// held.item.node to apply (daemon/ledger/pending_decisions.h). kPending
// with that node when recorded; kNotFound when a decision on this version
// is already recorded; kError when the ledger fails. Never throws.
DecisionOutcome RecordPendingDecision(PendingDecisions& pending,
                                      const DecisionRequest& request,
                                      const QueueDraft& held,
                                      const std::string& this_node,
                                      WallTime now);

// Start-up: finishes every decision a stop interrupted (steps 2-4 for each
// review/R.proof.json holding a decision). Returns how many it finished;
// logs each. Never throws.
int FinishDecisions(const Spool& spool, DecisionLedger* ledger,
                    spdlog::logger& log);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_DECISION_H_
