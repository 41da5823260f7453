// SubmissionQueue: drafts submitted over HTTP (POST /api/submissions),
// kept in the ledger until a worker of some node has checked and routed
// them. The claim pattern of River, graphile-worker and Oban: a worker
// claims the oldest claimable row under a lease, extends the lease with
// heartbeats while it checks, and completes it only while its lease holds.
//
//   http_submissions(id PRIMARY KEY, path, author, sha256, size,
//                    bytes (BLOB / bytea), idempotency_key UNIQUE,
//                    status pending|checking|routed, node, lease_token,
//                    lease_expires_at, submitted_at, routed_at,
//                    delivered_at, area, verdict, record, attempts)
//   (schema version 6, attempts 9: daemon/ledger/ledger_schema.h and
//   pg_schema.h)
//
// LEASES AND FENCING. Claim() hands out a row that is pending, or checking
// with a lease that has expired (its node died or stalled), and bumps the
// row's lease_token: the token is a fencing token, increasing by one at
// every claim of the row. Heartbeat() and Complete() name the token they
// hold and do nothing once another claim has bumped it, so a node that lost
// its lease can neither extend it again nor route the submission: exactly
// one Complete() succeeds per submission, and with it the submission's
// normal ledger rows (daemon/ledger/ledger_rows.h) are written in the same
// transaction, so the ledger holds exactly one routing of it.
//
// TIMES are the caller's clock (`now`), RFC 3339 UTC text as everywhere
// in the ledger (daemon/text/timestamp.h). Nodes sharing a PostgreSQL
// ledger must keep their clocks within a small part of the lease (NTP):
// a node whose clock runs ahead by more than the lease takes over work
// that is still being checked (harmless for the result: the fencing token
// still lets only one routing commit, the other node's work is wasted).
//
// DELIVERY. The ledger is the commit point of an HTTP submission: once
// Complete() returns true the submission is routed, whatever happens to
// the node. The completing node then copies the draft and its proof record
// into its spool (daemon/service/submission_worker.h) and marks it
// delivered; a node restarting redelivers what it completed and did not
// mark (Undelivered()).
//
// BACKENDS: SqliteSubmissionQueue (daemon/ledger/sqlite_submission_queue.h)
// and PgSubmissionQueue (pg_submission_queue.h); OpenSubmissionQueue()
// picks one from the `ledger:` setting (daemon/ledger/ledger_location.h).
// Each holds its own connection. Thread-safe: every method may be called
// from any thread (calls on one queue are serialized on its connection).
#ifndef PROOFGATE_DAEMON_LEDGER_SUBMISSION_QUEUE_H_
#define PROOFGATE_DAEMON_LEDGER_SUBMISSION_QUEUE_H_

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// A draft received over HTTP, to enqueue.
struct NewSubmission {
  std::string id;      // a new submission id (Spool::NewSubmissionId)
  std::string path;    // relative draft path, already validated
  std::string author;  // "" when not given
  std::string bytes;   // the draft's bytes, any content
  // The client's Idempotency-Key header; "" when none (no deduplication).
  std::string idempotency_key;
  WallTime submitted;
};

// One row of the queue, as Get() and Claim() read it.
struct QueuedSubmission {
  std::string id, path, author, sha256;
  long long size = 0;            // bytes
  std::string bytes;             // the draft
  std::string status;            // "pending", "checking" or "routed"
  std::string node;              // the last claimer; "" when none
  long long lease_token = 0;     // 0 until first claimed
  std::string lease_expires_at;  // RFC 3339; "" when never claimed
  std::string submitted_at;      // RFC 3339
  std::string routed_at;         // RFC 3339; "" until routed
  bool delivered = false;        // in the routing node's spool
  std::string area;              // "ready" or "review"; "" until routed
  std::string verdict;           // "" until routed
  nlohmann::json record;         // the proof record; null until routed
  long long attempts = 0;        // claims so far, this one included
};

// Why Enqueue() failed.
struct EnqueueError {
  // True: the Idempotency-Key was used before for other bytes or another
  // path (a client error: HTTP 422). False: the database failed (HTTP 503).
  bool key_reused = false;
  std::string message;
};

class SubmissionQueue {
 public:
  virtual ~SubmissionQueue() = default;
  SubmissionQueue(const SubmissionQueue&) = delete;
  SubmissionQueue& operator=(const SubmissionQueue&) = delete;

  // Stores `s` as pending with its sha256 and size. With an
  // idempotency_key already stored for the same path and bytes, stores
  // nothing and returns that submission's id; for other bytes or another
  // path, an EnqueueError with key_reused. Returns the id (s.id when new),
  // or the error.
  virtual Expected<std::string, EnqueueError> Enqueue(
      const NewSubmission& s) = 0;

  // Claims for `node` the oldest submission (by submitted_at, then id)
  // that is pending, or checking with lease_expires_at before `now`: sets
  // status checking, node, lease_token + 1, attempts + 1 and
  // lease_expires_at = now +
  // `lease`, in one transaction (PostgreSQL: FOR UPDATE SKIP LOCKED, so
  // concurrent claimers never get the same row and never wait for each
  // other's rows). Returns the claimed row with its new token, nullopt when
  // nothing is claimable, or the database's message.
  virtual Expected<std::optional<QueuedSubmission>> Claim(
      const std::string& node, std::chrono::milliseconds lease,
      WallTime now) = 0;

  // Extends submission `id`'s lease to now + `lease`, only while it is
  // checking under `token`. Returns true when extended, false when the
  // lease was lost (another claim bumped the token, or it is routed), or
  // the database's message.
  virtual Expected<bool> Heartbeat(const std::string& id, long long token,
                                   std::chrono::milliseconds lease,
                                   WallTime now) = 0;

  // Routes submission `id` under `token`: in one transaction, and only
  // while the row is checking under `token`, sets status routed, routed_at
  // (the record's timestamps.routed, else `now`), area (record "route"),
  // verdict and the proof record `record` (daemon/spool/proof_record.h),
  // and writes the record's ledger rows (daemon/ledger/ledger_rows.h).
  // Returns true when committed, false when the token no longer holds
  // (nothing written), or the database's message (nothing written).
  virtual Expected<bool> Complete(const std::string& id, long long token,
                                  const nlohmann::json& record,
                                  WallTime now) = 0;

  // Submission `id`, nullopt when unknown, or the database's message.
  virtual Expected<std::optional<QueuedSubmission>> Get(
      const std::string& id) = 0;

  // The submissions `node` routed and has not marked delivered, oldest
  // first, at most `limit` of them. Or the database's message.
  virtual Expected<std::vector<QueuedSubmission>> Undelivered(
      const std::string& node, int limit) = 0;

  // Marks submission `id` delivered into its node's spool (idempotent).
  virtual Status MarkDelivered(const std::string& id, WallTime now) = 0;

 protected:
  SubmissionQueue() = default;
};

// For the backends: how many columns QueuedColumns() names.
inline constexpr int kQueuedColumnCount = 17;

// For the backends: the columns Get() and Claim() read, in the order
// QueuedSubmissionOf() takes them, with `bytes` the SQL expression of the
// draft's bytes (the column itself, or PostgreSQL's hex text of it).
std::string QueuedColumns(const std::string& bytes);

// The row whose cells (text, in QueuedColumns() order; the bytes as they
// are) are `cells`. A record that is not JSON reads as null.
QueuedSubmission QueuedSubmissionOf(const std::vector<std::string>& cells);

// Enqueue()'s answer for a key already stored with submission
// `earlier` (its id, path and sha256): that id when the path and `sha256`
// are the same, else an EnqueueError with key_reused.
Expected<std::string, EnqueueError> SameKey(
    const std::vector<std::string>& earlier, const std::string& path,
    const std::string& sha256);

// The time a lease taken or extended at `now` for `lease` ends, as stored.
std::string LeaseEnd(WallTime now, std::chrono::milliseconds lease);

// What Complete() stores beside `record`: its area ("route"), verdict and
// routing time (timestamps.routed, else `now`), and its JSON text.
struct RoutedFields {
  std::string area, verdict, routed_at, record;
};
RoutedFields RoutedFieldsOf(const nlohmann::json& record, WallTime now);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_SUBMISSION_QUEUE_H_
