// For tests: the real `proofgate run` binary (ProofgateBinary()) as a child
// process, and a temporary spool to run it on, with bounded waits.
#ifndef PROOFGATE_TESTS_DAEMON_PROCESS_H_
#define PROOFGATE_TESTS_DAEMON_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "rules/sha256.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace proofgate::testing {

namespace fs = std::filesystem;

// Generous: these waits bound a hung test, they do not time the daemon.
inline constexpr auto kDeadline = std::chrono::seconds(120);

inline void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// Polls `done` every 20 ms until it holds or `deadline` passes.
inline bool WaitFor(const std::function<bool()>& done,
                    std::chrono::milliseconds deadline = kDeadline) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// `proofgate run ARGS...` with stderr to `log`.
class DaemonProcess {
 public:
  DaemonProcess(std::vector<std::string> args, fs::path log)
      : log_(std::move(log)) {
    // Tests run daemons side by side: each serves the exception queue on a
    // free loopback port unless the test names one.
    if (std::find(args.begin(), args.end(), "--listen") == args.end()) {
      args.insert(args.end(), {"--listen", "127.0.0.1:0"});
    }
    args.insert(args.begin(), {ProofgateBinary(), "run"});
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(fd, 2);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
  }
  ~DaemonProcess() {
    if (pid_ > 0 && !exit_code_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }

  void Signal(int signo) { ::kill(pid_, signo); }

  // Waits for the process to exit (bounded); its exit code, or 128 + the
  // signal that ended it, or nullopt when it is still running.
  std::optional<int> Wait(std::chrono::milliseconds deadline = kDeadline) {
    WaitFor(
        [&] {
          if (exit_code_) return true;
          int status = 0;
          if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status)
                                           : 128 + WTERMSIG(status);
          }
          return exit_code_.has_value();
        },
        deadline);
    return exit_code_;
  }

  std::string Log() const { return ReadFile(log_); }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// Where a dropped draft ended, as the tests check it.
struct Routed {
  std::string area;  // "ready" or "review"; "" when in neither
  int copies = 0;    // in how many of ready/ and review/ it is
  nlohmann::json record;
};

inline Routed FindRouted(const fs::path& spool, const std::string& rel) {
  Routed r;
  for (const char* area : {"ready", "review"}) {
    if (fs::exists(spool / area / rel)) {
      ++r.copies;
      r.area = area;
      r.record = nlohmann::json::parse(
          ReadFile(spool / area / (rel + ".proof.json")), nullptr, false);
    }
  }
  return r;
}

// Regular files below `folder`, relative, sorted.
inline std::vector<std::string> FilesBelow(const fs::path& folder) {
  std::vector<std::string> files;
  // The daemon moves and removes files meanwhile; a listing cut short by
  // that is started again (bounded), so a partial list is never returned
  // as complete.
  for (int attempt = 0; attempt < 100; ++attempt) {
    files.clear();
    std::error_code ec;
    if (!fs::exists(folder, ec)) return files;
    fs::recursive_directory_iterator it(folder, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_regular_file(type_ec)) {
        files.push_back(it->path().lexically_relative(folder).generic_string());
      }
    }
    if (!ec) break;
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Rows of a one-column query on the ledger.
inline std::vector<std::string> LedgerColumn(const fs::path& spool,
                                             const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3* db = nullptr;
  const fs::path file = spool / ".proofgate" / "ledger.sqlite";
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
      SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(stmt, 0);
        rows.push_back(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return rows;
}

// The first `count` Markdown files of the shared corpus (sorted), relative
// to CorpusDir().
inline std::vector<std::string> CorpusDrafts(size_t count) {
  std::vector<std::string> all;
  for (const auto& e : fs::recursive_directory_iterator(CorpusDir())) {
    if (e.is_regular_file() && e.path().extension() == ".md") {
      all.push_back(e.path().lexically_relative(CorpusDir()).generic_string());
    }
  }
  std::sort(all.begin(), all.end());
  if (all.size() > count) {
    // Spread over the whole corpus rather than its first folder.
    std::vector<std::string> picked;
    for (size_t i = 0; i < count; ++i) {
      picked.push_back(all[i * all.size() / count]);
    }
    return picked;
  }
  return all;
}

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_DAEMON_PROCESS_H_
