#include "daemon/service/submission_worker.h"

#include <algorithm>
#include <future>

namespace proofgate {

namespace {

WallTime Now() { return std::chrono::system_clock::now(); }

// How many undelivered submissions Start() delivers in one go: far above
// what a crash leaves (one per path in flight).
constexpr int kRedeliverLimit = 10'000;

}  // namespace

SubmissionWorker::SubmissionWorker(SubmissionQueue& queue,
                                   DraftPipeline& pipeline, Settings settings,
                                   Deliver deliver,
                                   std::shared_ptr<spdlog::logger> log)
    : queue_(queue),
      pipeline_(pipeline),
      settings_(std::move(settings)),
      deliver_(std::move(deliver)),
      log_(std::move(log)) {}

SubmissionWorker::~SubmissionWorker() { Stop(); }

void SubmissionWorker::Start() {
  Expected<std::vector<QueuedSubmission>> undelivered =
      queue_.Undelivered(settings_.node, kRedeliverLimit);
  if (!undelivered) {
    log_->error("HTTP submissions: cannot list the undelivered ones: {}",
                undelivered.error());
  } else {
    for (const QueuedSubmission& s : *undelivered) {
      log_->info("{}: delivering HTTP submission {}, routed before a stop",
                 s.path, s.id);
      deliver_(s, s.record);
    }
  }
  thread_ = std::thread([this] { Run(); });
}

void SubmissionWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SubmissionWorker::Sleep(std::chrono::milliseconds wait) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, wait, [this] { return stopping_; });
}

void SubmissionWorker::Run() {
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    bool claimed = false;
    try {
      claimed = ClaimOne();
    } catch (const std::exception& e) {
      // Nothing thrown here may end the daemon: the submission's lease
      // runs out and it is claimed again.
      log_->error("HTTP submissions: {}", e.what());
    }
    if (!claimed) Sleep(settings_.idle_poll);
  }
}

nlohmann::json SubmissionWorker::CheckLeased(const QueuedSubmission& s,
                                             bool& lost) {
  std::future<nlohmann::json> check = std::async(std::launch::async, [&] {
    return pipeline_.CheckBytes(
        s.id, s.path, s.bytes, ParseRfc3339Utc(s.submitted_at).value_or(Now()));
  });
  const auto beat = std::max(settings_.lease / 3, std::chrono::milliseconds(1));
  while (check.wait_for(beat) != std::future_status::ready) {
    Expected<bool> held =
        queue_.Heartbeat(s.id, s.lease_token, settings_.lease, Now());
    if (held && !*held) lost = true;
    if (!held) {
      log_->warn("{}: heartbeat of HTTP submission {} failed: {}", s.path, s.id,
                 held.error());
    }
  }
  return check.get();
}

nlohmann::json SubmissionWorker::Unchecked(const QueuedSubmission& s) {
  const std::string why =
      "The draft was claimed for checking " + std::to_string(s.attempts - 1) +
      " times without a result: each check failed or its node stopped "
      "during it (the node logs say why). It was not checked again; an "
      "editor must look at it.";
  log_->warn(
      "{}: HTTP submission {} claimed {} times without a result; routed to "
      "review/ unchecked",
      s.path, s.id, s.attempts - 1);
  return pipeline_.UncheckedRecord(
      s.id, s.path, s.bytes, ParseRfc3339Utc(s.submitted_at).value_or(Now()),
      why);
}

bool SubmissionWorker::ClaimOne() {
  Expected<std::optional<QueuedSubmission>> claimed =
      queue_.Claim(settings_.node, settings_.lease, Now());
  if (!claimed) {
    if (claimed.error() != claim_error_) {
      log_->error("HTTP submissions: cannot claim: {}", claimed.error());
      claim_error_ = claimed.error();
    }
    return false;
  }
  if (!claim_error_.empty()) {
    log_->info("HTTP submissions: claiming again");
    claim_error_.clear();
  }
  if (!*claimed) return false;
  const QueuedSubmission& s = **claimed;
  bool lost = false;
  nlohmann::json record;
  try {
    record = s.attempts > settings_.max_attempts ? Unchecked(s)
                                                 : CheckLeased(s, lost);
  } catch (const std::exception& e) {
    // The lease runs out and the submission is claimed again.
    log_->error("{}: cannot check HTTP submission {}: {}", s.path, s.id,
                e.what());
    return true;
  }
  Expected<bool> done = queue_.Complete(s.id, s.lease_token, record, Now());
  if (!done) {
    log_->error(
        "{}: cannot route HTTP submission {}: {}; retried when its "
        "lease ends",
        s.path, s.id, done.error());
    return true;
  }
  if (!*done) {
    log_->warn(
        "{}: lost the lease of HTTP submission {}{}; another node "
        "routes it",
        s.path, s.id, lost ? " while checking" : "");
    return true;
  }
  deliver_(s, record);
  return true;
}

}  // namespace proofgate
