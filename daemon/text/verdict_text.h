// The names people read for verdicts and check statuses. The API and the
// proof record's JSON keep their stable values ("pass", "fail", "review";
// "passed", "failed", "low-confidence", "suppressed"); pages, `proofgate
// queue` and the README show these words, so each verdict has one name
// for people everywhere: `review` is "needs judgment".
#ifndef PROOFGATE_DAEMON_TEXT_VERDICT_TEXT_H_
#define PROOFGATE_DAEMON_TEXT_VERDICT_TEXT_H_

#include <string>
#include <string_view>

namespace proofgate {

// "pass" -> "pass", "fail" -> "fail", "review" -> "needs judgment";
// anything else comes back as it is. Pure, thread-safe.
std::string_view VerdictText(std::string_view verdict);

// A check's status for people: "low-confidence" -> "needs judgment", the
// others ("passed", "failed", "suppressed") as they are. Pure, thread-safe.
std::string_view CheckStatusText(std::string_view status);

// An editor's decision in one line, for the top of a decided proof record,
// the queue's notice and the recent decisions page:
//   "approved by Dana, 2026-12-03 10:42 UTC: moved to ready/"
//   "returned by Dana, 2026-12-03 10:42 UTC: moved to returned/"
// `decision` is "approve" or "return" (anything else is shown as it is);
// `at` is RFC 3339 UTC (daemon/text/timestamp.h), shown to the minute
// (as it is when shorter than that); `area` is the folder the draft went
// to. Plain text: the caller escapes it for HTML. Pure, thread-safe.
std::string DecisionText(std::string_view decision, std::string_view editor,
                         std::string_view at, std::string_view area);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_TEXT_VERDICT_TEXT_H_
