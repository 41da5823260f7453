// SubmissionWorker: this node's claim loop over the HTTP submissions'
// queue (daemon/ledger/submission_queue.h), on a thread of its own.
//
// Each round claims the oldest claimable submission under a lease of
// `lease` (the `submissions.lease` setting), verifies its bytes in memory
// with the rulebook the path's RulebookSet picks (DraftPipeline::
// CheckBytes, the code folder drafts go through), heartbeating every third
// of the lease while the check runs, and completes it under its fencing
// token: the ledger commit (status routed, verdict, area, proof record and
// the submission's ledger rows, in one transaction) is the commit point.
// Then `deliver` copies the draft and its record into this node's spool
// (ready/ or review/ at its path; the daemon runs it through the
// dispatcher, one submission per path), and marks it delivered. A lost
// lease (another node took the work over) drops the work silently: that
// node routes it.
//
// POISON SUBMISSIONS. A submission whose check throws, or that stops its
// node each time (a crash, the OOM killer), would be claimed again at
// every lease forever. Every claim counts (QueuedSubmission::attempts);
// a claim past `max_attempts` does not check the draft again: it routes
// it to review/ with a proof record holding one input/check-failed
// finding that says so (DraftPipeline::UncheckedRecord), the bytes kept
// as sent, for an editor to look at.
//
// When nothing is claimable, or the ledger fails, the loop sleeps
// `idle_poll` (200 ms by default) before claiming again. At Start(), the
// submissions this node routed and never marked delivered (a crash or
// stop between the commit and the delivery) are delivered first.
//
// Thread safety: Start() and Stop() from one thread; `deliver` is called
// on the worker's thread.
#ifndef PROOFGATE_DAEMON_SERVICE_SUBMISSION_WORKER_H_
#define PROOFGATE_DAEMON_SERVICE_SUBMISSION_WORKER_H_

#include <spdlog/logger.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/ledger/submission_queue.h"
#include "daemon/spool/draft_pipeline.h"

namespace proofgate {

class SubmissionWorker {
 public:
  struct Settings {
    std::string node;                          // this daemon's `node`
    std::chrono::milliseconds lease{30'000};   // submissions.lease
    std::chrono::milliseconds idle_poll{200};  // between empty claims
    // Claims that check a submission; the next one routes it unchecked
    // (`submission_max_attempts`).
    int max_attempts = 3;
  };
  // Delivers a routed submission (its row, with the bytes, and its proof
  // record) into this node's spool and marks it delivered.
  using Deliver =
      std::function<void(const QueuedSubmission&, const nlohmann::json&)>;

  // `queue` and `pipeline` must outlive the worker.
  SubmissionWorker(SubmissionQueue& queue, DraftPipeline& pipeline,
                   Settings settings, Deliver deliver,
                   std::shared_ptr<spdlog::logger> log);
  ~SubmissionWorker();  // Stop()
  SubmissionWorker(const SubmissionWorker&) = delete;
  SubmissionWorker& operator=(const SubmissionWorker&) = delete;

  // Delivers what this node routed and did not deliver, then starts the
  // claim loop's thread.
  void Start();

  // Stops the loop: a check under way finishes and is completed; then the
  // thread ends (joined here). Idempotent.
  void Stop();

  // One round: claims, checks and completes at most one submission.
  // Returns true when it claimed one. (The loop's body; public for tests.)
  bool ClaimOne();

 private:
  void Run();
  // Verifies `s` (claimed under its lease_token) on a helper thread while
  // heartbeating; returns its proof record. Sets `lost` when a heartbeat
  // found the lease gone.
  nlohmann::json CheckLeased(const QueuedSubmission& s, bool& lost);
  // The proof record of `s`, claimed past max_attempts: routed unchecked.
  nlohmann::json Unchecked(const QueuedSubmission& s);
  // Sleeps up to `wait`, or until Stop().
  void Sleep(std::chrono::milliseconds wait);

  SubmissionQueue& queue_;
  DraftPipeline& pipeline_;
  Settings settings_;
  Deliver deliver_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mu_;  // guards stopping_ for cv_
  std::condition_variable cv_;
  bool stopping_ = false;
  // The last claim's error ("" after a claim that worked): an outage is
  // logged when it starts and when it ends, not at every poll.
  std::string claim_error_;
  std::thread thread_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_SUBMISSION_WORKER_H_
