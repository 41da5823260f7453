// A real PostgreSQL server for one test binary, started by the test
// itself: Debian's postgresql-15 binaries (initdb, pg_ctl) on a fresh
// folder under /tmp, listening on a Unix socket in that folder only (no
// TCP port, so binaries run in parallel by `ctest -j` never collide),
// password authentication (scram-sha-256) for the role `proofgate`.
// When the test runs as root, the server runs as `nobody`, which owns the
// folder (PostgreSQL refuses to run as root).
//
// Cleanup: a watchdog process forked at start holds a pipe from the test
// process; when the test process exits for whatever reason (a failed
// assertion, a crash, SIGKILL) the pipe closes and the watchdog stops the
// server (pg_ctl stop -m immediate) and removes the folder. Stop() does
// the same at once, through the watchdog.
//
// Without the binaries, Start() fails with a message and tests skip.
#ifndef PROOFGATE_TESTS_POSTGRES_SERVER_H_
#define PROOFGATE_TESTS_POSTGRES_SERVER_H_

#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "daemon/ledger/pg_connection.h"

namespace proofgate::testing {

class PostgresServer {
 public:
  static constexpr const char* kBin = "/usr/lib/postgresql/15/bin";
  static constexpr const char* kPassword = "ledger-test-secret";
  static constexpr uid_t kNobody = 65534;

  // Creates, starts and waits for the server (about 1-2 s). Returns ""
  // when it runs, or why not (then every use is a skip).
  std::string Start() {
    if (access((std::string(kBin) + "/initdb").c_str(), X_OK) != 0 ||
        access((std::string(kBin) + "/pg_ctl").c_str(), X_OK) != 0) {
      return std::string("PostgreSQL 15 binaries not found in ") + kBin +
             " (scripts/setup installs postgresql-15)";
    }
    char pattern[] = "/tmp/pgledger-XXXXXX";  // short: a socket path
    if (mkdtemp(pattern) == nullptr) return "cannot create a folder in /tmp";
    dir_ = pattern;
    StartWatchdog();
    const bool root = geteuid() == 0;
    std::ofstream(dir_ / "pwfile") << kPassword << "\n";
    if (root && chown(dir_.c_str(), kNobody, kNobody) != 0) {
      return "cannot give " + dir_.string() + " to nobody";
    }
    if (root) (void)chown((dir_ / "pwfile").c_str(), kNobody, kNobody);
    if (Run({"initdb", "-D", (dir_ / "data").string(), "-U", "proofgate",
             "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
             "--pwfile=" + (dir_ / "pwfile").string(), "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"}) != 0) {
      return "initdb failed: " + Log();
    }
    if (!Resume()) return "pg_ctl start failed: " + Log();
    running_ = true;
    return "";
  }

  // Restarts the server (fast shutdown: open connections are cut), as an
  // administrator or a failover would. True when it runs again.
  bool Restart() {
    return Run({"pg_ctl", "-D", (dir_ / "data").string(), "-m", "fast", "-w",
                "-t", "60", "restart"}) == 0;
  }

  // Shuts the server down (fast: open connections are cut) and keeps its
  // data, as an outage would; Resume() starts it again. True on success.
  bool Pause() {
    return Run({"pg_ctl", "-D", (dir_ / "data").string(), "-m", "fast", "-w",
                "-t", "60", "stop"}) == 0;
  }
  bool Resume() {
    // fsync off: the test data does not need to survive a power failure.
    return Run({"pg_ctl", "-D", (dir_ / "data").string(), "-l",
                (dir_ / "server.log").string(), "-w", "-t", "60", "-o",
                "-c listen_addresses='' -k " + dir_.string() +
                    " -c fsync=off -c max_connections=100",
                "start"}) == 0;
  }

  // Stops the server and removes its folder (idempotent).
  void Stop() {
    if (watchdog_ <= 0) return;
    close(pipe_write_);
    int status = 0;
    waitpid(watchdog_, &status, 0);
    watchdog_ = -1;
    running_ = false;
  }

  ~PostgresServer() { Stop(); }

  bool running() const { return running_; }

  // A libpq URI for database `db` as `proofgate`, without the password.
  std::string Uri(const std::string& db = "postgres") const {
    return "postgresql:///" + db + "?host=" + dir_.string() + "&user=proofgate";
  }

  // Creates a fresh, empty database and returns its name.
  std::string CreateDatabase() {
    static std::atomic<int> next{0};
    const std::string name =
        "ledger_" + std::to_string(getpid()) + "_" + std::to_string(next++);
    auto conn = PgConnection::Open(Uri(), kPassword);
    if (!conn || !(*conn)->Run("CREATE DATABASE " + name)) return "";
    return name;
  }

  const std::filesystem::path& dir() const { return dir_; }

 private:
  // Runs kBin/args[0] (as nobody when root), output to server.log.
  int Run(const std::vector<std::string>& args) const {
    const pid_t pid = fork();
    if (pid == 0) {
      const int fd = open((dir_ / "tool.log").c_str(),
                          O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      if (geteuid() == 0) {
        if (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 ||
            setuid(kNobody) != 0) {
          _exit(126);
        }
      }
      std::vector<std::string> owned = args;
      owned[0] = std::string(kBin) + "/" + owned[0];
      std::vector<char*> argv;
      for (std::string& a : owned) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  }

  std::string Log() const {
    std::ifstream in(dir_ / "tool.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // Forks the process that stops the server and removes dir_ once the
  // pipe closes (Stop(), or this process's end).
  void StartWatchdog() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    watchdog_ = fork();
    if (watchdog_ == 0) {
      close(fds[1]);
      char byte;
      while (read(fds[0], &byte, 1) > 0) {
      }
      if (std::filesystem::exists(dir_ / "data" / "postmaster.pid")) {
        Run({"pg_ctl", "-D", (dir_ / "data").string(), "-m", "immediate", "-w",
             "stop"});
      }
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
      _exit(0);
    }
    close(fds[0]);
    pipe_write_ = fds[1];
  }

  std::filesystem::path dir_;
  pid_t watchdog_ = -1;
  int pipe_write_ = -1;
  bool running_ = false;
};

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_POSTGRES_SERVER_H_
