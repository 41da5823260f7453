#include "daemon/service/notify_timers.h"

#include "daemon/files/durable_file.h"
#include "daemon/review/review_report.h"
#include "daemon/review/review_report_json.h"

namespace proofgate {

namespace {

// The proof record of the draft `path` in review/ when it is submission
// `id`'s; null otherwise.
nlohmann::json ReviewRecord(const Spool& spool, const std::string& path,
                            const std::string& id) {
  std::string text;
  const auto file = spool.area(Area::kReview) / (path + ".proof.json");
  if (!ReadSmallFile(file, text, SymlinkPolicy::kRefuse)) return nullptr;
  nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
  if (!record.is_object() || record.value("submission", "") != id) {
    return nullptr;
  }
  return record;
}

}  // namespace

int RecordSlaBreaches(NotifyOutbox& outbox, const NotifySettings& settings,
                      const ReviewSla& sla, const Spool& spool, WallTime now,
                      spdlog::logger& log) {
  if (sla.empty() || TargetsFor(settings, "sla.breached").empty()) return 0;
  int recorded = 0;
  for (const WaitingDraft& d : outbox.Waiting()) {
    const std::optional<std::chrono::seconds> limit = sla.For(d.path);
    const std::optional<WallTime> routed = ParseRfc3339Utc(d.routed_at);
    if (!limit || !routed || now < *routed + *limit) continue;
    if (outbox.Has(d.submission + "/sla.breached")) continue;
    const nlohmann::json record = ReviewRecord(spool, d.path, d.submission);
    if (record.is_null()) continue;  // moved on since the ledger said so
    const std::optional<NotifyEvent> event =
        SlaBreachEventOf(record, Rfc3339Utc(*routed + *limit), Rfc3339Utc(now));
    if (!event) continue;
    if (Status s = outbox.Enqueue(settings, *event, now); !s) {
      log.error("webhook outbox: cannot record {}: {}", event->id, s.error());
      continue;
    }
    ++recorded;
  }
  return recorded;
}

bool RecordDigestIfDue(NotifyOutbox& outbox, const NotifySettings& settings,
                       const ReviewSla& sla, const LedgerLocation& ledger,
                       WallTime now, spdlog::logger& log) {
  if (!settings.digest_minute || TargetsFor(settings, "digest").empty()) {
    return false;
  }
  // "2026-12-04T08:00:00.000000Z": the date and the minute of the day.
  const std::string stamp = Rfc3339Utc(now);
  const std::string date = stamp.substr(0, 10);
  const int minute =
      std::stoi(stamp.substr(11, 2)) * 60 + std::stoi(stamp.substr(14, 2));
  if (minute < *settings.digest_minute || outbox.Has("digest/" + date)) {
    return false;
  }
  ReportRequest request;
  request.since = now - std::chrono::hours(24);
  request.until = now;
  request.sla = sla;
  request.now = now;
  Expected<ReviewReport> report = BuildReviewReport(ledger, request);
  if (!report) {
    log.error("digest: cannot build the report: {}", report.error());
    return false;
  }
  const NotifyEvent event = DigestEvent(date, ReviewReportJson(*report), stamp);
  if (Status s = outbox.Enqueue(settings, event, now); !s) {
    log.error("webhook outbox: cannot record {}: {}", event.id, s.error());
    return false;
  }
  return true;
}

}  // namespace proofgate
