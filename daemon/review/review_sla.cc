#include "daemon/review/review_sla.h"

namespace proofgate {

void ReviewSla::Add(PathGlob glob, std::chrono::seconds limit) {
  globs_.emplace_back(std::move(glob), limit);
}

std::optional<std::chrono::seconds> ReviewSla::For(
    std::string_view path) const {
  const std::pair<PathGlob, std::chrono::seconds>* best = nullptr;
  for (const auto& entry : globs_) {
    if (!entry.first.Matches(path)) continue;
    if (best == nullptr ||
        entry.first.literal_length() > best->first.literal_length()) {
      best = &entry;
    }
  }
  if (best != nullptr) return best->second;
  return default_;
}

}  // namespace proofgate
