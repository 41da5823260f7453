// DraftDispatcher: hands settled drafts to the worker pool, one
// submission per draft path at a time (daemon/spool/spool.h relies on
// it), and retries a submission that could not be finished.
//
// A draft whose path is in flight waits (deferred) until the current
// submission of that path is routed, then is dispatched; several arrivals
// meanwhile give one submission (of the file as it is then, submitted
// when the first of them arrived). A submission left unfinished in
// processing/ (a full disk, a permission or a name taken by a folder, all
// things an operator fixes) keeps its path in flight and is recovered
// again after kFirstRetry, the wait doubling up to kMaxRetry, so
// no newer submission of the path overtakes it.
//
// Owns the set of paths in flight, the deferred arrivals and the retry
// timers: state of the io thread only (no lock). Dispatch(), Recover(),
// InFlight(), in_flight() and Stop() are called on the thread that runs
// the io_context; claims and recoveries run on the worker pool, which
// posts each outcome back to the io thread. Only the stop flag is read by
// the workers (atomic).
#ifndef PROOFGATE_DAEMON_SERVICE_DRAFT_DISPATCHER_H_
#define PROOFGATE_DAEMON_SERVICE_DRAFT_DISPATCHER_H_

#include <spdlog/logger.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "daemon/spool/draft_pipeline.h"
#include "daemon/spool/spool.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// The first wait before a submission that could not be finished is
// retried, and the longest: one second keeps a persistent error from
// filling the log, one minute clears a fixed problem within a minute.
inline constexpr auto kFirstRetry = std::chrono::seconds(1);
inline constexpr auto kMaxRetry = std::chrono::seconds(60);

class DraftDispatcher {
 public:
  // Every reference must outlive the dispatcher, and the pool must be
  // joined before it is destroyed.
  DraftDispatcher(boost::asio::io_context& io,
                  boost::asio::thread_pool& workers, Spool& spool,
                  DraftPipeline& pipeline, std::shared_ptr<spdlog::logger> log);
  DraftDispatcher(const DraftDispatcher&) = delete;
  DraftDispatcher& operator=(const DraftDispatcher&) = delete;

  // Claims the draft at `path` (relative to inbox/) submitted at
  // `submitted`, and processes it on a worker, or defers it while a
  // submission of the same path is in flight. Errors are logged (a draft
  // that cannot be claimed stays in inbox/). Does nothing after Stop().
  void Dispatch(const std::string& path, WallTime submitted);

  // Runs `job` on a worker while holding draft path `path`, like a
  // submission of it: deferred while the path is in flight, run before
  // the path's deferred arrival. For HTTP submissions' deliveries
  // (daemon/service/submission_worker.h); `job` handles its own errors
  // and returns the id of a submission it left unfinished in processing/
  // ("" when done), which then holds the path and is retried as a folder
  // submission is. Does nothing after Stop(). Call on the io thread.
  void DispatchJob(const std::string& path, std::function<std::string()> job);

  // Finishes the submissions a stop or crash left in processing/, at
  // start-up, before anything is dispatched: synchronously, on the
  // calling (io) thread, oldest first. One that cannot be finished holds
  // its path and is retried as above; a later submission of a path whose
  // earlier one is waiting for a retry stays in processing/ for the next
  // start.
  void Recover();

  // Whether a submission of draft path `path` is being processed or
  // waiting for a retry (an editor's decision on it must wait).
  bool InFlight(const std::string& path) const {
    return in_flight_.count(path) > 0;
  }
  // How many draft paths are in flight (for the log).
  size_t in_flight() const { return in_flight_.size(); }

  // Stops dispatching: nothing new is claimed, deferred arrivals are
  // forgotten (they stay in inbox/ for the next start), retry timers are
  // cancelled (their submissions stay in processing/), and workers skip
  // what is queued. Drafts being processed finish. Idempotent.
  void Stop();

 private:
  // On a worker: claims and processes a draft. Returns the id of a
  // submission claimed but not finished (left in processing/), or "".
  std::string Claim(const std::string& path, WallTime submitted);
  // On the io thread, after a worker has handled `path`: an unfinished
  // submission (`failed` not empty) is retried after `wait`.
  void Finished(const std::string& path, const std::string& failed,
                std::chrono::seconds wait);
  // Releases `path` and dispatches its deferred arrival, if any.
  void Done(const std::string& path);

  boost::asio::io_context& io_;
  boost::asio::thread_pool& workers_;
  Spool& spool_;
  DraftPipeline& pipeline_;
  std::shared_ptr<spdlog::logger> log_;
  std::atomic<bool> stopped_{false};
  std::set<std::string> in_flight_;           // paths being processed
  std::map<std::string, WallTime> deferred_;  // arrived again while in flight
  // DispatchJob()s waiting for their path, in order.
  std::map<std::string, std::deque<std::function<std::string()>>>
      deferred_jobs_;
  // Submissions waiting for a retry, by draft path.
  std::map<std::string, std::unique_ptr<boost::asio::steady_timer>> retries_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_DRAFT_DISPATCHER_H_
