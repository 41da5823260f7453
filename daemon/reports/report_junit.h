// The JUnit XML report of `proofgate check --format junit`, for CI test
// report viewers (GitLab, Jenkins, Azure DevOps, GitHub test-report
// actions). Each draft is a test case:
//
//   <testsuites name="proofgate" tests failures errors skipped>
//     <testsuite name="RULEBOOK" tests failures errors skipped>  (one per
//                                        rulebook used, in order of use)
//       <properties> rulebook.version, rulebook.file, rulebook.sha256
//       <testcase classname="RULEBOOK" name="docs/a.md">
//         <failure type="fail" message="2 errors, 1 warning">findings...
//         (verdict fail)
//         <skipped message="needs an editor's review: ..."/>  (verdict
//         review, by default)
//         <system-out>findings...</system-out>  (findings not already in a
//         <failure>: on passing and skipped drafts)
//
// A review verdict means a human must decide, not that the draft is
// wrong, and by default it does not fail the build (exit code 0), so it is
// <skipped> — the viewers show it as neither green nor red. With
// `--fail-on review` it fails the build, and the report agrees: a
// <failure type="review">. `errors` is always 0: proofgate reports every
// problem with a draft, unreadable ones included, as a finding.
//
// Findings are written one per line, as in the text report:
//   docs/a.md:8:1: error: The heading level jumps ... [headings/skipped-level]
//
// Text is escaped for XML 1.0: & < > as entities (and " ' in attributes),
// CR everywhere and tab / LF in attributes as character references (so
// parsers keep them), and everything XML 1.0 cannot carry at all (control
// characters other than tab, CR and LF; U+FFFE, U+FFFF; bytes that are not
// UTF-8) replaced by U+FFFD.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_JUNIT_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_JUNIT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/drafts/draft_check.h"

namespace proofgate {

// Writes the report for `results` (test cases in the given order within
// their suite) to `out`, UTF-8. `review_fails` is `--fail-on review`.
// Reads the working folder (for paths, daemon/report_paths.h); otherwise
// thread-safe for distinct streams.
void WriteJunitReport(const std::vector<DraftResult>& results,
                      bool review_fails, std::ostream& out);

// `text` escaped for XML 1.0 element content, or for a quoted attribute
// value when `attribute` (which also turns tab and LF into character
// references). The rules above; always valid UTF-8. Pure function.
std::string XmlEscape(std::string_view text, bool attribute);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_JUNIT_H_
