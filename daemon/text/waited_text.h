// How long a draft has waited, for people: the exception queue's page and
// `proofgate queue`. (The page's script, which refreshes the table in the
// browser, writes the same form.)
#ifndef PROOFGATE_DAEMON_TEXT_WAITED_TEXT_H_
#define PROOFGATE_DAEMON_TEXT_WAITED_TEXT_H_

#include <chrono>
#include <string>

namespace proofgate {

// The two largest units of `waited`, rounded down: "3 d 4 h", "5 h 2 min",
// "12 min" (under an hour, minutes only), "40 s" (under a minute). A
// negative duration (a clock set back) reads as "0 s". Pure, thread-safe.
std::string WaitedText(std::chrono::seconds waited);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_TEXT_WAITED_TEXT_H_
