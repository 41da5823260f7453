#include "daemon/service/watcher.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace proofgate {

namespace fs = std::filesystem;

namespace {

std::string Join(const std::string& rel, const std::string& name) {
  return rel.empty() ? name : rel + "/" + name;
}

}  // namespace

FolderWatcher::FolderWatcher(boost::asio::io_context& io, fs::path root,
                             Options options, FileCallback on_file,
                             OverflowCallback on_overflow)
    : stream_(io),
      root_(std::move(root)),
      options_(options),
      on_file_(std::move(on_file)),
      on_overflow_(std::move(on_overflow)),
      // Room for many events per read: each is 16 bytes plus a name of at
      // most NAME_MAX + 1 bytes.
      buffer_(64 * 1024) {}

FolderWatcher::~FolderWatcher() { Stop(); }

Status FolderWatcher::Start() {
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    return Unexpected(std::string("inotify_init1: ") + std::strerror(errno));
  }
  stream_.assign(fd);
  if (!AddOne("")) {
    const std::string error =
        "cannot watch " + root_.string() + ": " + std::strerror(errno);
    Stop();
    return Unexpected(error);
  }
  if (options_.recursive) {
    std::error_code ec;
    for (fs::directory_iterator it(root_, ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
        AddTree(it->path().filename().string(), false);
      }
    }
  }
  Read();
  return {};
}

void FolderWatcher::Stop() {
  stopped_ = true;
  boost::system::error_code ignored;
  if (stream_.is_open()) stream_.close(ignored);
  folders_.clear();
}

bool FolderWatcher::AddOne(const std::string& rel) {
  // IN_MOVED_FROM also for folders leaving: their watches go with them.
  uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                  IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;
  if (options_.report_removals) mask |= IN_DELETE;
  const fs::path folder = rel.empty() ? root_ : root_ / rel;
  const int wd =
      ::inotify_add_watch(stream_.native_handle(), folder.c_str(), mask);
  if (wd < 0) return false;
  folders_[wd] = rel;
  return true;
}

// Watches `rel` and every folder below it; with `report_files`, reports
// the files already there (they may have arrived before the watch).
void FolderWatcher::AddTree(const std::string& rel, bool report_files) {
  if (rel.empty() || rel.substr(rel.rfind('/') + 1).front() == '.') return;
  if (!AddOne(rel)) return;  // vanished, or the watch limit: logged by scans
  std::error_code ec;
  for (fs::directory_iterator it(root_ / rel, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string child = Join(rel, it->path().filename().string());
    std::error_code type_ec;
    const fs::file_status status = it->symlink_status(type_ec);
    if (type_ec) continue;
    if (fs::is_directory(status)) {
      AddTree(child, report_files);
    } else if (report_files && fs::is_regular_file(status)) {
      on_file_(child, /*complete=*/false);
    }
  }
}

void FolderWatcher::RemoveTree(const std::string& rel) {
  const std::string below = rel + "/";
  for (auto it = folders_.begin(); it != folders_.end();) {
    if (it->second == rel || it->second.compare(0, below.size(), below) == 0) {
      ::inotify_rm_watch(stream_.native_handle(), it->first);
      it = folders_.erase(it);
    } else {
      ++it;
    }
  }
}

void FolderWatcher::Read() {
  stream_.async_read_some(
      boost::asio::buffer(buffer_),
      [this](const boost::system::error_code& ec, size_t n) {
        if (ec || stopped_) return;  // closed by Stop()
        Handle(buffer_.data(), n);
        if (!stopped_) Read();
      });
}

void FolderWatcher::Handle(const char* data, size_t size) {
  size_t offset = 0;
  while (offset + sizeof(inotify_event) <= size) {
    inotify_event event;
    std::memcpy(&event, data + offset, sizeof event);
    const std::string name =
        event.len ? std::string(data + offset + sizeof event) : std::string();
    offset += sizeof event + event.len;
    if (event.mask & IN_Q_OVERFLOW) {
      if (on_overflow_) on_overflow_();
      continue;
    }
    if (event.mask & IN_IGNORED) {
      folders_.erase(event.wd);  // the folder was removed or moved away
      continue;
    }
    auto folder = folders_.find(event.wd);
    if (folder == folders_.end() || name.empty()) continue;
    const std::string rel = Join(folder->second, name);
    if (event.mask & IN_ISDIR) {
      if (event.mask & IN_MOVED_FROM) {
        // Moved away (out of the tree, or renamed within it, in which case
        // IN_MOVED_TO follows and watches it again under its new name).
        RemoveTree(rel);
      } else if (options_.recursive &&
                 (event.mask & (IN_CREATE | IN_MOVED_TO))) {
        AddTree(rel, true);
      }
      continue;
    }
    if (event.mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
      on_file_(rel, /*complete=*/true);
    } else if (options_.report_removals &&
               (event.mask & (IN_DELETE | IN_MOVED_FROM))) {
      on_file_(rel, /*complete=*/true);
    }
    if (stopped_) return;
  }
}

}  // namespace proofgate
