// PendingDecisions: editors' decisions taken on a node that does not hold
// the draft's file, kept in the ledger until the node that holds it
// applies them (schema version 10, daemon/ledger/ledger_schema.h):
//
//   pending_decisions(submission PRIMARY KEY, path, sha256, node,
//                     decision, editor, reason, made_at, made_on,
//                     status pending|applied|refused, applied_at, outcome)
//   index pending_decisions_open(node, made_at) WHERE status = 'pending'
//
// `submission` and `sha256` are the draft version the decision was made on
// (the 409 rules of daemon/queue/decision.h apply again when it is
// applied); `node` is the node holding the file, `made_on` the node that
// took the decision; `made_at` the editor's time (the decision's "at").
// `outcome` says, for people, what applying it did or why it was refused.
// Times are RFC 3339 UTC (daemon/text/timestamp.h).
//
// One row per submission: a second decision on the same version is
// refused by Add() (the draft is already decided, or about to be).
//
// With a PostgreSQL ledger Add() also sends NOTIFY kDecisionsChannel with
// the holder's node as payload, in its transaction (delivered at commit);
// every node LISTENs (daemon/service/decision_relay.h) and polls as well,
// since a notification is lost while a listener reconnects or behind a
// pooler. A SQLite ledger has a single node: nothing is ever pending there
// in practice, but the store works the same way (tests use it).
//
// BACKENDS: SqlitePendingDecisions (daemon/ledger/
// sqlite_pending_decisions.h), PgPendingDecisions (pg_pending_decisions.h);
// OpenPendingDecisions() picks one. Each holds its own connection.
// Thread-safe: calls are serialized on the connection.
#ifndef PROOFGATE_DAEMON_LEDGER_PENDING_DECISIONS_H_
#define PROOFGATE_DAEMON_LEDGER_PENDING_DECISIONS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "checks/expected.h"

namespace proofgate {

struct LedgerLocation;

// The channel Add() notifies on PostgreSQL, with the holder's node name as
// the payload.
inline constexpr const char* kDecisionsChannel = "proofgate_decisions";

// One decision waiting for (or applied by) the node holding its draft.
struct PendingDecision {
  std::string submission;  // the draft version decided on
  std::string path;        // its draft path
  std::string sha256;      // of the bytes decided on
  std::string node;        // the node that holds the file and applies it
  std::string decision;    // "approve" or "return"
  std::string editor;
  std::string reason;
  std::string made_at;     // when the editor decided (RFC 3339 UTC)
  std::string made_on;     // the node the editor decided through
  std::string status;      // "pending", "applied" or "refused"
  std::string applied_at;  // "" while pending
  std::string outcome;     // "" while pending
};

// What applying a pending decision came to.
struct PendingResult {
  enum class Kind {
    kApplied,  // applied now, or found applied before (idempotent)
    kRefused,  // the 409 rules refused it: the draft changed or left
    kRetry,    // a failure (file system, ledger): left pending
  };
  Kind kind = Kind::kRetry;
  std::string message;  // for people; stored as `outcome`
};

class PendingDecisions {
 public:
  virtual ~PendingDecisions() = default;
  PendingDecisions(const PendingDecisions&) = delete;
  PendingDecisions& operator=(const PendingDecisions&) = delete;

  // Records `d` as pending (its status, applied_at and outcome are
  // ignored) and, on PostgreSQL, notifies kDecisionsChannel with d.node,
  // in one transaction. Returns true when recorded, false when a decision
  // on d.submission is already recorded (nothing changed), or the
  // database's message.
  virtual Expected<bool> Add(const PendingDecision& d) = 0;

  // Node `node`'s pending decisions, oldest made first, each claimed (on
  // PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, in a transaction of its
  // own, so two callers never apply the same row at once), given to
  // `apply` and marked with what it returned (applied or refused, with
  // `applied_at` = `now` and the message as outcome) in the claim's
  // transaction. kRetry (also what an exception `apply` throws counts as)
  // leaves the row pending and the round goes on with the next rows, so
  // one decision that cannot be applied yet never holds up the others; the
  // next round tries it again. At most `limit` rows per call, retried ones
  // included. Returns how many were marked, or the database's message.
  // `apply` runs while the row is locked; it must not call this store.
  using Apply = std::function<PendingResult(const PendingDecision&)>;
  virtual Expected<int> ApplyPending(const std::string& node,
                                     const Apply& apply, const std::string& now,
                                     int limit) = 0;

  // The decision recorded for `submission`, nullopt when none, or the
  // database's message.
  virtual Expected<std::optional<PendingDecision>> Get(
      const std::string& submission) = 0;

 protected:
  PendingDecisions() = default;
};

// Opens the store in the ledger at `where` (its schema brought up to date):
// SqlitePendingDecisions for a file, PgPendingDecisions for a URI. Returns
// it (never null) or the backend's message, which never holds the
// password.
Expected<std::unique_ptr<PendingDecisions>> OpenPendingDecisions(
    const LedgerLocation& where);

// For the backends: the columns the readers take, in PendingDecision's
// order, after "SELECT ".
inline constexpr const char* kPendingColumns =
    "submission, path, sha256, node, decision, editor, reason, made_at, "
    "made_on, status, COALESCE(applied_at, ''), COALESCE(outcome, '')";

// The status stored for `kind` ("applied" or "refused"; kRetry: "").
std::string PendingStatusOf(PendingResult::Kind kind);

// `apply`(`d`), with an exception it throws turned into kRetry (its
// message the outcome's), so a failure applying one decision neither
// escapes the store's transaction nor stops the thread applying them.
PendingResult ApplyGuarded(const PendingDecisions::Apply& apply,
                           const PendingDecision& d);

// A PendingDecision from the cells `cell(0..11)` of a kPendingColumns row.
PendingDecision PendingDecisionOf(const std::function<std::string(int)>& cell);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_PENDING_DECISIONS_H_
