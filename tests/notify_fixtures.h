// For the webhook tests: a proof record as the daemon writes it and a
// configuration with one webhook.
#ifndef PROOFGATE_TESTS_NOTIFY_FIXTURES_H_
#define PROOFGATE_TESTS_NOTIFY_FIXTURES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "daemon/notify/notify_event.h"

namespace proofgate::testing {

// A proof record as the daemon writes it (daemon/spool/proof_record.h),
// with what the events read.
inline nlohmann::json Record(const std::string& id, const std::string& verdict,
                             const std::string& route) {
  return {
      {"schema_version", 1},
      {"submission", id},
      {"supersedes", nullptr},
      {"draft", {{"path", "legal/<terms>.md"}, {"sha256", "ab"}, {"size", 3}}},
      {"rulebook",
       {{"name", "docs"},
        {"version", "1"},
        {"sha256", "cd"},
        {"owner", {{"name", "Docs team"}}}}},
      {"timestamps",
       {{"submitted", "2026-12-04T08:00:00.000000Z"},
        {"verified", "2026-12-04T08:00:01.000000Z"},
        {"routed", "2026-12-04T08:00:02.000000Z"}}},
      {"verdict", verdict},
      {"route", route},
      {"area", route},
      {"reviewers", nlohmann::json::array({"legal"})},
      {"checks",
       {{{"name", "claims"},
         {"status", "low-confidence"},
         {"findings",
          {{{"rule", "claims/unsourced-number"}, {"effect", "review"}},
           {{"rule", "style/advice"}, {"effect", "advisory"}}}}}}}};
}

// A configuration with one webhook at `url`, subscribed to every draft
// event.
inline NotifySettings OneWebhook(const std::string& url, bool allow_private) {
  NotifySettings s;
  WebhookTarget t;
  t.url = url;
  t.events = {"draft.review", "draft.failed", "draft.ready", "decision",
              "sla.breached"};
  t.allow_private = allow_private;
  s.webhooks.push_back(t);
  return s;
}

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_NOTIFY_FIXTURES_H_
