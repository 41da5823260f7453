// Timestamps in proof records and the ledger.
#ifndef PROOFGATE_DAEMON_TEXT_TIMESTAMP_H_
#define PROOFGATE_DAEMON_TEXT_TIMESTAMP_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace proofgate {

using WallTime = std::chrono::system_clock::time_point;

// RFC 3339 in UTC with microseconds: "2025-03-01T09:30:12.345678Z".
// Fixed width, so the strings sort in time order. Thread-safe.
std::string Rfc3339Utc(WallTime time);

// Parses what Rfc3339Utc() writes (exactly that form). nullopt otherwise,
// and for a time WallTime cannot hold (its nanoseconds in 64 bits reach
// from about 1678 to 2262: "0001-01-01T...", "9999-12-31T..." are refused).
std::optional<WallTime> ParseRfc3339Utc(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_TEXT_TIMESTAMP_H_
