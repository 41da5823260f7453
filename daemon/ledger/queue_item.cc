#include "daemon/ledger/queue_item.h"

#include <algorithm>
#include <set>

#include "checks/document/front_matter_parser.h"
#include "checks/document/markdown_text.h"
#include "checks/document/source_map.h"

namespace proofgate {

namespace {

// Front matter "title" and "author" (a scalar each; anything else is ""),
// the author as plain text (MarkdownLineText).
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
    // A byline's Markdown links are shown as their names. (A title stays
    // as written: site generators print it as plain text.)
    if (std::string_view(key) == "title") {
      item.title = v.text;
    } else {
      item.author = MarkdownLineText(v.text);
    }
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
      if (FindingHeldItsDraft(f, status)) blocking.insert(rule);
    }
  }
  item.rules.assign(rules.begin(), rules.end());
  item.blocking_rules.assign(blocking.begin(), blocking.end());
}

}  // namespace

bool FindingHeldItsDraft(const nlohmann::json& finding,
                         const std::string& check_status) {
  if (finding.contains("effect") && finding["effect"].is_string()) {
    const std::string& effect = finding["effect"].get_ref<const std::string&>();
    return effect == "fails" || effect == "review";
  }
  return check_status == "failed" || check_status == "low-confidence" ||
         check_status == "escalated";
}

bool Matches(const QueueItem& item, const QueueFilter& filter) {
  if (!filter.verdict.empty() && item.verdict != filter.verdict) return false;
  if (!filter.node.empty() && item.node != filter.node) return false;
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

bool IndexDecides(const QueueFilter& filter) {
  return filter.rule.empty() && filter.folder.empty() &&
         filter.reviewer.empty();
}

QueueListing PageOf(std::vector<QueueItem> items, const QueueWindow& window) {
  QueueListing page;
  page.total = items.size();
  const size_t first = std::min(window.offset, items.size());
  const size_t end = first + std::min(window.limit, items.size() - first);
  page.items.assign(std::make_move_iterator(items.begin() + first),
                    std::make_move_iterator(items.begin() + end));
  return page;
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
  ReadFrontMatter(bytes.substr(0, kQueueListingBytes), item);
  return item;
}

}  // namespace proofgate
