#include "daemon/ledger/submission_queue.h"

#include <cstdlib>

namespace proofgate {

namespace {

// record[key] when it is a string, else "".
std::string TextOf(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string QueuedColumns(const std::string& bytes) {
  return "id, path, author, sha256, size, " + bytes +
         ", status, COALESCE(node, ''), lease_token, "
         "COALESCE(lease_expires_at, ''), submitted_at, "
         "COALESCE(routed_at, ''), CASE WHEN delivered_at IS NULL THEN 0 "
         "ELSE 1 END, COALESCE(area, ''), COALESCE(verdict, ''), "
         "COALESCE(record, ''), attempts";
}

QueuedSubmission QueuedSubmissionOf(const std::vector<std::string>& cells) {
  QueuedSubmission q;
  if (cells.size() < static_cast<size_t>(kQueuedColumnCount)) return q;
  q.id = cells[0];
  q.path = cells[1];
  q.author = cells[2];
  q.sha256 = cells[3];
  q.size = std::strtoll(cells[4].c_str(), nullptr, 10);
  q.bytes = cells[5];
  q.status = cells[6];
  q.node = cells[7];
  q.lease_token = std::strtoll(cells[8].c_str(), nullptr, 10);
  q.lease_expires_at = cells[9];
  q.submitted_at = cells[10];
  q.routed_at = cells[11];
  q.delivered = cells[12] == "1";
  q.area = cells[13];
  q.verdict = cells[14];
  if (!cells[15].empty()) {
    q.record = nlohmann::json::parse(cells[15], nullptr,
                                     /*allow_exceptions=*/false);
    if (q.record.is_discarded()) q.record = nullptr;
  }
  q.attempts = std::strtoll(cells[16].c_str(), nullptr, 10);
  return q;
}

Expected<std::string, EnqueueError> SameKey(
    const std::vector<std::string>& earlier, const std::string& path,
    const std::string& sha256) {
  if (earlier.size() >= 3 && earlier[1] == path && earlier[2] == sha256) {
    return earlier[0];
  }
  return Unexpected(EnqueueError{
      true, "the Idempotency-Key was used before for another draft (" +
                (earlier.empty() ? std::string() : earlier[0]) +
                "); send new content with a new key"});
}

std::string LeaseEnd(WallTime now, std::chrono::milliseconds lease) {
  return Rfc3339Utc(now + lease);
}

RoutedFields RoutedFieldsOf(const nlohmann::json& record, WallTime now) {
  RoutedFields f;
  f.area = TextOf(record, "route");
  f.verdict = TextOf(record, "verdict");
  auto times = record.find("timestamps");
  if (times != record.end() && times->is_object()) {
    f.routed_at = TextOf(*times, "routed");
  }
  if (f.routed_at.empty()) f.routed_at = Rfc3339Utc(now);
  // Replaced, not thrown: invalid UTF-8 in a record never fails routing.
  f.record =
      record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return f;
}

}  // namespace proofgate
