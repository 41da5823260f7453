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

}  // namespace

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
  std::set<std::string> rules;
  if (record.contains("checks") && record["checks"].is_array()) {
    for (const nlohmann::json& check : record["checks"]) {
      const std::string status = check.value("status", "");
      if (status != "failed" && status != "low-confidence" &&
          status != "escalated") {
        continue;
      }
      if (!check.contains("findings") || !check["findings"].is_array()) {
        continue;
      }
      for (const nlohmann::json& f : check["findings"]) {
        const std::string severity = f.value("severity", "");
        if (severity == "info" || f.value("suppressed", false)) continue;
        rules.insert(f.value("rule", ""));
      }
    }
  }
  rules.erase("");
  item.rules.assign(rules.begin(), rules.end());
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
    if (!IsSubmissionId(item.id)) continue;
    if (!filter.verdict.empty() && item.verdict != filter.verdict) continue;
    if (!filter.rule.empty() &&
        !std::binary_search(item.rules.begin(), item.rules.end(),
                            filter.rule)) {
      continue;
    }
    if (!filter.reviewer.empty() &&
        !std::binary_search(item.reviewers.begin(), item.reviewers.end(),
                            filter.reviewer)) {
      continue;
    }
    if (!filter.folder.empty() && item.folder != filter.folder &&
        item.folder.rfind(filter.folder + "/", 0) != 0) {
      continue;
    }
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

nlohmann::json QueueItemJson(const QueueItem& item, WallTime now) {
  const auto waited =
      std::chrono::duration_cast<std::chrono::seconds>(now - item.routed);
  return {{"id", item.id},
          {"path", item.path},
          {"folder", item.folder},
          {"title", item.title},
          {"author", item.author},
          {"verdict", item.verdict},
          {"sha256", item.sha256},
          {"rules", item.rules},
          {"reviewer", item.reviewers.empty()
                           ? nlohmann::json(nullptr)
                           : nlohmann::json(item.reviewers.front())},
          {"reviewers", item.reviewers},
          {"owner", OwnerOf(item)},
          {"routed", Rfc3339Utc(item.routed)},
          {"waiting_seconds", std::max<long long>(0, waited.count())}};
}

}  // namespace proofgate
