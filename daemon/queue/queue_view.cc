#include "daemon/queue/queue_view.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "daemon/files/durable_file.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kProofSuffix = ".proof.json";

// The folders a routed or decided draft lives in (daemon/spool/spool.h,
// and "returned" from daemon/queue/decision.h).
constexpr const char* kAreas[] = {"review", "ready", "returned"};

// The first `limit` bytes of the regular file `file` (all of it when
// shorter); false when it cannot be read or is a symbolic link.
bool ReadPrefix(const fs::path& file, size_t limit, std::string& out) {
  return ReadFileUpTo(file, limit, SymlinkPolicy::kRefuse, out).has_value();
}

// Reads draft `file` and its proof record beside it; nullopt when either
// is unreadable or the record does not name submission `id`.
std::optional<QueueDraft> ReadDraftVersion(const fs::path& file,
                                           std::string_view id) {
  QueueDraft draft;
  std::string text;
  if (!ReadSmallFile(fs::path(file.string() + std::string(kProofSuffix)), text,
                     SymlinkPolicy::kRefuse)) {
    return std::nullopt;
  }
  draft.record = nlohmann::json::parse(text, nullptr, false);
  if (!draft.record.is_object() || draft.record.value("submission", "") != id ||
      !ReadSmallFile(file, draft.bytes, SymlinkPolicy::kRefuse)) {
    return std::nullopt;
  }
  return draft;
}

}  // namespace

std::optional<QueueDraft> FindDraftVersion(
    const Spool& spool, std::string_view id, const std::string& path,
    const std::vector<std::string>& later) {
  if (!IsSubmissionId(id) || path.empty()) return std::nullopt;
  // `path` comes from the ledger, which took it from the spool: still,
  // nothing that climbs out of a folder is looked up.
  const fs::path rel(path);
  if (rel.is_absolute()) return std::nullopt;
  for (const auto& part : rel) {
    if (part == "..") return std::nullopt;
  }
  std::vector<std::pair<fs::path, std::string>> places;
  for (const char* area : kAreas) {
    places.emplace_back(spool.root() / area / rel, area);
  }
  for (const std::string& s : later) {
    if (!IsSubmissionId(s)) continue;
    for (const char* area : kAreas) {
      places.emplace_back(spool.history() / s / area / rel, "history");
    }
  }
  for (const auto& [file, area] : places) {
    std::optional<QueueDraft> draft = ReadDraftVersion(file, id);
    if (!draft) continue;
    draft->item = QueueItemOf(path, draft->record, draft->bytes);
    draft->area = area;
    return draft;
  }
  return std::nullopt;
}

bool IsSubmissionId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  int dashes = 0;
  bool digit_before = false;
  for (char c : id) {
    if (c >= '0' && c <= '9') {
      digit_before = true;
    } else if (c == '-' && digit_before) {
      ++dashes;
      digit_before = false;
    } else {
      return false;
    }
  }
  return dashes == 2 && digit_before;
}

namespace {

// Calls `found` with each draft in review/ that has a readable proof
// record naming a submission id: its path below review/, the record and
// its first `limit` bytes. A draft that moves meanwhile is skipped.
template <typename Found>
void ScanReview(const Spool& spool, size_t limit, Found found) {
  const fs::path review = spool.area(Area::kReview);
  std::error_code ec;
  fs::recursive_directory_iterator it(review, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const std::string name = it->path().filename().string();
    if (name.size() <= kProofSuffix.size() ||
        name.compare(name.size() - kProofSuffix.size(), kProofSuffix.size(),
                     kProofSuffix) != 0) {
      continue;
    }
    fs::path draft_file = it->path();
    draft_file.replace_filename(
        name.substr(0, name.size() - kProofSuffix.size()));
    std::string text, bytes;
    if (!ReadSmallFile(it->path(), text, SymlinkPolicy::kRefuse) ||
        !ReadPrefix(draft_file, limit, bytes)) {
      continue;
    }
    nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
    if (!record.is_object() ||
        !IsSubmissionId(record.value("submission", ""))) {
      continue;
    }
    found(draft_file.lexically_relative(review).generic_string(),
          std::move(record), std::move(bytes));
  }
}

// Oldest routed first, ties by path.
void SortQueue(std::vector<QueueItem>& items) {
  std::sort(items.begin(), items.end(),
            [](const QueueItem& a, const QueueItem& b) {
              return std::tie(a.routed, a.path) < std::tie(b.routed, b.path);
            });
}

}  // namespace

std::vector<QueueItem> ListQueue(const Spool& spool, const QueueFilter& filter,
                                 const std::string& node) {
  std::vector<QueueItem> items;
  ScanReview(
      spool, kQueueListingBytes,
      [&](const std::string& path, nlohmann::json record, std::string bytes) {
        QueueItem item = QueueItemOf(path, record, bytes);
        item.node = node;
        if (Matches(item, filter)) items.push_back(std::move(item));
      });
  SortQueue(items);
  return items;
}

std::vector<QueueDraft> ReviewDrafts(const Spool& spool,
                                     const std::string& node) {
  std::vector<QueueDraft> drafts;
  ScanReview(
      spool, std::numeric_limits<size_t>::max(),
      [&](const std::string& path, nlohmann::json record, std::string bytes) {
        QueueDraft draft;
        draft.item = QueueItemOf(path, record, bytes);
        draft.item.node = node;
        draft.record = std::move(record);
        draft.bytes = std::move(bytes);
        drafts.push_back(std::move(draft));
      });
  return drafts;
}

std::optional<QueueDraft> FindQueueDraft(const Spool& spool,
                                         std::string_view id) {
  if (!IsSubmissionId(id)) return std::nullopt;
  for (QueueItem& item : ListQueue(spool)) {
    if (item.id != id) continue;
    QueueDraft draft;
    const fs::path file = spool.area(Area::kReview) / item.path;
    std::string text;
    if (!ReadSmallFile(fs::path(file.string() + std::string(kProofSuffix)),
                       text, SymlinkPolicy::kRefuse) ||
        !ReadSmallFile(file, draft.bytes, SymlinkPolicy::kRefuse)) {
      return std::nullopt;
    }
    draft.record = nlohmann::json::parse(text, nullptr, false);
    if (!draft.record.is_object() ||
        draft.record.value("submission", "") != id) {
      return std::nullopt;
    }
    draft.item = std::move(item);
    return draft;
  }
  return std::nullopt;
}

namespace {

nlohmann::json OwnerOf(const QueueItem& item) {
  if (item.owner.empty()) return nullptr;
  nlohmann::json owner = {{"name", item.owner}};
  if (!item.owner_contact.empty()) owner["contact"] = item.owner_contact;
  return owner;
}

}  // namespace

std::optional<WallTime> DueOf(const QueueItem& item, const ReviewSla& sla) {
  const std::optional<std::chrono::seconds> limit = sla.For(item.path);
  if (!limit) return std::nullopt;
  return item.routed + *limit;
}

bool IsOverdue(const QueueItem& item, const ReviewSla& sla, WallTime now) {
  const std::optional<WallTime> due = DueOf(item, sla);
  return due && now > *due;
}

nlohmann::json QueueItemJson(const QueueItem& item, WallTime now,
                             const ReviewSla& sla) {
  const auto waited =
      std::chrono::duration_cast<std::chrono::seconds>(now - item.routed);
  const std::optional<WallTime> due = DueOf(item, sla);
  return {{"id", item.id},
          {"path", item.path},
          {"folder", item.folder},
          {"title", item.title},
          {"author", item.author},
          {"verdict", item.verdict},
          {"sha256", item.sha256},
          {"rules", item.rules},
          {"blocking_rules", item.blocking_rules},
          {"findings",
           {{"error", item.errors},
            {"warning", item.warnings},
            {"info", item.infos}}},
          {"reviewer", item.reviewers.empty()
                           ? nlohmann::json(nullptr)
                           : nlohmann::json(item.reviewers.front())},
          {"reviewers", item.reviewers},
          {"owner", OwnerOf(item)},
          {"routed", Rfc3339Utc(item.routed)},
          {"waiting_seconds", std::max<long long>(0, waited.count())},
          {"due", due ? nlohmann::json(Rfc3339Utc(*due)) : nlohmann::json()},
          {"overdue", due && now > *due},
          {"node", item.node}};
}

}  // namespace proofgate
