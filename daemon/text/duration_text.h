// Durations as people write them in the configuration and on the command
// line: review service levels (`review.sla`) and `proofgate report
// --since/--until`.
#ifndef PROOFGATE_DAEMON_TEXT_DURATION_TEXT_H_
#define PROOFGATE_DAEMON_TEXT_DURATION_TEXT_H_

#include <chrono>
#include <optional>
#include <string_view>

namespace proofgate {

// Parses a whole number followed by one unit: "30s", "15m", "24h", "7d"
// (seconds, minutes, hours, days). The number is 1 to 9 digits, no sign,
// no space, no fraction; nullopt for anything else (including "0s": a
// zero duration is never meant). Pure, thread-safe.
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_TEXT_DURATION_TEXT_H_
