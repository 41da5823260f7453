// Subprocess: runs one external program with bounded time and output,
// feeding it bytes on stdin and collecting its stdout and stderr.
//
// This is the process layer under the `exec` check (checks/exec_check.h); it
// knows nothing about drafts or JSON.
//
// Guarantees, whatever the program does:
//   - No shell: argv is passed to the program as is (posix_spawn).
//   - No deadlock: stdin, stdout and stderr are driven together with poll()
//     on non-blocking pipes, so a program that writes before it reads, or
//     never reads at all, cannot block the caller.
//   - Bounded time: at the deadline the program's whole process group is
//     killed with SIGKILL (it runs as the leader of a new group, so helpers
//     it started die with it) and reaped.
//   - Bounded memory: stdout beyond `max_stdout_bytes` kills the program;
//     stderr beyond `max_stderr_bytes` is read and dropped.
//   - No leaks: every pipe is opened with O_CLOEXEC (so a program spawned
//     concurrently by another thread never inherits it) and closed before
//     returning; the child closes every descriptor above 2 before exec;
//     the program is always reaped, and any process still left in its group
//     when it exits is killed, so no zombie or stray helper outlives a run.
//   - No SIGPIPE: a program that exits without reading all of its stdin
//     makes the write fail with EPIPE; the SIGPIPE that goes with it is
//     blocked in the calling thread and discarded, so it cannot kill the
//     caller even when the process does not ignore SIGPIPE.
//
// Thread-safe: any number of threads may call RunSubprocess at once. It
// changes no process-wide state (the SIGPIPE mask is per thread and
// restored). It does rely on nothing else in the process reaping children
// it did not start (waitpid(-1, ...), or SIGCHLD set to SIG_IGN); if that
// happens the result is kInternalError with a message saying so.
#ifndef PROOFGATE_CHECKS_EXEC_SUBPROCESS_H_
#define PROOFGATE_CHECKS_EXEC_SUBPROCESS_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace proofgate {

struct SubprocessSpec {
  // argv[0] is the program: an absolute path, or a path relative to the
  // caller's working directory (no PATH search happens here). Must not be
  // empty.
  std::vector<std::string> argv;
  // The program's whole environment, each entry "NAME=value".
  std::vector<std::string> env;
  // The program's working directory; empty keeps the caller's.
  std::string working_dir;
  // From just before the spawn until the program has exited and closed its
  // stdout and stderr. Must be positive.
  std::chrono::milliseconds timeout{10000};
  // Bytes of stdout accepted; one byte more kills the program.
  size_t max_stdout_bytes = 1024 * 1024;
  // Bytes of stderr kept for messages; the rest is read and dropped.
  size_t max_stderr_bytes = 4096;
};

struct SubprocessResult {
  enum class Outcome {
    kExited,          // exited on its own; see exit_status
    kSignaled,        // killed by a signal it did not handle; see signal
    kTimedOut,        // still running (or holding stdout/stderr) at the
                      // deadline; killed with SIGKILL
    kOutputTooLarge,  // wrote more than max_stdout_bytes; killed
    kSpawnFailed,     // could not start (no such file, not executable, ...);
                      // see error
    kInternalError,   // pipes, poll or wait failed in the caller; see error
                      // and what
  };
  Outcome outcome = Outcome::kInternalError;
  int exit_status = 0;  // kExited: 0..255
  int signal = 0;       // kSignaled: the signal number
  int error = 0;        // kSpawnFailed, kInternalError: an errno value
  std::string what;     // kInternalError: the call that failed
  std::string out;      // stdout, at most max_stdout_bytes (+1 when too large)
  std::string err;      // the first max_stderr_bytes bytes of stderr
  // Bytes of the input the program took before it closed its stdin; equal
  // to the input's size when it read everything.
  size_t input_written = 0;
  std::chrono::milliseconds elapsed{0};  // wall-clock time of the run
};

// Runs `spec.argv` with `input` on its stdin (closed after the last byte,
// so the program sees end of file). Returns when the program has exited and
// been reaped, or has been killed for exceeding a limit. Never throws except
// std::bad_alloc; even then the program is killed and reaped first.
SubprocessResult RunSubprocess(const SubprocessSpec& spec,
                               std::string_view input);

// One line describing how a run ended, for messages: "exited with status 3",
// "was killed by signal 11 (SIGSEGV: Segmentation fault)", "did not finish
// within 500 ms and was killed", "wrote more than 1048576 bytes to stdout and
// was killed", "could not be started: No such file or directory", ...
std::string DescribeOutcome(const SubprocessSpec& spec,
                            const SubprocessResult& result);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_EXEC_SUBPROCESS_H_
