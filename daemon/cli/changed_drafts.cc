#include "daemon/cli/changed_drafts.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <string_view>

#include "daemon/drafts/draft_files.h"

extern char** environ;

namespace proofgate {

namespace fs = std::filesystem;

namespace {

struct GitRun {
  bool started = false;  // false: git could not be run at all
  int status = -1;       // exit status; -1 when killed by a signal
  std::string out;
  std::string err;

  bool ok() const { return started && status == 0; }
  // The first line git printed on stderr, for messages.
  std::string Reason() const {
    if (!started) return "git could not be run: " + err;
    const std::string line = err.substr(0, err.find('\n'));
    return line.empty() ? "git exited with status " + std::to_string(status)
                        : line;
  }
};

class Pipe {
 public:
  Pipe() {
    if (pipe2(fds_, O_CLOEXEC) != 0) fds_[0] = fds_[1] = -1;
  }
  ~Pipe() {
    CloseRead();
    CloseWrite();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  bool ok() const { return fds_[0] >= 0; }
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void CloseRead() { Close(fds_[0]); }
  void CloseWrite() { Close(fds_[1]); }

 private:
  static void Close(int& fd) {
    if (fd >= 0) close(fd);
    fd = -1;
  }
  int fds_[2] = {-1, -1};
};

// Runs `git ARGS...` (found on PATH) with no shell, stdin from /dev/null,
// and collects what it prints.
GitRun RunGit(const std::vector<std::string>& args) {
  GitRun run;
  Pipe out;
  Pipe err;
  if (!out.ok() || !err.ok()) {
    run.err = std::strerror(errno);
    return run;
  }
  std::vector<std::string> storage = {"git"};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), 2);
  pid_t pid = 0;
  const int spawn_error =
      posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  out.CloseWrite();
  err.CloseWrite();
  if (spawn_error != 0) {
    run.err = std::strerror(spawn_error);
    return run;
  }
  run.started = true;

  // Read both pipes until both close, so a chatty stderr cannot block git.
  pollfd fds[2] = {{out.read_end(), POLLIN, 0}, {err.read_end(), POLLIN, 0}};
  std::string* sinks[2] = {&run.out, &run.err};
  int open_fds = 2;
  char buffer[64 * 1024];
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::vector<std::string> SplitNul(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string TrimNewline(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.pop_back();
  }
  return text;
}

// A commit-ish that git cannot mistake for an option and that holds no
// control characters.
bool PlausibleRef(const std::string& ref) {
  if (ref.empty() || ref.starts_with('-')) return false;
  return std::none_of(ref.begin(), ref.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
  });
}

// The commit `ref` names, or "" (with `error` set).
std::string ResolveCommit(const std::string& ref, std::string& error) {
  const GitRun run = RunGit({"rev-parse", "--verify", "--quiet",
                             "--end-of-options", ref + "^{commit}"});
  if (!run.ok()) {
    error = run.started ? "--base " + ref + ": not a commit in this repository"
                        : run.Reason();
    return "";
  }
  return TrimNewline(run.out);
}

// The merge base of HEAD and the default branch, or "" (with `error`).
std::string DefaultBase(std::string& error) {
  std::string branch;
  const GitRun origin_head =
      RunGit({"symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"});
  if (origin_head.ok()) {
    branch = TrimNewline(origin_head.out);
  } else {
    for (const char* name : {"refs/heads/main", "refs/heads/master"}) {
      if (RunGit({"rev-parse", "--verify", "--quiet", name}).ok()) {
        branch = name;
        break;
      }
    }
  }
  if (branch.empty()) {
    error =
        "--changed: no default branch to compare with (origin/HEAD, main "
        "or master); name one with --base REF";
    return "";
  }
  const GitRun base =
      RunGit({"merge-base", "--end-of-options", "HEAD", branch});
  if (!base.ok()) {
    error = "--changed: cannot find the merge base of HEAD and " + branch +
            " (" + base.Reason() + "); name a commit with --base REF";
    return "";
  }
  return TrimNewline(base.out);
}

// Whether `rel` (a path below a folder argument) is a draft that
// CollectDrafts() would find there.
bool FoundInFolder(const fs::path& rel) {
  if (!IsDraftName(rel)) return false;
  for (const fs::path& part : rel) {
    if (IsSkippedName(part.string())) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> CollectChangedDrafts(
    const std::vector<std::string>& args, const std::string& base,
    std::vector<std::string>& errors) {
  const size_t errors_before = errors.size();
  for (const std::string& arg : args) {
    std::error_code ec;
    if (!fs::exists(arg, ec))
      errors.push_back(arg + ": no such file or folder");
  }
  if (!base.empty() && !PlausibleRef(base)) {
    errors.push_back("--base " + base +
                     ": not a revision (it must not be empty or start with "
                     "'-')");
  }
  if (errors.size() > errors_before) return {};

  const GitRun top_run = RunGit({"rev-parse", "--show-toplevel"});
  if (!top_run.ok()) {
    errors.push_back(
        top_run.started
            ? "--changed: the working folder is not inside a git repository"
            : "--changed needs git: " + top_run.Reason());
    return {};
  }
  const std::string top = TrimNewline(top_run.out);

  std::string error;
  const std::string commit =
      base.empty() ? DefaultBase(error) : ResolveCommit(base, error);
  if (commit.empty()) {
    errors.push_back(error);
    return {};
  }

  const GitRun diff =
      RunGit({"-C", top, "diff", "--name-only", "-z", "--diff-filter=ACMR",
              "--end-of-options", commit, "--"});
  const GitRun untracked = RunGit({"-C", top, "ls-files", "--others",
                                   "--exclude-standard", "-z", "--full-name"});
  for (const GitRun* run : {&diff, &untracked}) {
    if (!run->ok()) {
      errors.push_back("--changed: " + run->Reason());
      return {};
    }
  }
  std::set<fs::path> changed;
  for (const GitRun* run : {&diff, &untracked}) {
    for (const std::string& p : SplitNul(run->out)) {
      changed.insert((fs::path(top) / p).lexically_normal());
    }
  }

  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    const fs::path where = fs::weakly_canonical(fs::absolute(arg, ec), ec);
    if (ec) {
      errors.push_back(arg + ": " + ec.message());
      continue;
    }
    if (!fs::is_directory(arg, ec)) {
      if (changed.contains(where))
        out.push_back(fs::path(arg).generic_string());
      continue;
    }
    for (const fs::path& path : changed) {
      const fs::path rel = path.lexically_relative(where);
      if (rel.empty() || *rel.begin() == ".." || rel == "." ||
          !FoundInFolder(rel) || !fs::is_regular_file(path, ec)) {
        continue;
      }
      out.push_back((fs::path(arg) / rel).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace proofgate
