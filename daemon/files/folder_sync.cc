#include "daemon/files/folder_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace proofgate {

FolderSync::FolderSync(SyncFunction sync) : sync_(std::move(sync)) {}

std::error_code FolderSync::DefaultSync(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return {errno, std::generic_category()};
  std::error_code error;
  if (::fsync(fd) != 0) error = {errno, std::generic_category()};
  ::close(fd);
  return error;
}

void FolderSync::Sync(const std::filesystem::path& folder) {
  std::unique_lock<std::mutex> lock(mu_);
  State& state = folders_[folder.string()];
  // A sync running now may have started before the caller's change; the
  // first one to start after this point covers it.
  const uint64_t needed = state.started + 1;
  while (state.finished < needed) {
    if (state.running) {
      done_.wait(lock);
      continue;
    }
    state.running = true;
    const uint64_t generation = ++state.started;
    ++syncs_;
    lock.unlock();
    std::error_code error;
    try {
      error = sync_(folder);
    } catch (const std::system_error& e) {
      error = e.code();
    } catch (...) {
      error = std::make_error_code(std::errc::io_error);
    }
    lock.lock();
    state.running = false;
    state.finished = generation;
    state.error = error;
    done_.notify_all();
  }
  // Generations end in order (one runs at a time), and the one that ended
  // last started after this call began: its result is this call's. (When
  // an earlier covering one succeeded and this one failed, the caller is
  // told of a failure it could have been spared: it retries.)
  if (state.error) {
    throw std::system_error(state.error,
                            "cannot fsync folder " + folder.string());
  }
}

uint64_t FolderSync::syncs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return syncs_;
}

}  // namespace proofgate
