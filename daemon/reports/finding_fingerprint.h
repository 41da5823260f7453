// Fingerprints that follow a finding across edits of its draft, so CI
// dashboards (GitHub code scanning, GitLab Code Quality) can tell a new
// finding from one they already showed, dismissed or waived.
#ifndef PROOFGATE_DAEMON_REPORTS_FINDING_FINGERPRINT_H_
#define PROOFGATE_DAEMON_REPORTS_FINDING_FINGERPRINT_H_

#include <string>
#include <string_view>
#include <vector>

#include "checks/finding.h"

namespace proofgate {

// One fingerprint per element of `findings` (the findings of ONE draft, in
// the verifier's order: by position, then rule id), in the same order:
// 64 lower-case hex digits of SHA-256 over
//
//   "proofgate-fingerprint/1" NUL rule NUL report_path NUL evidence NUL k
//
// where evidence is the excerpt with runs of whitespace collapsed to one
// space and trimmed (the message when the excerpt is empty, as for
// findings about the draft as a whole), and k is the decimal count of
// earlier findings in `findings` with the same rule and evidence.
//
// Line and column numbers are deliberately left out: inserting or deleting
// lines elsewhere in the draft keeps every fingerprint, while editing the
// flagged text itself (or renaming the file) makes a new one. Two findings
// of one draft never share a fingerprint. Pure function, thread-safe.
std::vector<std::string> FindingFingerprints(
    std::string_view report_path, const std::vector<Finding>& findings);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_FINDING_FINGERPRINT_H_
