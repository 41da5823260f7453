#include "checks/exec/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <thread>
#include <utility>

namespace proofgate {

namespace {

using Clock = std::chrono::steady_clock;

// Bytes moved per read() or write() call: the Linux pipe buffer is 64 KiB
// (pipe(7)), so one call can fill or drain it.
constexpr size_t kChunk = 64 * 1024;

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      Close();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  ~Fd() { Close(); }

  int get() const { return fd_; }
  bool is_open() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) {
      // POSIX leaves the descriptor's state unspecified after EINTR; Linux
      // always closes it, so close() is never retried.
      ::close(fd_);
      fd_ = -1;
    }
  }

 private:
  int fd_ = -1;
};

// Opens a pipe with O_CLOEXEC on both ends, both numbered 3 or above: the
// child dup2()s its ends onto 0, 1 and 2, and an end that already sat on one
// of those numbers (when the caller runs with a standard stream closed)
// would be overwritten before it was moved. Returns 0 or an errno value.
int MakePipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return errno;
  read_end = Fd(fds[0]);
  write_end = Fd(fds[1]);
  for (Fd* fd : {&read_end, &write_end}) {
    if (fd->get() < 3) {
      const int moved = ::fcntl(fd->get(), F_DUPFD_CLOEXEC, 3);
      if (moved < 0) return errno;
      *fd = Fd(moved);
    }
  }
  return 0;
}

int SetNonBlocking(const Fd& fd) {
  const int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags | O_NONBLOCK) < 0) {
    return errno;
  }
  return 0;
}

// Blocks SIGPIPE in the calling thread for its lifetime. A write() to a pipe
// whose reader is gone raises SIGPIPE in the writing thread; blocked, it
// stays pending, and the destructor takes it off (unless one was already
// pending before, which belongs to someone else) and restores the mask.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;
  ~SigpipeBlock() {
    if (raised_ && !was_pending_) {
      const timespec zero = {0, 0};
      while (sigtimedwait(&set_, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  // Call after a write() failed with EPIPE.
  void Raised() { raised_ = true; }

 private:
  sigset_t set_;
  sigset_t old_;
  bool was_pending_ = false;
  bool raised_ = false;
};

// The spawned program. Until Reap() has run, the destructor kills its
// process group and reaps it, so an early return or an exception cannot
// leave a running program or a zombie behind.
class Child {
 public:
  explicit Child(pid_t pid) : pid_(pid) {}
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0) Reap();
  }

  pid_t pid() const { return pid_; }

  // Kills whatever is left in the program's process group, then reaps the
  // program. The group is killed BEFORE the leader is reaped: while the
  // leader is unreaped (running or a zombie) its pid, and so the group id,
  // cannot be reused, so the kill cannot reach an unrelated process.
  // Returns the wait status, or -1 (errno set) when waitpid failed.
  int Reap() {
    ::kill(-pid_, SIGKILL);
    int status = 0;
    pid_t r;
    do {
      r = ::waitpid(pid_, &status, 0);
    } while (r < 0 && errno == EINTR);
    pid_ = -1;
    return r < 0 ? -1 : status;
  }

  // Forget the program without touching it: someone else reaped it.
  void Release() { pid_ = -1; }

 private:
  pid_t pid_;
};

// Attributes and file actions for posix_spawn, destroyed on scope exit.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attr);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
  ~SpawnSetup() {
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
  }
};

int MillisecondsUntil(Clock::time_point deadline) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<long long>(left.count(), 0, 1 << 30));
}

enum class ReadStatus { kData, kAgain, kEof, kError };

// One read() of at most kChunk bytes from `fd`; appends what fits under
// `keep` bytes in total to `into` and drops the rest.
ReadStatus ReadChunk(const Fd& fd, std::string& into, size_t keep) {
  char buffer[kChunk];
  ssize_t n;
  do {
    n = ::read(fd.get(), buffer, sizeof buffer);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return errno == EAGAIN ? ReadStatus::kAgain : ReadStatus::kError;
  if (n == 0) return ReadStatus::kEof;
  const size_t room = keep > into.size() ? keep - into.size() : 0;
  into.append(buffer, std::min(room, static_cast<size_t>(n)));
  return ReadStatus::kData;
}

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);  // thread-safe, unlike strsignal
  const char* description = sigdescr_np(sig);
  std::string out = "signal " + std::to_string(sig);
  if (abbrev != nullptr) {
    out += " (SIG" + std::string(abbrev);
    if (description != nullptr) out += ": " + std::string(description);
    out += ")";
  }
  return out;
}

std::string ErrorName(int error) {
  const char* description = strerrordesc_np(error);  // thread-safe
  return description != nullptr ? description
                                : "error " + std::to_string(error);
}

// The three pipes between the caller and the program. The program's ends
// (in_read, out_write, err_write) go to its descriptors 0, 1 and 2 at the
// spawn and are closed here right after it; the caller's ends are
// non-blocking, for poll().
struct StdioPipes {
  Fd in_read, in_write;
  Fd out_read, out_write;
  Fd err_read, err_write;

  // Closes the program's ends, once the program holds its own copies: the
  // caller then sees end of file on stdout and stderr when the program (and
  // whatever it started) has closed them.
  void CloseProgramEnds() {
    in_read.Close();
    out_write.Close();
    err_write.Close();
  }
};

// A system call that failed while running a program: the call and errno.
struct CallFailure {
  const char* what = nullptr;
  int error = 0;
};

// Opens the three pipes with the caller's ends non-blocking. Returns the
// call that failed, or nullopt.
std::optional<CallFailure> OpenStdioPipes(StdioPipes& pipes) {
  if (int e = MakePipe(pipes.in_read, pipes.in_write)) {
    return CallFailure{"pipe2", e};
  }
  if (int e = MakePipe(pipes.out_read, pipes.out_write)) {
    return CallFailure{"pipe2", e};
  }
  if (int e = MakePipe(pipes.err_read, pipes.err_write)) {
    return CallFailure{"pipe2", e};
  }
  for (const Fd* fd : {&pipes.in_write, &pipes.out_read, &pipes.err_read}) {
    if (int e = SetNonBlocking(*fd)) return CallFailure{"fcntl", e};
  }
  return std::nullopt;
}

// `strings` as the null-terminated array of C strings that exec takes;
// valid while `strings` is unchanged.
std::vector<char*> CStringArray(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const std::string& s : strings) {
    out.push_back(const_cast<char*>(s.c_str()));
  }
  out.push_back(nullptr);
  return out;
}

// Starts spec.argv with the program's ends of `pipes` as its stdin, stdout
// and stderr, as the leader of a new process group, with an empty signal
// mask and default dispositions. Sets `pid` and returns 0, or returns the
// errno value posix_spawn gave (the program did not start).
int SpawnProgram(const SubprocessSpec& spec, const StdioPipes& pipes,
                 pid_t& pid) {
  const std::vector<char*> argv = CStringArray(spec.argv);
  const std::vector<char*> envp = CStringArray(spec.env);
  SpawnSetup setup;
  posix_spawn_file_actions_adddup2(&setup.actions, pipes.in_read.get(), 0);
  posix_spawn_file_actions_adddup2(&setup.actions, pipes.out_write.get(), 1);
  posix_spawn_file_actions_adddup2(&setup.actions, pipes.err_write.get(), 2);
  if (!spec.working_dir.empty()) {
    posix_spawn_file_actions_addchdir_np(&setup.actions,
                                         spec.working_dir.c_str());
  }
  // Descriptors other threads opened without O_CLOEXEC stay ours.
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3);

  // A new process group (pgid = the child's pid), so a timeout can kill
  // the program together with anything it started.
  posix_spawnattr_setpgroup(&setup.attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&setup.attr, &none);
  // Dispositions a caller may have set to SIG_IGN (a daemon ignores
  // SIGPIPE and SIGHUP) survive exec; the program gets the defaults.
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGALRM, SIGCHLD,
                  SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU}) {
    sigaddset(&defaults, sig);
  }
  posix_spawnattr_setsigdefault(&setup.attr, &defaults);
  posix_spawnattr_setflags(&setup.attr, POSIX_SPAWN_SETPGROUP |
                                            POSIX_SPAWN_SETSIGMASK |
                                            POSIX_SPAWN_SETSIGDEF);
  return ::posix_spawn(&pid, argv[0], &setup.actions, &setup.attr, argv.data(),
                       envp.data());
}

// How the exchange with a running program ended.
enum class Exchange {
  kOutputClosed,    // the program closed its stdout and stderr
  kTimedOut,        // the deadline passed first
  kOutputTooLarge,  // stdout went past max_stdout_bytes
  kFailed,          // poll() failed; see the CallFailure
};

// The caller's side of the pipes while the program runs: writes the input
// to its stdin and reads its stdout and stderr into the result, all three
// at once, so that a program that writes before it reads (or never reads)
// cannot block either side.
class StdioExchange {
 public:
  // `pipes` (the program's ends closed), `sigpipe` and `result` must
  // outlive the exchange; `result` receives out, err and input_written.
  StdioExchange(const SubprocessSpec& spec, StdioPipes& pipes,
                SigpipeBlock& sigpipe, SubprocessResult& result)
      : spec_(spec), pipes_(pipes), sigpipe_(sigpipe), result_(result) {}

  // Runs until the program has closed stdout and stderr, stdout is too
  // large, or `deadline` passes. Stdin is closed once all of `input` is
  // written (at once when it is empty) or the program closed its end; on
  // any other ending it may still be open. kFailed sets `failure`.
  Exchange Run(std::string_view input, Clock::time_point deadline,
               CallFailure& failure) {
    pending_ = input;
    if (pending_.empty()) pipes_.in_write.Close();
    while (pipes_.out_read.is_open() || pipes_.err_read.is_open()) {
      if (Clock::now() >= deadline) return Exchange::kTimedOut;
      Watched watched = Watch();
      const int ready =
          ::poll(watched.fds, watched.count, MillisecondsUntil(deadline));
      if (ready < 0) {
        if (errno == EINTR) continue;
        failure = CallFailure{"poll", errno};
        return Exchange::kFailed;
      }
      if (watched.Ready(watched.in)) WriteInput();
      if (watched.Ready(watched.out)) {
        const ReadStatus s =
            ReadChunk(pipes_.out_read, result_.out, spec_.max_stdout_bytes + 1);
        if (s == ReadStatus::kEof || s == ReadStatus::kError) {
          pipes_.out_read.Close();
        }
        if (result_.out.size() > spec_.max_stdout_bytes) {
          return Exchange::kOutputTooLarge;
        }
      }
      if (watched.Ready(watched.err)) {
        const ReadStatus s =
            ReadChunk(pipes_.err_read, result_.err, spec_.max_stderr_bytes);
        if (s == ReadStatus::kEof || s == ReadStatus::kError) {
          pipes_.err_read.Close();
        }
      }
    }
    return Exchange::kOutputClosed;
  }

 private:
  // The caller's ends still open, as one poll() call takes them; a slot is
  // the index of an end in `fds`, -1 when it is closed.
  struct Watched {
    pollfd fds[3];
    nfds_t count = 0;
    int in = -1, out = -1, err = -1;

    bool Ready(int slot) const { return slot >= 0 && fds[slot].revents != 0; }
  };

  Watched Watch() const {
    Watched w;
    if (pipes_.in_write.is_open()) {
      w.in = static_cast<int>(w.count);
      w.fds[w.count++] = {pipes_.in_write.get(), POLLOUT, 0};
    }
    if (pipes_.out_read.is_open()) {
      w.out = static_cast<int>(w.count);
      w.fds[w.count++] = {pipes_.out_read.get(), POLLIN, 0};
    }
    if (pipes_.err_read.is_open()) {
      w.err = static_cast<int>(w.count);
      w.fds[w.count++] = {pipes_.err_read.get(), POLLIN, 0};
    }
    return w;
  }

  // One write() of the next chunk of the input; closes stdin after the
  // last byte, so the program sees end of file.
  void WriteInput() {
    const ssize_t n = ::write(pipes_.in_write.get(), pending_.data(),
                              std::min(pending_.size(), kChunk));
    if (n > 0) {
      pending_.remove_prefix(static_cast<size_t>(n));
      result_.input_written += static_cast<size_t>(n);
    } else if (n < 0 && errno != EINTR && errno != EAGAIN) {
      // EPIPE: the program closed its stdin without reading everything.
      // That is its choice; what it writes decides the outcome.
      if (errno == EPIPE) sigpipe_.Raised();
      pending_ = {};
    }
    if (pending_.empty()) pipes_.in_write.Close();
  }

  const SubprocessSpec& spec_;
  StdioPipes& pipes_;
  SigpipeBlock& sigpipe_;
  SubprocessResult& result_;
  std::string_view pending_;  // the input not yet written
};

// How waiting for a program's exit ended.
enum class ExitWait {
  kExited,    // it has exited (not yet reaped)
  kTimedOut,  // the deadline passed first
  kFailed,    // waitid() failed; see the CallFailure
};

// Waits until `child` has exited or `deadline` passes, without reaping it
// (WNOWAIT), so that Child::Reap() can still kill what the program left in
// its group. Polled with a growing sleep, because a program usually exits
// right after closing its output: the first check or two find it.
ExitWait AwaitExit(Child& child, Clock::time_point deadline,
                   CallFailure& failure) {
  auto nap = std::chrono::milliseconds(1);
  while (true) {
    siginfo_t info;
    info.si_pid = 0;
    if (::waitid(P_PID, static_cast<id_t>(child.pid()), &info,
                 WEXITED | WNOHANG | WNOWAIT) != 0) {
      if (errno == EINTR) continue;
      const int e = errno;
      if (e == ECHILD) child.Release();  // reaped by someone else
      failure = CallFailure{
          e == ECHILD ? "waitid (the exit status was taken by someone else; "
                        "is SIGCHLD ignored?)"
                      : "waitid",
          e};
      return ExitWait::kFailed;
    }
    if (info.si_pid == child.pid()) return ExitWait::kExited;
    const int left = MillisecondsUntil(deadline);
    if (left <= 0) return ExitWait::kTimedOut;
    std::this_thread::sleep_for(std::min(nap, std::chrono::milliseconds(left)));
    nap = std::min(nap * 2, std::chrono::milliseconds(20));
  }
}

}  // namespace

SubprocessResult RunSubprocess(const SubprocessSpec& spec,
                               std::string_view input) {
  using Outcome = SubprocessResult::Outcome;
  SubprocessResult result;
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + spec.timeout;
  auto finish = [&](Outcome outcome) {
    result.outcome = outcome;
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        Clock::now() - start);
    return std::move(result);
  };
  auto internal_error = [&](const CallFailure& failure) {
    result.what = failure.what;
    result.error = failure.error;
    return finish(Outcome::kInternalError);
  };
  if (spec.argv.empty()) return internal_error({"argv", EINVAL});

  StdioPipes pipes;
  if (auto failure = OpenStdioPipes(pipes)) return internal_error(*failure);

  // Blocked from before the spawn: the child starts with an empty mask
  // (POSIX_SPAWN_SETSIGMASK), whatever this thread blocks.
  SigpipeBlock sigpipe;

  pid_t pid = -1;
  if (const int e = SpawnProgram(spec, pipes, pid)) {
    result.error = e;
    return finish(Outcome::kSpawnFailed);
  }
  // From here on every return kills and reaps the program (~Child).
  Child child(pid);
  pipes.CloseProgramEnds();

  CallFailure failure;
  Exchange exchange =
      StdioExchange(spec, pipes, sigpipe, result).Run(input, deadline, failure);
  if (exchange == Exchange::kFailed) return internal_error(failure);
  // End of file for a program that closed its output before reading all of
  // its input.
  pipes.in_write.Close();

  if (exchange == Exchange::kOutputClosed) {
    switch (AwaitExit(child, deadline, failure)) {
      case ExitWait::kExited:
        break;
      case ExitWait::kTimedOut:
        exchange = Exchange::kTimedOut;
        break;
      case ExitWait::kFailed:
        return internal_error(failure);
    }
  }

  const int status = child.Reap();
  if (exchange == Exchange::kTimedOut) return finish(Outcome::kTimedOut);
  if (exchange == Exchange::kOutputTooLarge) {
    return finish(Outcome::kOutputTooLarge);
  }
  if (status < 0) return internal_error({"waitpid", errno});
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    return finish(Outcome::kSignaled);
  }
  result.exit_status = WEXITSTATUS(status);
  return finish(Outcome::kExited);
}

std::string DescribeOutcome(const SubprocessSpec& spec,
                            const SubprocessResult& result) {
  using Outcome = SubprocessResult::Outcome;
  switch (result.outcome) {
    case Outcome::kExited:
      return "exited with status " + std::to_string(result.exit_status);
    case Outcome::kSignaled:
      return "was killed by " + SignalName(result.signal);
    case Outcome::kTimedOut:
      return "did not finish within " + std::to_string(spec.timeout.count()) +
             " ms and was killed";
    case Outcome::kOutputTooLarge:
      return "wrote more than " + std::to_string(spec.max_stdout_bytes) +
             " bytes to stdout and was killed";
    case Outcome::kSpawnFailed:
      return "could not be started: " + ErrorName(result.error);
    case Outcome::kInternalError:
      return "could not be run (" + result.what +
             " failed: " + ErrorName(result.error) + ")";
  }
  return "ended in an unknown way";
}

}  // namespace proofgate
