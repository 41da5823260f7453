#include "daemon/service/inbox_settler.h"

#include <sys/stat.h>

#include <algorithm>

#include "daemon/spool/spool.h"

namespace proofgate {

InboxSettler::InboxSettler(boost::asio::io_context& io,
                           std::filesystem::path inbox,
                           std::chrono::milliseconds settle,
                           SettledCallback settled,
                           std::shared_ptr<spdlog::logger> log)
    : timer_(io),
      inbox_(std::move(inbox)),
      settle_(settle),
      settled_(std::move(settled)),
      log_(std::move(log)) {}

void InboxSettler::Arrived(const std::string& path, WallTime submitted,
                           bool complete) {
  if (stopped_) return;
  if (Spool::IsIgnoredPath(path)) {
    log_->debug("{}: a temporary or hidden file; waiting for a rename", path);
    return;
  }
  if (!complete) {
    if (const std::optional<SteadyTime> due = StillBeingWritten(path)) {
      log_->debug(
          "{}: found by a scan and modified just now; waiting for "
          "its close or {} ms of quiet",
          path, kScanQuiet.count());
      auto [it, added] =
          settling_.try_emplace(path, Settling{*due, submitted, true});
      if (!added && it->second.found) it->second.due = *due;
      ArmTimer();
      return;
    }
  }
  if (settle_.count() == 0) {
    settling_.erase(path);  // a close arrived for a draft found by a scan
    settled_(path, submitted);
    return;
  }
  const SteadyTime due = std::chrono::steady_clock::now() + settle_;
  auto [it, added] =
      settling_.try_emplace(path, Settling{due, submitted, false});
  if (!added) {
    it->second.due = due;  // not quiet yet: wait again
    it->second.found = false;
  }
  ArmTimer();
}

void InboxSettler::Found(const std::vector<std::string>& paths) {
  if (!paths.empty()) log_->info("{} drafts waiting in inbox/", paths.size());
  for (const std::string& path : paths) {
    // What arrived while the daemon was down was submitted when it was
    // last written or moved in: its ctime.
    WallTime submitted = std::chrono::system_clock::now();
    struct stat st;
    if (::lstat((inbox_ / path).c_str(), &st) == 0) {
      submitted = WallTime(std::chrono::duration_cast<WallTime::duration>(
          std::chrono::seconds(st.st_ctim.tv_sec) +
          std::chrono::nanoseconds(st.st_ctim.tv_nsec)));
    }
    Arrived(path, submitted, /*complete=*/false);
  }
}

void InboxSettler::Stop() {
  stopped_ = true;
  timer_.cancel();
  settling_.clear();
}

std::optional<InboxSettler::SteadyTime> InboxSettler::StillBeingWritten(
    const std::string& path) const {
  struct stat st;
  if (::lstat((inbox_ / path).c_str(), &st) != 0) return std::nullopt;
  const auto modified = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(st.st_mtim.tv_sec) +
          std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  const auto quiet_for = std::chrono::system_clock::now() - modified;
  if (quiet_for >= kScanQuiet) return std::nullopt;
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<SteadyTime::duration>(kScanQuiet -
                                                          quiet_for);
}

void InboxSettler::ArmTimer() {
  if (settling_.empty()) return;
  SteadyTime earliest = SteadyTime::max();
  for (const auto& [path, s] : settling_) earliest = std::min(earliest, s.due);
  if (armed_ && *armed_ <= earliest) return;
  armed_ = earliest;
  timer_.expires_at(earliest);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // re-armed or cancelled
    OnTimer();
  });
}

void InboxSettler::OnTimer() {
  armed_.reset();
  const SteadyTime now = std::chrono::steady_clock::now();
  for (auto it = settling_.begin(); it != settling_.end();) {
    if (it->second.due > now) {
      ++it;
      continue;
    }
    if (it->second.found) {
      if (const std::optional<SteadyTime> due = StillBeingWritten(it->first)) {
        it->second.due = *due;  // written again meanwhile
        ++it;
        continue;
      }
    }
    settled_(it->first, it->second.submitted);
    it = settling_.erase(it);
  }
  ArmTimer();
}

}  // namespace proofgate
