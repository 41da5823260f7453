// ReviewSla: how long a draft may wait in the exception queue before it is
// overdue (`review.sla` in the daemon configuration, daemon_config.h):
//
//   review:
//     sla:
//       default: 48h        # every draft no glob below matches
//       "legal/**": 24h     # a draft path glob (rules/path_glob.h)
//
// The most specific matching glob wins (the most characters that are not
// wildcards, as rulebooks' applies_to do); ties go to the one written
// first. Without a `review.sla` key there is no service level: nothing is
// ever overdue.
//
// A clean place for per-reviewer levels: `For()` takes the draft path
// only today; a reviewer key would be a second table looked up first.
#ifndef PROOFGATE_DAEMON_REVIEW_REVIEW_SLA_H_
#define PROOFGATE_DAEMON_REVIEW_REVIEW_SLA_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/matching/path_glob.h"

namespace proofgate {

class ReviewSla {
 public:
  // No service level at all.
  ReviewSla() = default;

  // Sets the level of drafts no glob matches.
  void SetDefault(std::chrono::seconds limit) { default_ = limit; }
  // Adds a glob (compiled: check glob.ok() before) with its level.
  void Add(PathGlob glob, std::chrono::seconds limit);

  // The level for draft path `path` ('/'-separated, relative to the spool
  // area), or nullopt when none applies. Thread-safe (const).
  std::optional<std::chrono::seconds> For(std::string_view path) const;

  // Whether any level is set.
  bool empty() const { return !default_ && globs_.empty(); }

 private:
  std::optional<std::chrono::seconds> default_;
  std::vector<std::pair<PathGlob, std::chrono::seconds>> globs_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REVIEW_REVIEW_SLA_H_
