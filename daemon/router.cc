#include "daemon/router.h"

#include <cerrno>
#include <cstdio>

#include "daemon/durable_file.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

constexpr Area kAreas[] = {Area::kReady, Area::kReview};

fs::path WithSuffix(fs::path path, const char* suffix) {
  path += suffix;
  return path;
}

// The "submission" of the proof record at `file`, or "".
std::string RecordSubmission(const fs::path& file) {
  std::string text;
  if (!ReadSmallFile(file, text)) return "";
  const nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
  if (!record.is_object() || !record.contains("submission") ||
      !record["submission"].is_string()) {
    return "";
  }
  return record["submission"].get<std::string>();
}

// Renames `from` to `to` unless `from` is gone; throws when `to` exists.
// Returns whether something moved.
bool MoveIfPresent(const fs::path& from, const fs::path& to) {
  std::error_code exists;
  if (!fs::exists(fs::symlink_status(from, exists))) return false;
  CreateFoldersDurably(to.parent_path());
  const std::error_code ec = RenameNoReplace(from, to);
  if (ec.value() == ENOENT) return false;
  if (ec) throw std::system_error(ec, "cannot move " + from.string());
  return true;
}

}  // namespace

Router::Router(const Spool& spool) : spool_(spool) {}

std::optional<Supersession> Router::ReadSupersession(
    const std::string& id) const {
  std::string text;
  if (!ReadSmallFile(spool_.submission(id) / "route.json", text)) {
    return std::nullopt;
  }
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Supersession s;
  s.path = j.value("path", "");
  s.submission = j.value("supersedes", "");
  s.area = j.value("superseded_area", "");
  return s;
}

Supersession Router::Supersede(const std::string& id,
                               const std::string& path) const {
  if (auto done = ReadSupersession(id)) return *done;
  Supersession result;
  result.path = path;
  const fs::path history = spool_.history() / id;
  for (Area area : kAreas) {
    const fs::path base = spool_.area(area) / path;
    const fs::path keep = history / std::string(AreaName(area)) / path;
    bool moved = false;
    for (const char* suffix : {"", ".proof.json", ".proof.html"}) {
      moved |=
          MoveIfPresent(WithSuffix(base, suffix), WithSuffix(keep, suffix));
    }
    // Also when an earlier attempt of this step moved the files already.
    if (moved || fs::exists(keep) ||
        fs::exists(WithSuffix(keep, ".proof.json"))) {
      result.area = std::string(AreaName(area));
      const std::string old = RecordSubmission(WithSuffix(keep, ".proof.json"));
      if (!old.empty()) result.submission = old;
      if (moved) {
        SyncFolder(base.parent_path());
        SyncFolder(keep.parent_path());
      }
    }
  }
  const nlohmann::json marker = {{"path", result.path},
                                 {"supersedes", result.submission},
                                 {"superseded_area", result.area}};
  // Its folder is synced by Deliver(), before anything reaches AREA/.
  WriteFileDurably(
      spool_.submission(id) / "route.json",
      marker.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      /*sync_folder=*/false);
  return result;
}

void Router::Deliver(const ClaimedDraft& draft, Area area) const {
  const fs::path processing = spool_.submission(draft.id);
  const fs::path base = spool_.area(area) / draft.path;
  // route.json and the proof files are on disk before they are relied on.
  SyncFolder(processing);
  CreateFoldersDurably(base.parent_path());
  // S's proof files from an earlier attempt that routed elsewhere. After
  // Supersede() nothing else can be at these names (see spool.h).
  for (Area other : kAreas) {
    if (other == area) continue;
    const fs::path other_base = spool_.area(other) / draft.path;
    if (fs::exists(other_base)) {
      throw std::system_error(EEXIST, std::generic_category(),
                              "unexpected draft at " + other_base.string());
    }
    std::error_code ignored;
    fs::remove(WithSuffix(other_base, ".proof.json"), ignored);
    fs::remove(WithSuffix(other_base, ".proof.html"), ignored);
  }
  for (const char* suffix : {".html", ".json"}) {
    const fs::path from = WithSuffix(processing / "proof", suffix);
    const fs::path to =
        WithSuffix(base, suffix[1] == 'h' ? ".proof.html" : ".proof.json");
    if (std::rename(from.c_str(), to.c_str()) != 0) {
      throw std::system_error(errno, std::generic_category(),
                              "cannot deliver " + to.string());
    }
  }
  const std::error_code ec = RenameNoReplace(draft.file, base);
  if (ec) throw std::system_error(ec, "cannot deliver " + base.string());
  SyncFolder(base.parent_path());
}

std::optional<Delivered> Router::FindDelivered(const std::string& id,
                                               const std::string& path) const {
  for (Area area : kAreas) {
    const fs::path base = spool_.area(area) / path;
    if (!fs::exists(base)) continue;
    std::string text;
    if (!ReadSmallFile(WithSuffix(base, ".proof.json"), text)) continue;
    nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
    if (record.is_object() && record.value("submission", "") == id) {
      return Delivered{area, std::move(record)};
    }
  }
  return std::nullopt;
}

}  // namespace proofgate
