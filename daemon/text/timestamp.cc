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

namespace {

// The number written in text[from, from + n), all ASCII digits; -1 when
// any is not a digit.
int Digits(std::string_view text, size_t from, size_t n) {
  int value = 0;
  for (size_t i = from; i < from + n; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

// Read field by field (no sscanf, no timegm): `proofgate report` parses
// about two timestamps per decision and per passing submission in its
// window, a million at 1M submissions (bench/README.md).
std::optional<WallTime> ParseRfc3339Utc(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != 27 || text[4] != '-' || text[7] != '-' ||
      text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != '.' || text[26] != 'Z') {
    return std::nullopt;
  }
  const int year = Digits(text, 0, 4), month = Digits(text, 5, 2),
            day = Digits(text, 8, 2), hour = Digits(text, 11, 2),
            minute = Digits(text, 14, 2), second = Digits(text, 17, 2),
            fraction = Digits(text, 20, 6);
  const year_month_day date{std::chrono::year(year),
                            std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  // Seconds up to 60: a leap second counts as the next minute's first.
  if (year < 0 || month < 0 || day < 0 || !date.ok() || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60 || fraction < 0) {
    return std::nullopt;
  }
  const long long seconds =
      static_cast<long long>(sys_days(date).time_since_epoch().count()) *
          86400 +
      hour * 3600 + minute * 60 + second;
  // WallTime counts nanoseconds in 64 bits: about the years 1678 to 2262.
  // A time outside that range (year 0001, 9999) is not a WallTime.
  constexpr auto kLimit =
      duration_cast<std::chrono::seconds>(WallTime::duration::max()).count() -
      1;
  if (seconds < -kLimit || seconds > kLimit) return std::nullopt;
  return WallTime(std::chrono::seconds(seconds) + microseconds(fraction));
}

}  // namespace proofgate
