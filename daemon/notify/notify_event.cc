#include "daemon/notify/notify_event.h"

#include <algorithm>

namespace proofgate {

namespace {

std::string StringAt(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string()
             ? j[key].get<std::string>()
             : std::string();
}

nlohmann::json NullIfEmpty(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

// The rule ids whose findings held the draft back (effect "fails" or
// "review"), sorted, each once.
std::vector<std::string> BlockingRules(const nlohmann::json& record) {
  std::set<std::string> rules;
  const nlohmann::json checks = record.value("checks", nlohmann::json());
  for (const nlohmann::json& check :
       checks.is_array() ? checks : nlohmann::json::array()) {
    const nlohmann::json findings =
        check.is_object() ? check.value("findings", nlohmann::json())
                          : nlohmann::json();
    for (const nlohmann::json& f :
         findings.is_array() ? findings : nlohmann::json::array()) {
      const std::string effect = StringAt(f, "effect");
      const std::string rule = StringAt(f, "rule");
      if (!rule.empty() && (effect == "fails" || effect == "review")) {
        rules.insert(rule);
      }
    }
  }
  return {rules.begin(), rules.end()};
}

// The facts every draft event carries.
NotifyEvent DraftEvent(const nlohmann::json& record, const std::string& event,
                       const std::string& at) {
  NotifyEvent e;
  e.submission = StringAt(record, "submission");
  e.event = event;
  e.id = e.submission + "/" + event;
  const nlohmann::json draft = record.value("draft", nlohmann::json());
  const nlohmann::json book = record.value("rulebook", nlohmann::json());
  const nlohmann::json owner = book.is_object()
                                   ? book.value("owner", nlohmann::json())
                                   : nlohmann::json();
  const nlohmann::json reviewers = record.value("reviewers", nlohmann::json());
  std::string reviewer;
  if (reviewers.is_array() && !reviewers.empty() &&
      reviewers.front().is_string()) {
    reviewer = reviewers.front().get<std::string>();
  }
  e.payload = {{"event", event},
               {"id", e.id},
               {"submission", e.submission},
               {"path", StringAt(draft, "path")},
               {"verdict", StringAt(record, "verdict")},
               {"rules", BlockingRules(record)},
               {"reviewer", NullIfEmpty(reviewer)},
               {"owner", NullIfEmpty(StringAt(owner, "name"))},
               {"url", nullptr},
               {"at", at}};
  return e;
}

std::string RoutedAt(const nlohmann::json& record) {
  return StringAt(record.value("timestamps", nlohmann::json()), "routed");
}

}  // namespace

bool IsNotifyEvent(std::string_view name) {
  return std::find(kNotifyEvents.begin(), kNotifyEvents.end(), name) !=
         kNotifyEvents.end();
}

std::vector<std::string> TargetsFor(const NotifySettings& settings,
                                    std::string_view event) {
  std::vector<std::string> urls;
  for (const WebhookTarget& t : settings.webhooks) {
    if ((event.empty() || t.events.count(std::string(event))) &&
        std::find(urls.begin(), urls.end(), t.url) == urls.end()) {
      urls.push_back(t.url);
    }
  }
  return urls;
}

std::optional<NotifyEvent> RoutingEventOf(const nlohmann::json& record) {
  if (StringAt(record, "submission").empty()) return std::nullopt;
  const std::string event = StringAt(record, "route") == "ready" ? "draft.ready"
                            : StringAt(record, "verdict") == "fail"
                                ? "draft.failed"
                                : "draft.review";
  return DraftEvent(record, event, RoutedAt(record));
}

std::optional<NotifyEvent> DecisionEventOf(const nlohmann::json& record) {
  const nlohmann::json d = record.value("decision", nlohmann::json());
  if (StringAt(record, "submission").empty() || !d.is_object()) {
    return std::nullopt;
  }
  NotifyEvent e = DraftEvent(record, "decision", StringAt(d, "at"));
  e.payload["decision"] = {{"decision", StringAt(d, "decision")},
                           {"reason", StringAt(d, "reason")},
                           {"editor", StringAt(d, "editor")},
                           {"at", StringAt(d, "at")},
                           {"area", StringAt(d, "area")}};
  if (d.contains("rules") && d["rules"].is_array()) {
    e.payload["rules"] = d["rules"];
  }
  return e;
}

std::optional<NotifyEvent> SlaBreachEventOf(const nlohmann::json& record,
                                            const std::string& due,
                                            const std::string& at) {
  if (StringAt(record, "submission").empty()) return std::nullopt;
  NotifyEvent e = DraftEvent(record, "sla.breached", at);
  e.payload["due"] = due;
  e.payload["routed_at"] = RoutedAt(record);
  return e;
}

NotifyEvent DigestEvent(const std::string& date, nlohmann::json report,
                        const std::string& at) {
  NotifyEvent e;
  e.event = "digest";
  e.id = "digest/" + date;
  e.payload = {{"event", "digest"},
               {"id", e.id},
               {"date", date},
               {"since", report.value("since", "")},
               {"until", report.value("until", "")},
               {"url", nullptr},
               {"at", at},
               {"report", std::move(report)}};
  return e;
}

nlohmann::json WithProofUrl(nlohmann::json payload,
                            const std::string& base_url) {
  if (base_url.empty()) {
    payload["url"] = nullptr;
    return payload;
  }
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string submission = payload.value("submission", "");
  payload["url"] = payload.value("event", "") == "digest"
                       ? base + "/report?since=24h"
                       : base + "/drafts/" + submission;
  return payload;
}

}  // namespace proofgate
