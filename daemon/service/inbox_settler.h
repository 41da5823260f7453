// InboxSettler: when a draft dropped into the spool's inbox/ is complete
// and may be claimed.
//
// A draft announced by its close (or moved in) is handed on once it has
// been quiet for the settle time (config `settle_ms`; 0 hands it on at
// once): a writer that saves twice in quick succession gives one
// submission, not two. A draft found by a scan (at start-up, after an
// inotify overflow, or in a folder that just appeared) rather than
// announced may still be open for writing: it is handed on when its close
// arrives, or once its file has not been modified for kScanQuiet.
//
// Owns the drafts settling (by path relative to inbox/) and the one timer
// that wakes for the earliest of them. Not thread-safe: constructed, called
// and stopped on the thread that runs the io_context, where its timer's
// handlers and the `settled` callback run too; no lock.
#ifndef PROOFGATE_DAEMON_SERVICE_INBOX_SETTLER_H_
#define PROOFGATE_DAEMON_SERVICE_INBOX_SETTLER_H_

#include <spdlog/logger.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/text/timestamp.h"

namespace proofgate {

// A draft found by a scan rather than announced by its close may still be
// open for writing: it is claimed when its close arrives, or once it has
// not been modified for this long. One second is several times the gap
// between the writes of a program saving a file (the slowest measured in
// the end-to-end test writes every 60 ms) and short enough not to hold up
// a start-up scan, whose drafts are usually older and are claimed at once.
inline constexpr auto kScanQuiet = std::chrono::milliseconds(1000);

class InboxSettler {
 public:
  // Receives a settled draft: its path relative to inbox/ ('/'-separated)
  // and when it was submitted.
  using SettledCallback =
      std::function<void(const std::string& path, WallTime submitted)>;

  // `inbox` is the folder the paths are relative to (read for
  // modification and change times only). `settle` is the quiet time of a
  // draft announced by its close, in ms (0: none). `io` must outlive the
  // settler.
  InboxSettler(boost::asio::io_context& io, std::filesystem::path inbox,
               std::chrono::milliseconds settle, SettledCallback settled,
               std::shared_ptr<spdlog::logger> log);
  InboxSettler(const InboxSettler&) = delete;
  InboxSettler& operator=(const InboxSettler&) = delete;

  // A draft at `path` (relative to inbox/) reported by the inbox watcher:
  // `complete` when an event says it was closed after writing or moved
  // in, false when it was only found by scanning. A new report of a draft
  // still settling restarts its wait. Temporary and hidden files
  // (Spool::IsIgnoredPath) are skipped: their rename is reported later.
  // Does nothing after Stop().
  void Arrived(const std::string& path, WallTime submitted, bool complete);

  // Drafts found by a scan of inbox/ (paths relative to it): each is
  // submitted at its change time (ctime: when it was last written or
  // moved in, so while the daemon was down) and settles as a draft found
  // by a scan. A draft whose file is gone is submitted now.
  void Found(const std::vector<std::string>& paths);

  // The settle time for drafts announced from now on, in ms (a reloaded
  // configuration's `settle_ms`).
  void set_settle(std::chrono::milliseconds settle) { settle_ = settle; }

  // Forgets every draft settling and cancels the timer: nothing is handed
  // on after it returns. Idempotent.
  void Stop();

 private:
  using SteadyTime = std::chrono::steady_clock::time_point;
  struct Settling {
    SteadyTime due;
    WallTime submitted;
    bool found = false;  // found by a scan: checked for quiet when due
  };

  // When a draft found by a scan will have been quiet for kScanQuiet, or
  // nullopt when it already has (or is gone).
  std::optional<SteadyTime> StillBeingWritten(const std::string& path) const;
  void ArmTimer();
  void OnTimer();

  boost::asio::steady_timer timer_;
  const std::filesystem::path inbox_;
  std::chrono::milliseconds settle_;
  SettledCallback settled_;
  std::shared_ptr<spdlog::logger> log_;
  std::map<std::string, Settling> settling_;  // by path relative to inbox/
  std::optional<SteadyTime> armed_;           // when timer_ is due, if set
  bool stopped_ = false;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_INBOX_SETTLER_H_
