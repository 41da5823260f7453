// WebhookSender: the thread that delivers the webhook outbox
// (daemon/ledger/notify_outbox.h) with libcurl, and records the events no
// routing or decision writes: SLA breaches and the daily digest
// (notify_timers.h).
//
// DELIVERY. At least once: a row is marked delivered only after its
// webhook answered 2xx, so a crash between the answer and the mark sends
// it again (receivers dedupe by the event id, also sent as the
// X-Proofgate-Delivery header). Each row is claimed before its request
// (NotifyOutbox::Claim, daemon/ledger/notify_outbox.h, CLAIMS) for
// kLeaseMargin more than the request may last, so with a PostgreSQL
// ledger shared by several daemons one node at a time sends a row; a node
// killed mid-delivery leaves it to any node once that lease ends. A failed
// attempt (no connection, timeout, any other status) is retried after 1 s, 2 s,
// 4 s, ... up to notify.retry_max_s, forever while the webhook stays
// configured. Each request: POST, Content-Type application/json, connect
// timeout 5 s, whole request 10 s, no redirects followed, no proxy, and the
// signature headers when the webhook has a secret
// (daemon/notify/webhook_request.h). Every connection goes through the address
// policy of link checks (checks/network/address_policy.h): an address in a
// special-purpose range (private, loopback, link-local, ...) is refused unless
// the webhook has allow_private, whatever name led to it.
//
// THREADS. One thread per webhook URL, plus one that records SLA
// breaches and the digest every 5 s; they share one ledger connection of
// their own (NotifyOutbox serializes its queries; requests run outside
// it). Routing and decisions only write rows and call Wake(), so a
// receiver that is down or slow never delays routing, and it delays only
// its own deliveries, never the other webhooks': each webhook's rows are
// sent in outbox order, one at a time (in a cluster, each node sends in
// that order; two nodes' sends may interleave). Without a wake-up each
// thread looks for its due rows every second.
#ifndef PROOFGATE_DAEMON_SERVICE_WEBHOOK_SENDER_H_
#define PROOFGATE_DAEMON_SERVICE_WEBHOOK_SENDER_H_

#include <spdlog/logger.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/notify_outbox.h"
#include "daemon/notify/notify_event.h"
#include "daemon/review/review_sla.h"
#include "daemon/spool/spool.h"

namespace proofgate {

// What a claim's lease adds to the longest request (Options::timeout_ms):
// the time to record the outcome, and clocks of nodes that differ by a
// few seconds (the lease's end is written by one node's clock and read by
// the others'; NTP keeps them within milliseconds). A node killed
// mid-delivery delays that row by at most timeout_ms + kLeaseMargin.
inline constexpr auto kLeaseMargin = std::chrono::seconds(5);

class WebhookSender {
 public:
  struct Options {
    NotifySettings settings;
    // The base of proof page links: notify.public_url, else the queue's
    // address ("" when neither: payloads carry "url": null).
    std::string base_url;
    LedgerLocation ledger;  // the outbox's ledger (either backend)
    ReviewSla sla;          // review.sla, for sla.breached
    // Timeouts per request, in ms (see DELIVERY).
    long connect_timeout_ms = 5000;
    long timeout_ms = 10000;
  };

  // `spool` must outlive the sender (SLA breaches read proof records in
  // review/).
  WebhookSender(const Spool& spool, std::shared_ptr<spdlog::logger> log);
  ~WebhookSender();  // Stop()
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  // Opens the outbox's connection, reads the secrets and starts the
  // thread, once; success, or why not (ledger error, unreadable secret
  // file). Without webhooks it starts nothing and succeeds.
  Status Start(Options options);

  // Looks for due rows now rather than at the next second. Thread-safe,
  // cheap; any time (before Start() too).
  void Wake();

  // Ends the threads after their requests in flight (at most timeout_ms).
  // Idempotent; thread-safe.
  void Stop();

 private:
  // Delivers the due rows of webhook `target` until Stop().
  void Loop(const std::string& target);
  // Records SLA breaches and the digest every kTimersEvery until Stop().
  void TimersLoop();
  // Waits up to `wait` for Stop(), or for a Wake() after the one `seen`
  // counts (when not null; updated). False once stopping.
  bool WaitForWork(std::chrono::steady_clock::duration wait,
                   unsigned long long* seen);
  bool Stopping();
  // Sends one outbox row and records the outcome.
  void Deliver(const OutboxRow& row);
  // One POST of `body` to `target`: "" on a 2xx answer, else why not.
  std::string Post(const WebhookTarget& target, const OutboxRow& row,
                   const std::string& body);

  Options options_;
  const Spool& spool_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<NotifyOutbox> outbox_;
  std::map<std::string, std::string> secrets_;  // by webhook URL
  std::vector<std::string> targets_;            // every webhook URL, once

  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  unsigned long long wakes_ = 0;  // Wake() calls so far
  std::vector<std::thread> threads_;
};

// The wait before attempt `attempts` + 1 after `attempts` failures
// (>= 1): 2^(attempts-1) s, at most `cap_s`. Pure.
std::chrono::seconds RetryDelay(long long attempts, int cap_s);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_WEBHOOK_SENDER_H_
