// What one delivery of an event sends: the body in the webhook's format
// and, when it has a secret, the signature headers.
//
// SIGNATURE (README, "Notifications (webhooks)"). With `secret_file` set,
// each request carries
//   X-Proofgate-Timestamp: 1764835200          (Unix seconds, when sent)
//   X-Proofgate-Signature: sha256=<hex>
// where <hex> is the lower-case hex HMAC-SHA256, keyed with the secret
// file's content (surrounding white space removed), of the timestamp, a
// '.', and the raw request body, byte for byte. Signing the timestamp
// with the body lets a receiver refuse replays: recompute the HMAC,
// compare in constant time, and refuse a timestamp more than a few
// minutes old. HMAC from OpenSSL's libcrypto.
//
// Pure and thread-safe.
#ifndef PROOFGATE_DAEMON_NOTIFY_WEBHOOK_REQUEST_H_
#define PROOFGATE_DAEMON_NOTIFY_WEBHOOK_REQUEST_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "daemon/notify/notify_event.h"

namespace proofgate {

inline constexpr std::string_view kSignatureHeader = "X-Proofgate-Signature";
inline constexpr std::string_view kTimestampHeader = "X-Proofgate-Timestamp";

// The lower-case hex HMAC-SHA256 of `message` keyed with `key` (any bytes).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// The headers that sign `body` sent at `unix_seconds` with `secret`, in
// the order above: {name, value} pairs.
std::vector<std::pair<std::string, std::string>> SignatureHeaders(
    std::string_view secret, int64_t unix_seconds, std::string_view body);

// The request body for `payload` (an event's payload, "url" filled in):
// the JSON itself for kJson; for kSlack, a Slack incoming-webhook message
// {"text": "..."} saying the same facts in one or two lines.
std::string WebhookBody(const nlohmann::json& payload, WebhookFormat format);

// The Slack message text of `payload` (see WebhookBody).
std::string SlackText(const nlohmann::json& payload);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_NOTIFY_WEBHOOK_REQUEST_H_
