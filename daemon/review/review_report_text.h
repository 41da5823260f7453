// Numbers of the review report as people read them, shared by the Markdown
// and HTML renderers so both say the same thing.
#ifndef PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_TEXT_H_
#define PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_TEXT_H_

#include <optional>
#include <string>

#include "daemon/review/review_report.h"

namespace proofgate {

// A rate in [0, 1] as a whole percentage ("83 %"); "n/a" when nullopt.
std::string PercentText(const std::optional<double>& rate);

// A duration in seconds as WaitedText writes it ("3 d 4 h"); "n/a" when
// nullopt.
std::string SecondsText(const std::optional<double>& seconds);

// "p50 / p90 (n)" of `p`.
std::string PercentilesText(const ReportPercentiles& p);

// The flags of a rule-health row: "too strict?", "unused?", both or "".
std::string RuleFlags(const ReportRuleHealth& h);

// The mean submissions to ready with what it is over: "1.05 (over 7
// versions that reached ready/)", "n/a (no version reached ready/)".
std::string ReworkMeanText(const ReportRework& rework);

// How a folder key reads: "(top)" for "".
std::string FolderText(const std::string& folder);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_TEXT_H_
