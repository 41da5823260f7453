// Webhook notifications: the events proofgate reports, the settings of
// `notify:` in the daemon configuration (parsed by
// daemon/service/notify_config.h), and each event's facts, the JSON
// payload a webhook receives (README, "Notifications (webhooks)"):
//
//   {"event": "draft.review", "id": "<submission>/draft.review",
//    "submission": "...", "path": "blog/post.md", "verdict": "review",
//    "rules": ["claims/unsourced-number"], "reviewer": "legal" | null,
//    "owner": "Docs team" | null, "url": "https://.../drafts/<id>" | null,
//    "at": "2026-12-04T08:00:00.000000Z"}
//
// plus "decision": {"decision", "reason", "editor", "at", "area"} for
// `decision` events; `digest` events carry "since", "until" and "report"
// (the JSON of `proofgate report`) instead of a draft's facts. "url" is
// filled in when the event is sent (WithProofUrl), from the public base
// URL in force then. An event's id is the same however often it is
// recorded (a replayed routing, a restart): receivers dedupe by it.
//
// Everything here is pure and thread-safe.
#ifndef PROOFGATE_DAEMON_NOTIFY_NOTIFY_EVENT_H_
#define PROOFGATE_DAEMON_NOTIFY_NOTIFY_EVENT_H_

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace proofgate {

// Every event name a webhook may subscribe to.
inline constexpr std::array<std::string_view, 6> kNotifyEvents = {
    "draft.review", "draft.failed", "draft.ready",
    "sla.breached", "decision",     "digest"};

// Whether `name` is one of kNotifyEvents.
bool IsNotifyEvent(std::string_view name);

enum class WebhookFormat { kJson, kSlack };

// One entry of `notify.webhooks`.
struct WebhookTarget {
  std::string url;               // http(s); the outbox's key for the target
  std::set<std::string> events;  // names from kNotifyEvents
  WebhookFormat format = WebhookFormat::kJson;
  std::filesystem::path secret_file;  // "" = requests are not signed
  // Whether private and loopback addresses may be reached
  // (checks/network/address_policy.h); refused otherwise.
  bool allow_private = false;
};

// `notify:` as a whole.
struct NotifySettings {
  std::vector<WebhookTarget> webhooks;
  // The base of proof page links ("https://queue.example.com"); "" means
  // the exception queue's own address, or no link when it serves none.
  std::string public_url;
  // When the daily digest is recorded, in minutes after midnight UTC
  // (`digest_at: "08:00"`); nullopt: no digest.
  std::optional<int> digest_minute;
  // The longest wait between two attempts of one delivery, in seconds;
  // waits double from 1 s up to this cap.
  int retry_max_s = 300;
};

// The URLs of the webhooks of `settings` subscribed to `event` (every
// webhook when `event` is ""), in configuration order, each once.
std::vector<std::string> TargetsFor(const NotifySettings& settings,
                                    std::string_view event);

// One event to deliver: `id` is unique per event (not per webhook).
struct NotifyEvent {
  std::string id;
  std::string event;
  std::string submission;  // "" for a digest
  nlohmann::json payload;  // the JSON payload above, "url" null
};

// The routing event of the proof record `record` (daemon/spool/
// proof_record.h) as routed: draft.ready for route ready, draft.failed for
// verdict fail, draft.review otherwise; at = its routed time. Nullopt when
// the record names no submission.
std::optional<NotifyEvent> RoutingEventOf(const nlohmann::json& record);

// The decision event of a decided proof record (daemon/queue/decision.h);
// at = the decision's time. Nullopt without a submission or a decision.
std::optional<NotifyEvent> DecisionEventOf(const nlohmann::json& record);

// The SLA breach of the proof record of a draft in review/, noticed at
// `at` (RFC 3339 UTC); `due` is when the service level ran out. One id per
// submission: a draft breaches once. Nullopt without a submission.
std::optional<NotifyEvent> SlaBreachEventOf(const nlohmann::json& record,
                                            const std::string& due,
                                            const std::string& at);

// The digest of day `date` ("2026-12-04", UTC): `report` is the JSON of
// `proofgate report --since 24h` (daemon/review/review_report_json.h).
NotifyEvent DigestEvent(const std::string& date, nlohmann::json report,
                        const std::string& at);

// `payload` with "url" set from `base_url` (no trailing '/' needed): the
// draft's proof page BASE/drafts/<submission>, or BASE/report?since=24h
// for a digest; null when `base_url` is "".
nlohmann::json WithProofUrl(nlohmann::json payload,
                            const std::string& base_url);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_NOTIFY_NOTIFY_EVENT_H_
