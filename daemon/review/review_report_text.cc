#include "daemon/review/review_report_text.h"

#include <cmath>
#include <cstdio>

#include "daemon/text/waited_text.h"

namespace proofgate {

std::string PercentText(const std::optional<double>& rate) {
  if (!rate) return "n/a";
  return std::to_string(std::lround(*rate * 100)) + " %";
}

std::string SecondsText(const std::optional<double>& seconds) {
  if (!seconds) return "n/a";
  return WaitedText(std::chrono::seconds(std::llround(*seconds)));
}

std::string PercentilesText(const ReportPercentiles& p) {
  return SecondsText(p.p50_seconds) + " / " + SecondsText(p.p90_seconds) +
         " (" + std::to_string(p.count) + ")";
}

std::string RuleFlags(const ReportRuleHealth& h) {
  std::string flags;
  if (h.too_strict) flags = "too strict?";
  if (h.unused) flags += std::string(flags.empty() ? "" : " ") + "unused?";
  return flags;
}

std::string ReworkMeanText(const ReportRework& rework) {
  if (!rework.mean_submissions_to_ready || rework.reached_ready == 0) {
    return "n/a (no version reached ready/)";
  }
  char mean[32];
  std::snprintf(mean, sizeof mean, "%.2f", *rework.mean_submissions_to_ready);
  const long long n = rework.reached_ready;
  return std::string(mean) + " (over " + std::to_string(n) +
         (n == 1 ? " version that" : " versions that") + " reached ready/)";
}

std::string FolderText(const std::string& folder) {
  return folder.empty() ? "(top)" : folder;
}

}  // namespace proofgate
