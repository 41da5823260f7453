// The GitHub Actions report of `proofgate check --format github`: one
// workflow command per finding, which GitHub turns into an annotation on
// the pull request's diff (GitHub Docs, "Workflow commands for GitHub
// Actions"):
//
//   ::error
//   file=docs/a.md,line=8,col=1,endLine=8,endColumn=18,title=headings/skipped-level::The
//   heading level jumps ...
//
// Command per finding (what it does to the verdict,
// daemon/drafts/finding_effect.h):
//   ::error    it fails the draft;
//   ::warning  it sends the draft to review (the message then says so, with
//              the confidence), or it is a warning that holds nothing back;
//   ::notice   info findings.
// Suppressed findings are left out (the writer waived them, with a reason
// the JSON and SARIF reports keep). A suggestion is appended to the message.
//
// GitHub shows only 10 annotations of each kind per step, so the same
// findings also go to the job summary (WriteGithubStepSummary), which
// `proofgate check` appends to the file named by $GITHUB_STEP_SUMMARY when
// that variable is set.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_GITHUB_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_GITHUB_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/drafts/draft_check.h"

namespace proofgate {

// Writes the workflow commands for `results` to `out`, one line each, then
// the summary line of the text report ("3 drafts: 2 pass, ..."). Paths are
// relative to the working folder (daemon/report_paths.h), which on GitHub
// is the repository root. `fail_on_warning` is `--fail-on warning` (such
// warnings fail drafts and become ::error). Thread-safe for distinct
// streams.
void WriteGithubAnnotations(const std::vector<DraftResult>& results,
                            bool fail_on_warning, std::ostream& out);

// GitHub's job summary is capped at 1 MiB per step (GitHub Docs, "Adding a
// job summary"); the summary stops listing below this many bytes and says
// how much it left out.
inline constexpr size_t kStepSummaryBudgetBytes = 900 * 1024;

// Writes a Markdown job summary for `results` to `out`: a heading with the
// counts, a table of every draft that did not pass or has findings
// (draft, verdict, rulebook, errors, warnings, info, suppressed), then
// every finding as a list item (suppressed ones with their reason). At
// most about `budget_bytes` bytes: past that, rows and findings are
// counted but not listed. Text from drafts is escaped so it renders as
// text (no HTML, links or table breaks). Thread-safe for distinct streams.
void WriteGithubStepSummary(const std::vector<DraftResult>& results,
                            bool fail_on_warning, std::ostream& out,
                            size_t budget_bytes = kStepSummaryBudgetBytes);

// Workflow-command escaping (as @actions/core does it): the message
// ("data") gets % -> %25, CR -> %0D, LF -> %0A; a property value also gets
// : -> %3A and , -> %2C. Pure functions.
std::string EscapeWorkflowData(std::string_view text);
std::string EscapeWorkflowProperty(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_GITHUB_H_
