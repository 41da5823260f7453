#include "daemon/service/draft_dispatcher.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <exception>
#include <vector>

namespace proofgate {

DraftDispatcher::DraftDispatcher(boost::asio::io_context& io,
                                 boost::asio::thread_pool& workers,
                                 Spool& spool, DraftPipeline& pipeline,
                                 std::shared_ptr<spdlog::logger> log)
    : io_(io),
      workers_(workers),
      spool_(spool),
      pipeline_(pipeline),
      log_(std::move(log)) {}

void DraftDispatcher::Dispatch(const std::string& path, WallTime submitted) {
  if (stopped_) return;
  if (in_flight_.count(path)) {
    // One submission per path at a time (spool.h relies on it): this one
    // waits until the current one is routed.
    deferred_.try_emplace(path, submitted);
    return;
  }
  in_flight_.insert(path);
  boost::asio::post(workers_, [this, path, submitted] {
    const std::string failed = stopped_ ? "" : Claim(path, submitted);
    boost::asio::post(
        io_, [this, path, failed] { Finished(path, failed, kFirstRetry); });
  });
}

void DraftDispatcher::DispatchJob(const std::string& path,
                                  std::function<std::string()> job) {
  if (stopped_) return;
  if (in_flight_.count(path)) {
    deferred_jobs_[path].push_back(std::move(job));
    return;
  }
  in_flight_.insert(path);
  boost::asio::post(workers_, [this, path, job = std::move(job)] {
    const std::string unfinished = stopped_ ? "" : job();
    boost::asio::post(io_, [this, path, unfinished] {
      Finished(path, unfinished, kFirstRetry);
    });
  });
}

void DraftDispatcher::Recover() {
  // At most one per worker, finished before anything new is claimed (so
  // one per path, as spool.h needs).
  const std::vector<std::string> unfinished = spool_.InProcessing();
  if (!unfinished.empty()) {
    log_->info("finishing {} submissions interrupted by a stop",
               unfinished.size());
  }
  for (const std::string& id : unfinished) {
    // Ids sort by submission time: a later submission of a path whose
    // earlier one is waiting for a retry must not overtake it. It stays
    // in processing/ for the next start.
    if (const std::string path = pipeline_.PathOf(id);
        !path.empty() && retries_.count(path)) {
      log_->warn(
          "{}: submission {} waits in processing/ for the next start, "
          "behind an earlier one not yet finished",
          path, id);
      continue;
    }
    const DraftPipeline::Recovery recovery = pipeline_.Recover(id);
    if (!recovery.finished && !recovery.path.empty()) {
      in_flight_.insert(recovery.path);
      Finished(recovery.path, id, kFirstRetry);
    }
  }
}

void DraftDispatcher::Stop() {
  stopped_ = true;
  deferred_.clear();
  deferred_jobs_.clear();
  for (auto& [path, timer] : retries_) timer->cancel();
}

std::string DraftDispatcher::Claim(const std::string& path,
                                   WallTime submitted) {
  ClaimedDraft draft;
  Spool::ClaimStatus status;
  try {
    status = spool_.Claim(path, submitted, draft);
  } catch (const std::exception& e) {
    log_->error("{}: cannot claim ({}); left in inbox/", path, e.what());
    return "";
  }
  switch (status) {
    case Spool::ClaimStatus::kClaimed:
      if (!pipeline_.Process(draft)) return draft.id;
      break;
    case Spool::ClaimStatus::kVanished:
      log_->info("{}: vanished from inbox/ before it was claimed; skipped",
                 path);
      break;
    case Spool::ClaimStatus::kNotAFile:
      log_->warn(
          "{}: not a regular file (symbolic links are not followed); "
          "left in inbox/",
          path);
      break;
    case Spool::ClaimStatus::kIgnored:
      break;
  }
  return "";
}

// A stop leaves an unfinished submission to the next start.
void DraftDispatcher::Finished(const std::string& path,
                               const std::string& failed,
                               std::chrono::seconds wait) {
  if (failed.empty() || stopped_) {
    Done(path);
    return;
  }
  log_->warn("{}: submission {} is retried in {} s", path, failed,
             wait.count());
  auto& timer = retries_[path];
  timer = std::make_unique<boost::asio::steady_timer>(io_, wait);
  boost::asio::steady_timer* const self = timer.get();
  timer->async_wait(
      [this, path, failed, wait, self](const boost::system::error_code& ec) {
        if (auto it = retries_.find(path);
            it != retries_.end() && it->second.get() == self) {
          retries_.erase(it);
        }
        if (ec || stopped_) {
          Done(path);
          return;
        }
        boost::asio::post(workers_, [this, path, failed, wait] {
          const bool finished = stopped_ || pipeline_.Recover(failed).finished;
          const auto next = std::min<std::chrono::seconds>(2 * wait, kMaxRetry);
          boost::asio::post(io_, [this, path, failed, finished, next] {
            Finished(path, finished ? "" : failed, next);
          });
        });
      });
}

void DraftDispatcher::Done(const std::string& path) {
  in_flight_.erase(path);
  if (auto jobs = deferred_jobs_.find(path); jobs != deferred_jobs_.end()) {
    std::function<std::string()> job = std::move(jobs->second.front());
    jobs->second.pop_front();
    if (jobs->second.empty()) deferred_jobs_.erase(jobs);
    DispatchJob(path, std::move(job));
    return;
  }
  auto it = deferred_.find(path);
  if (it == deferred_.end()) return;
  const WallTime submitted = it->second;
  deferred_.erase(it);
  Dispatch(path, submitted);
}

}  // namespace proofgate
