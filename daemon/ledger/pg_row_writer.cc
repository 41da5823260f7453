#include "daemon/ledger/pg_row_writer.h"

#include <optional>
#include <string>

#include "daemon/ledger/notify_outbox.h"

namespace proofgate {

namespace {

// The submission `rows` supersedes, as the ledger holds it; nullopt when
// none or unknown.
std::optional<EarlierSubmission> Earlier(PgConnection& conn,
                                         const SubmissionRows& rows) {
  if (!rows.Supersedes()) return std::nullopt;
  Expected<PgResult> q = conn.Exec(
      "SELECT area, COALESCE(first_submitted_at, submitted_at) FROM "
      "submissions WHERE id = $1",
      PgParamsOf({rows.old_id}));
  if (!q || q->rows() == 0) return std::nullopt;
  return EarlierSubmission{q->Text(0, 0), q->Text(0, 1)};
}

}  // namespace

PgParams PgParamsOf(std::initializer_list<LedgerValue> values) {
  PgParams params;
  params.reserve(values.size());
  for (const LedgerValue& v : values) params.push_back(LedgerValueText(v));
  return params;
}

Status FlushPgTotals(PgConnection& conn, TotalsDelta& delta) {
  return delta.Drain([&](const std::string& metric, const std::string& l1,
                         const std::string& l2, long long bucket,
                         double value) {
    return conn.Run(
        "INSERT INTO metric_totals(metric, label1, label2, bucket, value) "
        "VALUES($1, $2, $3, $4, $5) ON CONFLICT(metric, label1, label2, "
        "bucket) DO UPDATE SET value = metric_totals.value + excluded.value",
        PgParamsOf({metric, l1, l2, bucket, value}));
  });
}

Status WritePgQueueRow(PgConnection& conn, const QueueIndexRow& row) {
  std::optional<std::string> draft = conn.ByteaText(row.bytes);
  if (!draft) {
    return Unexpected(
        std::string("cannot reach the PostgreSQL server (or out of memory)"));
  }
  PgParams params;
  for (const LedgerValue& v : QueueIndexValues(row)) {
    params.push_back(LedgerValueText(v));
  }
  params.push_back(row.record);
  params.push_back(std::move(draft));
  // A late replay of a submission decided or superseded meanwhile adds no
  // row: it is not waiting any more. The record and bytes go in only with
  // a row just added.
  return conn.Run(
      std::string("WITH added AS (INSERT INTO review_queue(") +
          kQueueItemColumns +
          ") SELECT $1::text, $2::text, $3::text, $4::text, $5::text, "
          "$6::text, $7::text, $8::text, $9::text, $10::text, $11::text, "
          "$12::text, $13::text, $14::text, $15::bigint, $16::bigint, "
          "$17::bigint WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE "
          "submission = $1::text) AND NOT EXISTS (SELECT 1 FROM submissions "
          "WHERE id = $1::text AND superseded_by IS NOT NULL) ON CONFLICT DO "
          "NOTHING RETURNING submission) INSERT INTO review_queue_drafts("
          "submission, record, draft) SELECT submission, $18::text, "
          "$19::bytea FROM added",
      params);
}

Status WritePgRows(PgConnection& conn, const nlohmann::json& record,
                   std::string_view bytes, const std::string& node,
                   const NotifySettings& notify, TotalsDelta& totals) {
  const SubmissionRows r = SubmissionRowsOf(record, bytes, node);
  const LedgerValue first = FirstSubmittedAt(r, Earlier(conn, r));
  Expected<PgResult> inserted = conn.Exec(
      "INSERT INTO submissions(id, path, sha256, size, rulebook, "
      "rulebook_version, rulebook_sha256, verdict, area, submitted_at, "
      "verified_at, routed_at, supersedes, first_submitted_at, node) "
      "VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
      "$15) ON CONFLICT DO NOTHING",
      PgParamsOf({r.id, r.path, r.sha256, r.size, r.rulebook,
                  r.rulebook_version, r.rulebook_sha256, r.verdict, r.area,
                  r.submitted_at, r.verified_at, r.routed_at, r.old_id, first,
                  r.node}));
  if (!inserted) return Unexpected(inserted.error());
  // A replay (the row was there) adds nothing to the totals.
  const bool fresh = inserted->Affected() > 0;
  Status status = conn.Run(
      "INSERT INTO routing_events(submission, path, from_area, to_area, at) "
      "VALUES($1, $2, NULL, $3, $4) ON CONFLICT DO NOTHING",
      PgParamsOf({r.id, r.path, r.area, r.routed_at}));
  auto step = [&](const char* sql, std::initializer_list<LedgerValue> values) {
    if (status) status = conn.Run(sql, PgParamsOf(values));
  };
  for (const auto& [name, seconds] : r.check_seconds) {
    step(
        "INSERT INTO check_runs(submission, check_name, seconds) "
        "VALUES($1, $2, $3) ON CONFLICT DO NOTHING",
        {r.id, name, seconds});
  }
  for (const auto& [rule, n] : r.findings_by_rule) {
    step(
        "INSERT INTO submission_findings(submission, rule, count, holding) "
        "VALUES($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        {r.id, rule, n, HoldingOf(r, rule)});
  }
  for (const std::string& reviewer : r.reviewers) {
    step(
        "INSERT INTO submission_reviewers(submission, reviewer) "
        "VALUES($1, $2) ON CONFLICT DO NOTHING",
        {r.id, reviewer});
  }
  if (r.Supersedes()) {
    // An HTTP submission's row is written when it is routed, before its
    // delivery finds what it supersedes.
    step(
        "UPDATE submissions SET supersedes = $2 WHERE id = $1 AND "
        "supersedes IS NULL",
        {r.id, r.old_id});
    step("UPDATE submissions SET superseded_by = $2 WHERE id = $1",
         {r.old_id, r.id});
    step(
        "INSERT INTO routing_events(submission, path, from_area, to_area, "
        "at) VALUES($1, $2, $3, 'history', $4) ON CONFLICT DO NOTHING",
        {r.old_id, r.path, r.old_area, r.routed_at});
    step("DELETE FROM review_queue WHERE submission = $1", {r.old_id});
  }
  if (status && r.queued) status = WritePgQueueRow(conn, *r.queued);
  if (status && !notify.webhooks.empty()) {
    if (const std::optional<NotifyEvent> event = RoutingEventOf(record)) {
      status = EnqueuePgNotifyEvent(conn, notify, *event,
                                    event->payload.value("at", ""));
    }
  }
  if (status && fresh) AddSubmissionTotals(r, first, totals);
  return status;
}

}  // namespace proofgate
