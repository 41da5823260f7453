// Ledger: the record of every submission and every routing event, from which
// cycle time (submitted -> final state) and handoff latency (routed to review
// -> decision) are computed.
//
//   submissions(id PRIMARY KEY, path, sha256, size, rulebook,
//               rulebook_version, rulebook_sha256, verdict, area,
//               submitted_at, verified_at, routed_at,
//               supersedes, superseded_by)
//   routing_events(seq PRIMARY KEY, submission, path, from_area, to_area,
//                  at, UNIQUE(submission, to_area))
//   submission_findings(submission, rule, count, holding)  findings per
//                  rule, `holding` of them failed it or sent it to review
//   check_runs(submission, check_name, seconds)   each check's time
//
// plus the webhook outbox's rows of each routing (SetNotify), and, since
// schema version 1 (daemon/ledger/ledger_schema.h),
// submissions.first_submitted_at and the running totals /metrics reads
// (daemon/ledger/ledger_totals.h), both written with the submission.
//
// Times are RFC 3339 UTC strings with microseconds (daemon/timestamp.h),
// which sort in time order and which SQLite's julianday() reads. Areas are
// "ready", "review" and "history" (superseded). from_area is NULL for the
// first routing of a submission.
//
// The ledger is derived from the spool (see daemon/spool.h): recording is
// idempotent, so a restart can replay step 6 safely. A commit is durable
// when Record() returns: a routed draft's row survives a power failure.
//
// BACKENDS. Ledger is the interface the draft pipeline writes through;
// two implementations hold the same tables with the same meaning:
// SqliteLedger (daemon/ledger/sqlite_ledger.h, a file in WAL mode,
// synchronous=FULL; the default) and PgLedger (daemon/ledger/pg_ledger.h,
// a PostgreSQL database several daemons may share). OpenLedger()
// (daemon/ledger/ledger_location.h) picks one from the `ledger:` setting.
//
// GROUP COMMIT. Each commit waits for one fsync of the write-ahead log
// (3-5 ms on the disks measured in bench/daemon-latency; PostgreSQL's WAL
// likewise), and a connection runs one transaction at a time, so committing
// every submission alone caps the daemon at a few hundred drafts per second
// whatever the number of workers. Record() therefore queues its rows; the first
// caller that finds no commit under way commits everything queued at that
// moment in one transaction (one fsync), and every caller returns once the
// transaction holding its rows has committed. A submission's rows cannot be
// refused on their own (INSERT OR IGNORE), so no savepoint separates them: a
// failure is the database's and fails the whole batch, each caller retrying
// later. Under load the batches grow by themselves; a lone submission commits
// at once, without waiting for company.
#ifndef PROOFGATE_DAEMON_LEDGER_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_LEDGER_H_

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/notify_hook.h"
#include "daemon/notify/notify_event.h"

namespace proofgate {

class Ledger {
 public:
  // Opens (creating when missing) the SQLite ledger at `file` and its
  // tables (SqliteLedger). The folder must exist. Returns the ledger (never
  // null), or SQLite's message.
  static Expected<std::unique_ptr<Ledger>> OpenFile(
      const std::filesystem::path& file);

  virtual ~Ledger() = default;
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Step 6: records the proof record `record` (the JSON of
  // daemon/proof_record.h) in one transaction: its submissions row, the
  // routing event into its area and, when it supersedes a submission, that
  // submission's move to history (and its superseded_by). Recording the
  // same submission twice changes nothing. Returns success once the rows
  // are committed, or the database's error message (nothing of this record
  // is then in the ledger). Thread-safe: concurrent calls share one
  // transaction (see GROUP COMMIT above); blocks until its rows are
  // committed.
  //
  // A record routed to review/ also adds its queue index row
  // (daemon/ledger/ledger_rows.h, review_queue) with `bytes`, the draft's
  // bytes as routed (empty when unknown), unless its submission was
  // decided or superseded already (a late replay); superseding a
  // submission removes that one's row. `bytes` must stay alive until
  // Record() returns.
  Status Record(const nlohmann::json& record, std::string_view bytes = {});

  // The daemon this ledger writes for (its config's `node`), recorded as
  // submissions.node and in queue index rows. Call before recording starts
  // (not thread-safe against Record()); "" (the default) records NULL.
  void SetNode(std::string node) { node_ = std::move(node); }

  // Webhook notifications: from now on each recorded submission also
  // writes its routing event (daemon/notify/notify_event.h) into the
  // outbox (daemon/ledger/notify_outbox.h), in the same transaction, for
  // the webhooks of `settings` subscribed to it; `enqueued` (may be
  // empty) is called after each commit that wrote any, on the committing
  // thread, to wake the sender. Either backend. Thread-safe: a SIGHUP
  // reload calls it while recording goes on; batches committed from then
  // on use the new settings.
  void SetNotify(NotifySettings settings, std::function<void()> enqueued) {
    notify_.Set(std::move(settings), std::move(enqueued));
  }

 protected:
  Ledger() = default;

  // The webhook settings in force (SetNotify), never null; a batch takes
  // them once. Thread-safe.
  std::shared_ptr<const NotifySettings> notify() const {
    return notify_.settings();
  }
  const std::string& node() const { return node_; }

  // One record of a batch and its draft's bytes.
  struct RecordedDraft {
    const nlohmann::json* record;
    std::string_view bytes;
  };

  // Writes the rows of every record of `batch` (daemon/ledger/ledger_rows.h)
  // in one transaction and commits it: success, or the database's message
  // with nothing of the batch committed. Called by one thread at a time.
  virtual Status CommitRecords(const std::vector<RecordedDraft>& batch) = 0;

 private:
  // One Record() call waiting for its commit.
  struct Pending {
    RecordedDraft draft;
    Status status;  // the batch's outcome, once done
    bool done = false;
  };

  std::mutex queue_mu_;  // guards queue_ and committing_
  std::condition_variable queue_cv_;
  std::vector<Pending*> queue_;
  bool committing_ = false;
  NotifyHook notify_;  // see SetNotify()
  std::string node_;   // see SetNode()
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LEDGER_H_
