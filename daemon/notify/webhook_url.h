// Webhook URLs, read by libcurl's URL API: their parts (for the
// configuration's checks, daemon/service/notify_config.h) and the form
// logs show. A webhook's URL often is its credential (Slack's
// https://hooks.slack.com/services/T0/B0/XXXX, a ?token=, a
// user:password@), so logs and configuration errors name a webhook by its
// scheme and host only, "https://hooks.slack.com/…"; the URL itself stays
// in the configuration and the ledger's outbox.
#ifndef PROOFGATE_DAEMON_NOTIFY_WEBHOOK_URL_H_
#define PROOFGATE_DAEMON_NOTIFY_WEBHOOK_URL_H_

#include <optional>
#include <string>

namespace proofgate {

struct UrlParts {
  std::string scheme;  // lower case, "https"
  std::string host;    // as written; an IPv6 address in brackets
  std::string port;    // "" when the URL names none
};

// The parts of absolute URL `url`; nullopt when libcurl cannot parse it
// or it has no scheme or host. Pure, thread-safe.
std::optional<UrlParts> ParseUrlParts(const std::string& url);

// "scheme://host/…" for `url`, with its port when it names one
// ("http://127.0.0.1:8080/…"); user, password, path, query and fragment
// left out. "(an unparsable URL)" when ParseUrlParts cannot read it
// (nothing of it shown). Pure, thread-safe.
std::string RedactedUrl(const std::string& url);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_NOTIFY_WEBHOOK_URL_H_
