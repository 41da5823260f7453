#include "daemon/spool/router.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <limits>

#include "daemon/files/durable_file.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

constexpr Area kAreas[] = {Area::kReady, Area::kReview};

fs::path WithSuffix(fs::path path, const char* suffix) {
  path += suffix;
  return path;
}

// Whether regular files `a` and `b` hold the same bytes (false when
// either cannot be read or is a symbolic link).
bool SameBytes(const fs::path& a, const fs::path& b) {
  std::string x, y;
  const size_t any = std::numeric_limits<size_t>::max();
  return ReadFileUpTo(a, any, SymlinkPolicy::kRefuse, x) &&
         ReadFileUpTo(b, any, SymlinkPolicy::kRefuse, y) && x == y;
}

// Renames `from` to `to` unless `from` is gone; when `to` exists with the
// same bytes (an earlier attempt's move, half undone by a crash), removes
// `from`; throws when `to` exists otherwise or `from` is a folder (drafts
// routed below a folder of the same name are not the superseded draft and must
// stay where they are). Returns whether something moved.
bool MoveIfPresent(const fs::path& from, const fs::path& to) {
  std::error_code exists;
  const fs::file_status status = fs::symlink_status(from, exists);
  if (!fs::exists(status)) return false;
  if (fs::is_directory(status)) {
    throw std::system_error(EISDIR, std::generic_category(),
                            from.string() +
                                " is a folder: a draft of that name cannot be "
                                "routed until the folder is renamed");
  }
  CreateFoldersDurably(to.parent_path());
  const std::error_code ec = RenameNoReplace(from, to);
  if (ec.value() == ENOENT) return false;
  if (ec.value() == EEXIST && SameBytes(from, to)) {
    // A crash after the move reached history/ but before the removal from
    // the area did (a file system whose renames are not journaled): the
    // file is kept in history/ already, so the area's copy goes.
    if (::unlink(from.c_str()) != 0 && errno != ENOENT) {
      throw std::system_error(errno, std::generic_category(),
                              "cannot remove " + from.string());
    }
    return true;
  }
  if (ec) throw std::system_error(ec, "cannot move " + from.string());
  return true;
}

}  // namespace

std::string RecordSubmission(const fs::path& file) {
  std::string text;
  if (!ReadSmallFile(file, text, SymlinkPolicy::kRefuse)) return "";
  const nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
  if (!record.is_object() || !record.contains("submission") ||
      !record["submission"].is_string()) {
    return "";
  }
  return record["submission"].get<std::string>();
}

Router::Router(const Spool& spool) : spool_(spool) {}

Supersession Router::Supersede(const std::string& id, const std::string& path,
                               bool first_attempt) const {
  Supersession result;
  result.path = path;
  const fs::path history = spool_.history() / id;
  for (Area area : kAreas) {
    const fs::path base = spool_.area(area) / path;
    const fs::path keep = history / std::string(AreaName(area)) / path;
    bool moved = false;
    // Deliver() puts the JSON first: an area whose record names S holds
    // S's own files from an interrupted delivery, and nothing older
    // (spool.h); what an earlier attempt moved is in history/ all the same.
    if (first_attempt ||
        RecordSubmission(WithSuffix(base, ".proof.json")) != id) {
      for (const char* suffix : {"", ".proof.json", ".proof.html"}) {
        moved |=
            MoveIfPresent(WithSuffix(base, suffix), WithSuffix(keep, suffix));
      }
    }
    // Also when an earlier attempt of this step moved the files already.
    if (moved ||
        (!first_attempt &&
         (fs::exists(keep) || fs::exists(WithSuffix(keep, ".proof.json"))))) {
      result.area = std::string(AreaName(area));
      const std::string old = RecordSubmission(WithSuffix(keep, ".proof.json"));
      if (!old.empty()) result.submission = old;
      if (moved) {
        // The new entries first, then the old ones' removal, so that no
        // moment on disk has the files in neither folder. The area's fsync
        // is shared with the deliveries into that folder (FolderSync).
        SyncFolder(keep.parent_path());
        area_folders_.Sync(base.parent_path());
      }
    }
  }
  return result;
}

void Router::Stage(const std::string& id, std::string_view json,
                   std::string_view html, bool first_attempt) const {
  const fs::path html_file = spool_.staged_proof(id, "html");
  const fs::path json_file = spool_.staged_proof(id, "json");
  // New files, not rewrites: an interrupted earlier delivery may have
  // linked S.proof.json into an area, and that copy must stay intact.
  if (!first_attempt) {
    for (const fs::path& file : {html_file, json_file}) {
      if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
        throw std::system_error(errno, std::generic_category(),
                                "cannot replace " + file.string());
      }
    }
  }
  WriteFilesSynced({{html_file, html}, {json_file, json}});
}

void Router::Deliver(const ClaimedDraft& draft, Area area) const {
  const fs::path base = spool_.area(area) / draft.path;
  CreateFoldersDurably(base.parent_path());
  // S's proof files from an earlier attempt that routed elsewhere. After
  // Supersede() nothing else can be at these names (see spool.h).
  for (Area other : kAreas) {
    if (other == area || draft.first_attempt) continue;
    const fs::path other_base = spool_.area(other) / draft.path;
    if (fs::exists(other_base)) {
      throw std::system_error(EEXIST, std::generic_category(),
                              "unexpected draft at " + other_base.string());
    }
    std::error_code ignored;
    fs::remove(WithSuffix(other_base, ".proof.json"), ignored);
    fs::remove(WithSuffix(other_base, ".proof.html"), ignored);
  }
  // The JSON first (Supersede() relies on it), as a second link: the one
  // left in processing/ tells a restart where the draft went.
  const fs::path json = WithSuffix(base, ".proof.json");
  if (!draft.first_attempt && ::unlink(json.c_str()) != 0 && errno != ENOENT) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot replace " + json.string());
  }
  if (::link(spool_.staged_proof(draft.id, "json").c_str(), json.c_str()) !=
      0) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot deliver " + json.string());
  }
  const fs::path html = WithSuffix(base, ".proof.html");
  if (std::rename(spool_.staged_proof(draft.id, "html").c_str(),
                  html.c_str()) != 0) {
    throw std::system_error(errno, std::generic_category(),
                            "cannot deliver " + html.string());
  }
  const std::error_code ec = RenameNoReplace(draft.file, base);
  if (ec) throw std::system_error(ec, "cannot deliver " + base.string());
  area_folders_.Sync(base.parent_path());
}

void Router::MakeDurable(const Delivered& done) const {
  area_folders_.Sync((spool_.area(done.area) / done.path).parent_path());
}

std::optional<Delivered> Router::FindDelivered(const std::string& id) const {
  std::string text;
  if (!ReadSmallFile(spool_.staged_proof(id, "json"), text,
                     SymlinkPolicy::kRefuse)) {
    return std::nullopt;
  }
  const nlohmann::json staged = nlohmann::json::parse(text, nullptr, false);
  if (!staged.is_object() || !staged.contains("draft") ||
      !staged["draft"].is_object() || !staged["draft"].contains("path") ||
      !staged["draft"]["path"].is_string()) {
    return std::nullopt;
  }
  const std::string path = staged["draft"]["path"].get<std::string>();
  for (Area area : kAreas) {
    const fs::path base = spool_.area(area) / path;
    if (!fs::exists(base)) continue;
    if (!ReadSmallFile(WithSuffix(base, ".proof.json"), text,
                       SymlinkPolicy::kRefuse)) {
      continue;
    }
    nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
    if (record.is_object() && record.value("submission", "") == id) {
      return Delivered{area, path, std::move(record)};
    }
  }
  return std::nullopt;
}

}  // namespace proofgate
