// ReviewReport: the weekly exception review and the morning digest, read
// from the ledger (daemon/ledger/) into a plain struct that the renderers
// (review_report_json.h, review_report_markdown.h, review_report_html.h)
// turn into text. Every number is computed here, once.
//
// The window: submissions whose submitted_at, and decisions whose
// decided_at, fall in [since, until); with a folder, only draft paths in
// that folder or below it. The queue section is the queue now (every
// draft in review/ not yet decided nor superseded), whatever the window.
//
// Definitions (the words of ../shared/DESIGN.md):
//   first_pass_yield  submissions that reached ready/ by a passing verdict
//                     (no human) over all submissions; null without any
//   failures          per rule: findings on submissions that failed or
//                     went to review, and those submissions' draft paths
//   override_rate     per rule: approvals over decisions on drafts in
//                     review for that rule; "too strict?" at >= 50 % over
//                     >= 5 decisions (kTooStrictRate, kTooStrictDecisions)
//   unused            a rule of the loaded rulebooks with no finding in
//                     the window
//   escalations       per reviewer: submissions in the window with a
//                     finding that names that reviewer (the escalate
//                     check's `reviewer`: daemon/ledger/ledger_rows.h),
//                     their drafts, and the window's decisions on them.
//                     Submissions recorded before the ledger kept
//                     reviewers (schema version 5) name none
//   handoff latency   routed to review -> decision, per decision
//   cycle time        first submission -> ready by a passing verdict, or
//                     an editor's decision
//   percentiles       nearest rank over the window's values
//
// Reading needs no write access: the ledger is opened read-only (WAL: the
// daemon keeps writing meanwhile), except that a ledger of an older schema
// is first brought up to date (daemon/ledger/ledger_schema.h).
#ifndef PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_H_
#define PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/expected.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/review/review_sla.h"
#include "daemon/text/timestamp.h"
#include "rules/rulebook_set.h"

namespace proofgate {

// "too strict?": override rate at or above 50 % over at least 5 decisions
// (the thresholds: fewer decisions say little about a rule).
inline constexpr double kTooStrictRate = 0.5;
inline constexpr long long kTooStrictDecisions = 5;
// Proof page links kept per rule in `failures`, newest first.
inline constexpr size_t kFailureExamples = 5;
// Paths listed under rework's resubmissions, most resubmitted first.
inline constexpr size_t kReworkPaths = 20;

struct ReportRequest {
  WallTime since;
  WallTime until;
  std::string folder;  // "" = every draft; else "blog" = blog/ and below
  // Rule ids of the loaded rulebooks, for "unused?" (empty: none flagged).
  std::vector<std::string> known_rules;
  ReviewSla sla;  // for the queue's overdue count
  WallTime now;   // the queue's "now"
};

struct ReportDay {
  std::string date;  // YYYY-MM-DD (UTC)
  long long submissions = 0;
  long long drafts = 0;  // distinct paths submitted that day
  std::map<std::string, long long> verdicts;  // pass / fail / review
  long long first_pass = 0;  // reached ready/ by a passing verdict
  std::optional<double> first_pass_yield;
};

struct ReportVolume {
  long long submissions = 0;
  long long drafts = 0;
  std::map<std::string, long long> verdicts;
  long long first_pass = 0;
  std::optional<double> first_pass_yield;
  std::vector<ReportDay> days;  // oldest first, days with submissions only
};

// A rule that held drafts back: failed them or sent them to an editor.
struct ReportFailure {
  std::string rule;
  long long findings = 0;     // its findings that held a draft back
  long long submissions = 0;  // submissions it held back
  long long drafts = 0;       // distinct paths
  std::vector<std::string> submissions_shown;  // ids, newest first
};

struct ReportRuleHealth {
  std::string rule;
  long long findings = 0;  // all its findings, passing drafts too
  // Submissions it failed or sent to review (a warning on a draft that
  // another rule failed is not counted).
  long long drafts_flagged = 0;
  long long decisions = 0;
  long long approvals = 0;
  long long returns = 0;
  std::optional<double> override_rate;  // approvals / decisions
  bool too_strict = false;
  bool unused = false;
};

struct ReportRework {
  // Submissions of a path already submitted earlier in the window.
  long long resubmissions = 0;
  // Paths submitted more than once in the window: {path, submissions}.
  std::vector<std::pair<std::string, long long>> paths;
  long long returned_more_than_once = 0;  // paths with >= 2 returns
  // Mean submissions per version that reached ready/ (by a passing verdict
  // or an approval): its path's submissions in the window since the
  // previous version that did, returns and resubmissions included.
  std::optional<double> mean_submissions_to_ready;
  long long reached_ready = 0;
};

struct ReportPercentiles {
  long long count = 0;
  std::optional<double> p50_seconds;
  std::optional<double> p90_seconds;
};

struct ReportLatency {
  ReportPercentiles all;
  std::map<std::string, ReportPercentiles> by_folder;    // "" = top
  std::map<std::string, ReportPercentiles> by_rulebook;  // name
};

struct ReportQueueGroup {
  long long depth = 0;
  long long overdue = 0;
  double oldest_seconds = 0;
};

struct ReportQueue {
  ReportQueueGroup all;
  std::optional<std::string> oldest_path;
  std::map<std::string, ReportQueueGroup> by_folder;
  // Per reviewer a finding of the draft names (a draft naming two counts
  // under both); drafts naming none are under no reviewer.
  std::map<std::string, ReportQueueGroup> by_reviewer;
};

struct ReportEscalation {
  long long submissions = 0;  // in the window, naming the reviewer
  long long drafts = 0;       // their distinct paths
  long long decisions = 0;    // the window's decisions on such submissions
  long long approvals = 0;
  long long returns = 0;
};

struct ReviewReport {
  std::string since, until, generated_at;  // RFC 3339
  std::string folder;
  ReportVolume volume;
  std::vector<ReportFailure> failures;  // most drafts first
  std::vector<ReportRuleHealth> rules;  // by rule id
  ReportRework rework;
  ReportLatency handoff_latency;
  ReportLatency cycle_time;
  ReportQueue queue;
  std::map<std::string, ReportEscalation> escalations;  // by reviewer
};

// Builds the report from the ledger at `ledger` (SQLite or PostgreSQL,
// daemon/ledger/ledger_reader.h). Returns the report, or a message for a
// person (no such file, not a ledger, the database's error).
// Thread-safe: each call has its own connection.
Expected<ReviewReport> BuildReviewReport(const LedgerLocation& ledger,
                                         const ReportRequest& request);

// The rule ids the rulebooks of `set` can report (rules a rulebook turns
// off left out), sorted, without duplicates: the "unused?" candidates.
std::vector<std::string> RuleIdsOf(const RulebookSet& set);

// A report window's bound: a duration back from `now` (30s, 15m, 24h,
// 7d: daemon/text/duration_text.h), a date ("2026-03-01", midnight UTC)
// or an RFC 3339 UTC time as the ledger writes it; nullopt otherwise. A
// duration reaching before 1970-01-01 is the Unix epoch (WallTime{}). Pure.
std::optional<WallTime> ParseReportTime(const std::string& text, WallTime now);

// Nearest-rank percentile `p` (0..1] of `values` (reordered in place:
// partly sorted around that rank);
// nullopt when empty. Pure.
std::optional<double> Percentile(std::vector<double>& values, double p);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REVIEW_REVIEW_REPORT_H_
