#include "daemon/queue/queue_view.h"

#include <algorithm>
#include <set>

#include "checks/document/front_matter_parser.h"
#include "checks/document/source_map.h"
#include "daemon/files/durable_file.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kProofSuffix = ".proof.json";

// The folders a routed or decided draft lives in (daemon/spool/spool.h,
// and "returned" from daemon/queue/decision.h).
constexpr const char* kAreas[] = {"review", "ready", "returned"};

// Front matter "title" and "author" (a scalar each; anything else is "").
// Broken front matter is a finding of the input check, shown on the page;
// the queue then shows the draft without a title.
void ReadFrontMatter(std::string_view bytes, QueueItem& item) {
  const SourceMap map(bytes);
  std::vector<FrontMatterProblem> problems;
  const FrontMatter front_matter = ParseFrontMatter(map, problems);
  for (const char* key : {"title", "author"}) {
    const FieldLookup v = front_matter.Find(key);
    if (v.status != FieldLookup::Status::kFound || !v.node.IsScalar()) {
      continue;
    }
    (std::string_view(key) == "title" ? item.title : item.author) = v.text;
  }
}

// The reviewers and the rulebook's owner of a proof record.
void ReadEscalation(const nlohmann::json& record, QueueItem& item) {
  if (record.contains("reviewers") && record["reviewers"].is_array()) {
    for (const nlohmann::json& r : record["reviewers"]) {
      if (r.is_string()) item.reviewers.push_back(r.get<std::string>());
    }
    std::sort(item.reviewers.begin(), item.reviewers.end());
  }
  if (record.contains("rulebook") && record["rulebook"].is_object()) {
    const nlohmann::json& book = record["rulebook"];
    if (book.contains("owner") && book["owner"].is_object()) {
      item.owner = book["owner"].value("name", "");
      item.owner_contact = book["owner"].value("contact", "");
    }
  }
}

// The first `limit` bytes of the regular file `file` (all of it when
// shorter); false when it cannot be read or is a symbolic link.
bool ReadPrefix(const fs::path& file, size_t limit, std::string& out) {
  return ReadFileUpTo(file, limit, SymlinkPolicy::kRefuse, out).has_value();
}

// The queue lists title and author only: front matter sits at the top, and
// 64 KiB holds any real one, so an oversized draft is never read whole for
// a listing.
constexpr size_t kListingBytes = 64 * 1024;

// Whether a finding put its draft in the queue: its "effect" says so, or,
// in records written before findings had one, its check's status did.
bool Blocks(const nlohmann::json& finding, const std::string& status) {
  if (finding.contains("effect") && finding["effect"].is_string()) {
    const std::string effect = finding["effect"].get<std::string>();
    return effect == "fails" || effect == "review";
  }
  return status == "failed" || status == "low-confidence" ||
         status == "escalated";
}

// The item's rules and finding counts, from its proof record's checks.
void CountFindings(const nlohmann::json& record, QueueItem& item) {
  std::set<std::string> rules, blocking;
  if (!record.contains("checks") || !record["checks"].is_array()) return;
  for (const nlohmann::json& check : record["checks"]) {
    if (!check.is_object() || !check.contains("findings") ||
        !check["findings"].is_array()) {
      continue;
    }
    const std::string status = check.value("status", "");
    for (const nlohmann::json& f : check["findings"]) {
      if (!f.is_object() || f.value("suppressed", false)) continue;
      const std::string severity = f.value("severity", "");
      const std::string rule = f.value("rule", "");
      if (severity == "info") {
        ++item.infos;
        continue;
      }
      ++(severity == "error" ? item.errors : item.warnings);
      if (rule.empty()) continue;
      rules.insert(rule);
      if (Blocks(f, status)) blocking.insert(rule);
    }
  }
  item.rules.assign(rules.begin(), rules.end());
  item.blocking_rules.assign(blocking.begin(), blocking.end());
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

bool Matches(const QueueItem& item, const QueueFilter& filter) {
  if (!filter.verdict.empty() && item.verdict != filter.verdict) return false;
  if (!filter.rule.empty() &&
      !std::binary_search(item.rules.begin(), item.rules.end(), filter.rule)) {
    return false;
  }
  if (!filter.reviewer.empty() &&
      !std::binary_search(item.reviewers.begin(), item.reviewers.end(),
                          filter.reviewer)) {
    return false;
  }
  return filter.folder.empty() || item.folder == filter.folder ||
         item.folder.rfind(filter.folder + "/", 0) == 0;
}

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

QueueItem QueueItemOf(const std::string& path, const nlohmann::json& record,
                      std::string_view bytes) {
  QueueItem item;
  item.path = path;
  const size_t slash = path.rfind('/');
  item.folder = slash == std::string::npos ? "" : path.substr(0, slash);
  item.id = record.value("submission", "");
  item.verdict = record.value("verdict", "");
  if (record.contains("draft") && record["draft"].is_object()) {
    item.sha256 = record["draft"].value("sha256", "");
  }
  if (record.contains("timestamps") && record["timestamps"].is_object()) {
    item.routed = ParseRfc3339Utc(record["timestamps"].value("routed", ""))
                      .value_or(WallTime{});
  }
  CountFindings(record, item);
  ReadEscalation(record, item);
  ReadFrontMatter(bytes, item);
  return item;
}

std::vector<QueueItem> ListQueue(const Spool& spool,
                                 const QueueFilter& filter) {
  std::vector<QueueItem> items;
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
        !ReadPrefix(draft_file, kListingBytes, bytes)) {
      continue;
    }
    const nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
    if (!record.is_object()) continue;
    const std::string path =
        draft_file.lexically_relative(review).generic_string();
    QueueItem item = QueueItemOf(path, record, bytes);
    if (!IsSubmissionId(item.id) || !Matches(item, filter)) continue;
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(),
            [](const QueueItem& a, const QueueItem& b) {
              return std::tie(a.routed, a.path) < std::tie(b.routed, b.path);
            });
  return items;
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
          {"overdue", due && now > *due}};
}

}  // namespace proofgate
