// `notify:` in the daemon configuration (daemon_config.h): webhook
// notifications (daemon/notify/notify_event.h, README "Notifications
// (webhooks)").
//
//   notify:
//     public_url: https://queue.example.com   # base of proof page links
//     digest_at: "08:00"                      # daily digest, UTC (HH:MM)
//     retry_max_s: 300                        # backoff cap, 1..86400 s
//     webhooks:
//       - url: https://hooks.example.com/proofgate   # http or https
//         events: [draft.review, draft.failed, sla.breached, decision]
//         format: json                        # json | slack
//         secret_file: /etc/proofgate/hook.secret   # signs requests
//         allow_private: false                # private/loopback addresses
//
// Refused at file:line:col: an unknown key or event, a URL that is not
// http(s) or names a private or loopback address (IP literal or
// "localhost") without `allow_private: true` (the address policy of link
// checks, checks/network/address_policy.h; host names are checked again
// at every connection), a secret file that cannot be read or is empty,
// a webhook without url or events, a digest time that is not HH:MM.
#ifndef PROOFGATE_DAEMON_SERVICE_NOTIFY_CONFIG_H_
#define PROOFGATE_DAEMON_SERVICE_NOTIFY_CONFIG_H_

#include <yaml-cpp/yaml.h>

#include <string>

#include "daemon/notify/notify_event.h"
#include "daemon/service/config_yaml.h"

namespace proofgate {

// Reads the `notify` node into `out` (fields not given keep their
// defaults); every problem goes to `errors`. Not thread-safe on `out`.
void ReadNotify(const YAML::Node& notify, ConfigErrors& errors,
                NotifySettings& out);

// Why webhook URL `url` may not be used ("" when it may): not an absolute
// http(s) URL (parsed by libcurl's URL API), or, unless `allow_private`,
// a host that is a private, loopback or other special-purpose IP address
// or "localhost". The message shows the URL redacted (RedactedUrl,
// daemon/notify/webhook_url.h: it may carry a token). Thread-safe.
std::string WebhookUrlProblem(const std::string& url, bool allow_private);

// The content of secret file `file`, surrounding white space removed;
// "" when it cannot be read or holds nothing else. Thread-safe.
std::string ReadWebhookSecret(const std::filesystem::path& file);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_NOTIFY_CONFIG_H_
