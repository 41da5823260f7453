#include "daemon/ledger/notify_hook.h"

namespace proofgate {

void NotifyHook::Set(NotifySettings settings, std::function<void()> enqueued) {
  auto next = std::make_shared<const NotifySettings>(std::move(settings));
  std::lock_guard<std::mutex> lock(mu_);
  settings_ = std::move(next);
  enqueued_ = std::move(enqueued);
}

std::shared_ptr<const NotifySettings> NotifyHook::settings() const {
  std::lock_guard<std::mutex> lock(mu_);
  return settings_;
}

void NotifyHook::Wake() const {
  std::function<void()> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!settings_->webhooks.empty()) wake = enqueued_;
  }
  if (wake) wake();
}

}  // namespace proofgate
