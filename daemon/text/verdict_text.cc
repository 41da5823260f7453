#include "daemon/text/verdict_text.h"

namespace proofgate {

namespace {

// The one name for people of the verdict that routes a draft to an
// editor's judgment (DESIGN.md: "an editor decides").
constexpr std::string_view kNeedsJudgment = "needs judgment";

}  // namespace

std::string_view VerdictText(std::string_view verdict) {
  return verdict == "review" ? kNeedsJudgment : verdict;
}

std::string_view CheckStatusText(std::string_view status) {
  return status == "low-confidence" ? kNeedsJudgment : status;
}

std::string DecisionText(std::string_view decision, std::string_view editor,
                         std::string_view at, std::string_view area) {
  std::string out = decision == "approve"  ? "approved"
                    : decision == "return" ? "returned"
                                           : std::string(decision);
  out += " by ";
  out += editor;
  // "2026-12-03T10:42:13.123456Z" -> "2026-12-03 10:42 UTC".
  if (at.size() >= 16 && at[10] == 'T') {
    out += ", ";
    out += at.substr(0, 10);
    out += ' ';
    out += at.substr(11, 5);
    out += " UTC";
  } else if (!at.empty()) {
    out += ", ";
    out += at;
  }
  out += ": moved to ";
  out += area;
  out += '/';
  return out;
}

}  // namespace proofgate
