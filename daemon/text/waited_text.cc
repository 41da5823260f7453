#include "daemon/text/waited_text.h"

#include <algorithm>

namespace proofgate {

std::string WaitedText(std::chrono::seconds waited) {
  const long long s = std::max<long long>(0, waited.count());
  const long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
  if (d > 0) return std::to_string(d) + " d " + std::to_string(h) + " h";
  if (h > 0) return std::to_string(h) + " h " + std::to_string(m) + " min";
  if (m > 0) return std::to_string(m) + " min";
  return std::to_string(s) + " s";
}

}  // namespace proofgate
