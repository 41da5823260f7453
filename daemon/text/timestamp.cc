#include "daemon/text/timestamp.h"

#include <cstdio>
#include <ctime>

namespace proofgate {

std::string Rfc3339Utc(WallTime time) {
  using namespace std::chrono;
  const auto us = duration_cast<microseconds>(time.time_since_epoch()).count();
  time_t seconds = static_cast<time_t>(us / 1000000);
  long fraction = static_cast<long>(us % 1000000);
  if (fraction < 0) {
    fraction += 1000000;
    --seconds;
  }
  struct tm tm;
  gmtime_r(&seconds, &tm);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, fraction);
  return buffer;
}

std::optional<WallTime> ParseRfc3339Utc(std::string_view text) {
  if (text.size() != 27 || text[26] != 'Z') return std::nullopt;
  const std::string s(text);
  struct tm tm = {};
  long fraction = 0;
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6ld%n", &tm.tm_year,
                  &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
                  &fraction, &consumed) != 7 ||
      consumed != 26) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const time_t seconds = timegm(&tm);
  // WallTime counts nanoseconds in 64 bits: about the years 1678 to 2262.
  // A time outside that range (year 0001, 9999) is not a WallTime.
  constexpr auto kLimit = std::chrono::duration_cast<std::chrono::seconds>(
                              WallTime::duration::max())
                              .count() -
                          1;
  if (seconds < -kLimit || seconds > kLimit) return std::nullopt;
  return WallTime(std::chrono::seconds(seconds) +
                  std::chrono::microseconds(fraction));
}

}  // namespace proofgate
