#include "daemon/service/decision_relay.h"

#include <algorithm>

#include "daemon/ledger/pending_decisions.h"

namespace proofgate {

using Clock = std::chrono::steady_clock;

DecisionRelay::DecisionRelay(Settings settings, std::function<void()> wake,
                             std::shared_ptr<spdlog::logger> log)
    : settings_(std::move(settings)),
      wake_(std::move(wake)),
      log_(std::move(log)) {}

DecisionRelay::~DecisionRelay() { Stop(); }

void DecisionRelay::Start() {
  thread_ = std::thread([this] { Run(); });
}

void DecisionRelay::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool DecisionRelay::stopping() {
  std::lock_guard lock(mu_);
  return stopping_;
}

bool DecisionRelay::Listen() {
  Expected<std::unique_ptr<PgConnection>> conn =
      PgConnection::Open(settings_.ledger.uri, settings_.ledger.password);
  Status listening =
      conn ? (*conn)->Run(std::string("LISTEN ") + kDecisionsChannel)
           : Status(Unexpected(conn.error()));
  if (!listening) {
    if (listening.error() != listen_error_) {
      log_->warn(
          "decisions: cannot listen for other nodes' decisions ({}); "
          "polling every {} ms meanwhile",
          listening.error(), settings_.poll.count());
      listen_error_ = listening.error();
    }
    return false;
  }
  conn_ = std::move(*conn);
  log_->info("decisions: listening on {} for node {}", kDecisionsChannel,
             settings_.node);
  listen_error_.clear();
  return true;
}

bool DecisionRelay::Wait(std::chrono::milliseconds wait) {
  if (!conn_) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, wait, [this] { return stopping_; });
    return false;
  }
  Expected<std::vector<std::string>> got = conn_->Notifications(wait);
  if (!got) {
    log_->warn("decisions: the listening connection broke ({}); reconnecting",
               got.error());
    listen_error_ = got.error();
    conn_.reset();
    return false;
  }
  return std::find(got->begin(), got->end(), settings_.node) != got->end();
}

void DecisionRelay::Run() {
  auto next_poll = Clock::now();
  while (!stopping()) {
    const auto now = Clock::now();
    if (now >= next_poll) {
      // Reconnect at poll times only: a server that is down is not asked
      // more often than the poll reads it anyway.
      if (settings_.listen && !conn_) Listen();
      wake_();
      next_poll = now + settings_.poll;
      continue;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(next_poll - now);
    if (Wait(std::min(left, kSlice))) {
      wake_();
      next_poll = Clock::now() + settings_.poll;
    }
  }
}

}  // namespace proofgate
