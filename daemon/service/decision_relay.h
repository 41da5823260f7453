// DecisionRelay: tells this node when decisions taken through other nodes
// wait for it (daemon/ledger/pending_decisions.h), on a thread of its own,
// with a PostgreSQL ledger.
//
// Two ways, because a notification can be lost (while the listening
// connection reconnects, behind a pooler in transaction mode):
//   - LISTEN kDecisionsChannel on a connection of its own; a notification
//     whose payload is this node's name calls `wake` at once. The wait is
//     poll(2) on the socket in slices of at most kSlice, so Stop() takes
//     effect within one. A broken connection is dropped and a new one
//     opened (and LISTEN sent again) at the next poll time; failures are
//     logged when they start and when they end.
//   - polling: `wake` every `poll` (the `decision_poll_ms` setting), and
//     once at Start() (decisions recorded while this node was down).
// `listen` false leaves the first out (for poolers that do not pass
// LISTEN through; tests of the poll).
//
// `wake` only schedules the work: the daemon posts it to its io thread
// (QueueServer::ApplyPendingDecisions), where decisions never overlap a
// rulebook reload or the routing of the same path.
//
// Thread safety: Start() and Stop() from one thread; `wake` is called on
// the relay's thread.
#ifndef PROOFGATE_DAEMON_SERVICE_DECISION_RELAY_H_
#define PROOFGATE_DAEMON_SERVICE_DECISION_RELAY_H_

#include <spdlog/logger.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/pg_connection.h"

namespace proofgate {

class DecisionRelay {
 public:
  struct Settings {
    std::string node;                      // this daemon's `node`
    LedgerLocation ledger;                 // a PostgreSQL ledger
    std::chrono::milliseconds poll{2000};  // decision_poll_ms
    bool listen = true;                    // decision_listen
  };
  // The longest single wait, in ms: how late Stop() may take effect.
  static constexpr std::chrono::milliseconds kSlice{200};

  DecisionRelay(Settings settings, std::function<void()> wake,
                std::shared_ptr<spdlog::logger> log);
  ~DecisionRelay();  // Stop()
  DecisionRelay(const DecisionRelay&) = delete;
  DecisionRelay& operator=(const DecisionRelay&) = delete;

  // Starts the thread, which calls `wake` at once.
  void Start();
  // Ends the thread (joined here). Idempotent.
  void Stop();

 private:
  void Run();
  // Opens the listening connection and sends LISTEN; logs a failure when
  // it is new. True when listening.
  bool Listen();
  // Waits up to `wait` for a notification naming this node (listening) or
  // for Stop(). True when one came.
  bool Wait(std::chrono::milliseconds wait);
  bool stopping();

  Settings settings_;
  std::function<void()> wake_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<PgConnection> conn_;  // listening; null while not
  std::string listen_error_;            // the last failure, "" when none
  std::mutex mu_;                       // guards stopping_ for cv_
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_DECISION_RELAY_H_
