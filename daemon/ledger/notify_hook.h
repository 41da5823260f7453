// NotifyHook: what a ledger writer (Ledger, DecisionLedger) needs to
// write webhook events: the settings of the webhooks in force and the
// sender's wake-up. Replaced whole by a SIGHUP reload while writers read
// it: a writer takes the settings once per transaction (a shared pointer
// that stays valid whatever replaces it). Thread-safe.
#ifndef PROOFGATE_DAEMON_LEDGER_NOTIFY_HOOK_H_
#define PROOFGATE_DAEMON_LEDGER_NOTIFY_HOOK_H_

#include <functional>
#include <memory>
#include <mutex>

#include "daemon/notify/notify_event.h"

namespace proofgate {

class NotifyHook {
 public:
  // From now on: the webhooks of `settings`, and `enqueued` (may be
  // empty) to call after a commit that wrote an event.
  void Set(NotifySettings settings, std::function<void()> enqueued);

  // The settings in force, never null (no webhooks until Set()).
  std::shared_ptr<const NotifySettings> settings() const;

  // Calls the wake-up, when there is one and webhooks are configured, on
  // the calling thread (not under the hook's lock).
  void Wake() const;

 private:
  mutable std::mutex mu_;  // guards settings_ and enqueued_
  std::shared_ptr<const NotifySettings> settings_ =
      std::make_shared<const NotifySettings>();
  std::function<void()> enqueued_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_NOTIFY_HOOK_H_
