#include "daemon/spool/spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <random>

#include "daemon/files/durable_file.h"
#include "daemon/files/folder_walk.h"

namespace proofgate {

namespace fs = std::filesystem;

std::string_view AreaName(Area area) {
  return area == Area::kReady ? "ready" : "review";
}

namespace {

// Where the counter of a process starts: 48 random bits, so a restarted
// daemon that gets the same pid (PID 1 in a container) does not repeat
// the ids of its previous run even for drafts with the same timestamp.
unsigned long long FirstCounter() {
  std::random_device random;
  return ((static_cast<unsigned long long>(random()) << 32) | random()) >> 16;
}

}  // namespace

Spool::Spool(fs::path root)
    : root_(std::move(root)),
      pid_(static_cast<long>(::getpid())),
      counter_(FirstCounter()) {}

void Spool::Create() const {
  for (const fs::path& folder :
       {inbox(), area(Area::kReady), area(Area::kReview), root_ / "returned",
        processing(), history()}) {
    CreateFoldersDurably(folder);
  }
}

bool Spool::IsIgnoredName(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.substr(name.size() - suffix.size()) == suffix;
  };
  return name.empty() || name.front() == '.' || ends_with("~") ||
         ends_with(".swp") || ends_with(".swx") || ends_with(".tmp") ||
         ends_with(".proof.json") || ends_with(".proof.html");
}

bool Spool::IsIgnoredPath(std::string_view path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (IsIgnoredName(path.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

std::vector<std::string> Spool::ScanInbox() const {
  std::vector<std::string> paths;
  std::error_code ec;
  fs::recursive_directory_iterator it(
      inbox(), fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    const fs::file_status status = it->symlink_status(type_ec);
    if (type_ec) continue;  // vanished
    if (fs::is_directory(status)) {
      if (IsIgnoredName(name)) it.disable_recursion_pending();
      continue;
    }
    if (!fs::is_regular_file(status) || IsIgnoredName(name)) continue;
    paths.push_back(it->path().lexically_relative(inbox()).generic_string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string Spool::NewSubmissionId(WallTime submitted) {
  const long long us = std::chrono::duration_cast<std::chrono::microseconds>(
                           submitted.time_since_epoch())
                           .count();
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%016lld-%ld-%llu", us, pid_,
                static_cast<unsigned long long>(++counter_));
  return buffer;
}

std::optional<WallTime> Spool::SubmittedAt(std::string_view id) {
  if (id.size() < 17 || id[16] != '-') return std::nullopt;
  long long us = 0;
  for (char c : id.substr(0, 16)) {
    if (c < '0' || c > '9') return std::nullopt;
    us = us * 10 + (c - '0');
  }
  return WallTime(std::chrono::microseconds(us));
}

std::string Spool::EncodePath(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 8);
  for (char c : path) {
    if (c == '%') {
      out += "%25";
    } else if (c == '/') {
      out += "%2F";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<std::string> Spool::DecodePath(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '%') {
      out += name[i];
    } else if (name.substr(i, 3) == "%25") {
      out += '%';
      i += 2;
    } else if (name.substr(i, 3) == "%2F") {
      out += '/';
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

namespace {

// The longest file name Linux file systems take (NAME_MAX).
constexpr size_t kMaxName = 255;

// The id a name in processing/ belongs to: "S=E", "S.proof.json",
// "S.proof.html" or the folder "S"; "" for anything else.
std::string_view IdOf(std::string_view name) {
  const size_t end = name.find_first_of("=.");
  const std::string_view id = name.substr(0, end);
  return Spool::SubmittedAt(id) ? id : std::string_view();
}

}  // namespace

Spool::ClaimStatus Spool::Claim(const std::string& path, WallTime submitted,
                                ClaimedDraft& claimed) {
  const fs::path rel = fs::path(path).lexically_normal();
  if (path.empty() || rel.is_absolute() || *rel.begin() == ".." ||
      IsIgnoredPath(path)) {
    return ClaimStatus::kIgnored;
  }
  // Every folder on the way must be a real folder, not a link out of
  // inbox/, and the file itself a regular file. The walk opens each folder
  // relative to the one before, never through a symbolic link, and the
  // rename below names the draft relative to the last of them: a folder
  // swapped for a link meanwhile cannot redirect the claim out of inbox/.
  // (A draft swapped for a link after the check is claimed as the link
  // itself; reading it refuses links, see DraftPipeline.)
  const std::string leaf = rel.filename().string();
  FileDescriptor folder(-1);
  if (const std::error_code ec = OpenFolderWithoutLinks(
          inbox(), FolderParts(rel), /*create=*/false, folder)) {
    if (ec.value() == ENOENT) return ClaimStatus::kVanished;
    if (ec.value() == ELOOP || ec.value() == ENOTDIR) {
      return ClaimStatus::kNotAFile;
    }
    throw std::system_error(ec, "cannot open " + (inbox() / rel).string());
  }
  struct stat st;
  if (::fstatat(folder.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return ClaimStatus::kVanished;
    throw std::system_error(errno, std::generic_category(),
                            "cannot inspect " + (inbox() / rel).string());
  }
  if (!S_ISREG(st.st_mode)) return ClaimStatus::kNotAFile;
  const std::string id = NewSubmissionId(submitted);
  const fs::path target = ClaimTarget(id, rel);
  const std::error_code ec = RenameNoReplaceAt(folder.get(), leaf, target);
  if (ec) {
    Discard(id);
    if (ec.value() == ENOENT) return ClaimStatus::kVanished;
    throw std::system_error(ec, "cannot claim " + (inbox() / rel).string());
  }
  claimed.id = id;
  claimed.path = rel.generic_string();
  claimed.file = target;
  claimed.submitted = submitted;
  claimed.first_attempt = true;
  return ClaimStatus::kClaimed;
}

fs::path Spool::ClaimTarget(const std::string& id, const fs::path& rel) const {
  const std::string flat = id + "=" + EncodePath(rel.generic_string());
  if (flat.size() <= kMaxName) return processing() / flat;
  const fs::path target = processing() / id / "draft" / rel;
  // No fsync: a claim lost in a power failure leaves the draft in inbox/
  // (or an empty folder processing/S), both states a restart handles.
  std::error_code mkdir_ec;
  fs::create_directories(target.parent_path(), mkdir_ec);
  if (mkdir_ec) {
    throw std::system_error(mkdir_ec,
                            "cannot create " + target.parent_path().string());
  }
  return target;
}

ClaimedDraft Spool::Adopt(const std::string& id, const std::string& path,
                          std::string_view bytes, WallTime submitted) const {
  const fs::path rel = fs::path(path).lexically_normal();
  if (path.empty() || rel.is_absolute() || *rel.begin() == ".." ||
      IsIgnoredPath(path)) {
    throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                            "not a draft path inside the spool: " + path);
  }
  ClaimedDraft claimed;
  claimed.id = id;
  claimed.path = rel.generic_string();
  claimed.file = ClaimTarget(id, rel);
  claimed.submitted = submitted;
  claimed.first_attempt = false;
  // Durable: the ledger already says the submission is routed, so the
  // bytes must survive until delivered (step 5's rename). Written under a
  // dotfile name first, which no restart takes for a claim (IdOf), then
  // renamed: a crash never leaves a torn or temporary file as S=E.
  const fs::path staged = processing() / (".adopt-" + id);
  WriteFileDurably(staged, bytes, /*sync_folder=*/false);
  fs::rename(staged, claimed.file);
  SyncFolder(claimed.file.parent_path());
  return claimed;
}

std::vector<std::string> Spool::InProcessing() const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (fs::directory_iterator it(processing(), ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::string_view id = IdOf(name);
    if (!id.empty()) ids.emplace_back(id);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::optional<ClaimedDraft> Spool::FindClaimed(const std::string& id) const {
  ClaimedDraft claimed;
  claimed.id = id;
  claimed.submitted =
      SubmittedAt(id).value_or(std::chrono::system_clock::now());
  std::error_code ec;
  const std::string prefix = id + "=";
  for (fs::directory_iterator it(processing(), ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || it->is_symlink(type_ec)) continue;
    const std::optional<std::string> path =
        DecodePath(std::string_view(name).substr(prefix.size()));
    if (!path || path->empty()) continue;
    claimed.path = *path;
    claimed.file = it->path();
    return claimed;
  }
  const fs::path draft = processing() / id / "draft";
  fs::recursive_directory_iterator it(draft, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || it->is_symlink(type_ec)) continue;
    claimed.path = it->path().lexically_relative(draft).generic_string();
    claimed.file = it->path();
    return claimed;
  }
  return std::nullopt;
}

bool Spool::Discard(const std::string& id) const {
  bool ok = true;
  for (const char* suffix : {"json", "html"}) {
    if (::unlink(staged_proof(id, suffix).c_str()) != 0 && errno != ENOENT) {
      ok = false;
    }
  }
  const fs::path folder = processing() / id;
  struct stat st;
  if (::lstat(folder.c_str(), &st) == 0) {
    std::error_code ec;
    fs::remove_all(folder, ec);
    ok = ok && !ec;
  }
  return ok;
}

bool Spool::DiscardDelivered(const ClaimedDraft& draft) const {
  if (draft.file.parent_path() != processing()) return Discard(draft.id);
  return ::unlink(staged_proof(draft.id, "json").c_str()) == 0 ||
         errno == ENOENT;
}

}  // namespace proofgate
