// The rows one proof record (daemon/spool/proof_record.h) adds to the
// ledger, read out of its JSON once, for every ledger backend
// (daemon/ledger/ledger.h) to write with its own SQL:
//
//   submissions          one row (id, path, sha256, size, rulebook, ...)
//   routing_events       into its area; and, when it supersedes a
//                        submission, that one's move to history
//   submission_findings  findings per rule
//   check_runs           each check's seconds
//   submission_reviewers each reviewer a finding names (the `reviewer`
//                        of an escalation: checks/escalate/), once
//
// plus the running totals of a row written for the first time
// (daemon/ledger/ledger_totals.h). A field missing from the record is
// NULL (a number: 0).
#ifndef PROOFGATE_DAEMON_LEDGER_LEDGER_ROWS_H_
#define PROOFGATE_DAEMON_LEDGER_LEDGER_ROWS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "daemon/ledger/ledger_totals.h"

namespace proofgate {

// A value bound to a statement's parameter: NULL, text, integer or real.
using LedgerValue =
    std::variant<std::nullptr_t, std::string, long long, double>;

// The ledger rows of one proof record.
struct SubmissionRows {
  LedgerValue id, path, sha256, rulebook, rulebook_version, rulebook_sha256,
      verdict, area, submitted_at, verified_at, routed_at;
  long long size = 0;  // bytes
  // The submission this one supersedes (NULL when none) and the area it
  // was in.
  LedgerValue old_id, old_area;
  std::map<std::string, long long> findings_by_rule;
  std::vector<std::pair<std::string, double>> check_seconds;  // in order
  // The `reviewer` of every finding that names one, sorted, each once.
  std::set<std::string> reviewers;

  // Whether it supersedes an earlier submission.
  bool Supersedes() const;
};

// The rows of `record` (any JSON: missing or mistyped fields are NULL).
SubmissionRows SubmissionRowsOf(const nlohmann::json& record);

// An earlier submission of the same path, as the ledger holds it.
struct EarlierSubmission {
  std::string area;                // where it was routed
  std::string first_submitted_at;  // its own, or its submitted_at
};

// The first_submitted_at of `rows` (the start of its cycle time): its own
// submitted_at, or the earlier one's first_submitted_at when `earlier`
// (the submission it supersedes, nullopt when unknown) did not reach
// ready/, whichever is earlier. NULL when the record has no submitted_at.
LedgerValue FirstSubmittedAt(const SubmissionRows& rows,
                             const std::optional<EarlierSubmission>& earlier);

// Adds the totals of `rows`, written for the first time with
// first_submitted_at `first`, to `delta`.
void AddSubmissionTotals(const SubmissionRows& rows, const LedgerValue& first,
                         TotalsDelta& delta);

// The text of `v`: a string as is, an integer in decimal, a real with 17
// significant digits (round-trips); nullopt for NULL.
std::optional<std::string> LedgerValueText(const LedgerValue& v);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_LEDGER_ROWS_H_
