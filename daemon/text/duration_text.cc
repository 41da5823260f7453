#include "daemon/text/duration_text.h"

namespace proofgate {

std::optional<std::chrono::seconds> ParseDuration(std::string_view text) {
  if (text.size() < 2 || text.size() > 10) return std::nullopt;
  long long unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return std::nullopt;
  }
  long long n = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n == 0) return std::nullopt;
  return std::chrono::seconds(n * unit);
}

}  // namespace proofgate
