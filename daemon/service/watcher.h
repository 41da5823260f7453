// FolderWatcher: inotify on a folder (optionally its whole tree) through
// Boost.Asio, reporting files that are complete: closed after writing
// (IN_CLOSE_WRITE) or moved in (IN_MOVED_TO).
//
// Recursive watching adds a watch to every folder below the root, and to
// each new folder as it appears (created or moved in); a new folder's
// files that arrived before its watch are reported by scanning it. A
// folder moved out of the tree loses its watches; one renamed within it
// is watched under its new name.
// Folders whose names start with '.' are not watched, and symbolic links
// are never followed. Reports may repeat (a file written twice, or found
// by a scan and an event): consumers must tolerate a report for a file
// that is gone.
//
// Not thread-safe: construct, Start() and Stop() on the thread that runs
// the io_context; callbacks run on that thread too.
#ifndef PROOFGATE_DAEMON_SERVICE_WATCHER_H_
#define PROOFGATE_DAEMON_SERVICE_WATCHER_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "checks/expected.h"

namespace proofgate {

class FolderWatcher {
 public:
  struct Options {
    bool recursive = true;
    // Also report files deleted or moved out (for rulebook folders,
    // where a removal changes the rules too).
    bool report_removals = false;
  };
  // A file's path relative to the root, '/'-separated, and whether an
  // event says the file is complete (`complete`: closed after writing or
  // moved in) or it was only found by scanning a new folder (then it may
  // still be open for writing; its close, if any, is reported later).
  using FileCallback =
      std::function<void(const std::string& path, bool complete)>;
  // The kernel's event queue overflowed: events were lost, rescan.
  using OverflowCallback = std::function<void()>;

  FolderWatcher(boost::asio::io_context& io, std::filesystem::path root,
                Options options, FileCallback on_file,
                OverflowCallback on_overflow);
  ~FolderWatcher();
  FolderWatcher(const FolderWatcher&) = delete;
  FolderWatcher& operator=(const FolderWatcher&) = delete;

  // Creates the inotify instance and the watches, and starts reading
  // events. Returns success, or what failed (e.g. the root does not
  // exist, or the inotify watch limit was reached).
  Status Start();

  // Stops watching; no callback runs after it returns. Idempotent.
  void Stop();

  // Number of folders watched (for logs and tests).
  size_t folders() const { return folders_.size(); }

 private:
  void AddTree(const std::string& rel, bool report_files);
  bool AddOne(const std::string& rel);
  // Drops the watches of `rel` and every folder below it.
  void RemoveTree(const std::string& rel);
  void Read();
  void Handle(const char* data, size_t size);

  boost::asio::posix::stream_descriptor stream_;
  std::filesystem::path root_;
  Options options_;
  FileCallback on_file_;
  OverflowCallback on_overflow_;
  std::map<int, std::string> folders_;  // watch descriptor -> rel path
  std::vector<char> buffer_;
  bool stopped_ = false;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_WATCHER_H_
