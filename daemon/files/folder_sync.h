// FolderSync: durable folder entries for many threads at once, with one
// fsync serving every caller whose change came before it started (group
// commit, as daemon/ledger.h does for ledger rows).
//
// Each routed draft must have its rename into ready/ or review/ on disk
// before its ledger row commits (the crash-safety argument in
// daemon/spool.h), which takes an fsync of the destination folder. When
// workers route drafts into the same folder at once, a folder fsync that
// starts after a worker's rename makes that rename durable whoever issued
// it: so a caller waits for the sync in progress to end (it may have
// started before the caller's rename) and then for the next one, which
// one of the waiters runs for all of them. Under a burst this turns one
// folder fsync per draft into about one per batch of concurrent drafts.
//
// Thread-safe. Folders are told apart by their path as given (callers
// name an area's folder the same way each time); the state kept per
// folder is a few counters, for every folder ever synced.
#ifndef PROOFGATE_DAEMON_FILES_FOLDER_SYNC_H_
#define PROOFGATE_DAEMON_FILES_FOLDER_SYNC_H_

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <system_error>

namespace proofgate {

class FolderSync {
 public:
  // How a folder is synced: returns the error of fsync(2) (or of opening
  // the folder), {} on success; an exception it throws counts as an
  // error (std::system_error's code, or EIO). The default opens the folder
  // and fsyncs it; tests pass their own.
  using SyncFunction =
      std::function<std::error_code(const std::filesystem::path&)>;

  explicit FolderSync(SyncFunction sync = DefaultSync);

  FolderSync(const FolderSync&) = delete;
  FolderSync& operator=(const FolderSync&) = delete;

  // Returns once an fsync of `folder` that started after this call began
  // has succeeded, so every entry change made in `folder` before the call
  // is durable. Blocks for one or two fsyncs. Throws std::system_error
  // when the fsync that would have covered this call failed (the next
  // call tries again).
  void Sync(const std::filesystem::path& folder);

  // The number of fsyncs run so far, for tests and benchmarks.
  uint64_t syncs() const;

  static std::error_code DefaultSync(const std::filesystem::path& folder);

 private:
  struct State {
    uint64_t started = 0;   // syncs begun (their generation numbers)
    uint64_t finished = 0;  // the generation of the last one that ended
    bool running = false;
    std::error_code error;  // of generation `finished`
  };

  const SyncFunction sync_;
  mutable std::mutex mu_;
  std::condition_variable done_;
  std::map<std::string, State> folders_;
  uint64_t syncs_ = 0;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_FILES_FOLDER_SYNC_H_
