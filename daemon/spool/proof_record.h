// The proof record of a routed draft, as JSON: the verdict with its
// evidence and provenance, so an editor never re-runs a check in their head
// and an auditor can replay the decision. Written beside the draft as
// AREA/R.proof.json (schema_version 1):
//
//   {"schema_version": 1,
//    "submission": "0001740821412345678-4242-7",
//    "supersedes": {"submission": "…", "area": "review"} | null,
//    "draft": {"path": "blog/post.md", "sha256": "…", "size": 1234},
//    "rulebook": {"name", "version", "sha256", "file",
//                 "owner": {"name", "contact"?} | null} | null,
//    "proofgate_version": "0.1.0",
//    "timestamps": {"submitted", "verified", "routed"},
//    "verdict": "pass" | "fail" | "review",
//    "route": "ready" | "review",             (where the verdict sent it)
//    "area": "ready" | "review" | "returned", (where the draft is now: the
//                                              route, until an editor's
//                                              decision moves it on)
//    "decision": {...},                       (after a decision:
//                                              daemon/queue/decision.h)
//    "reviewers": ["legal", …],                 (escalations; [] for none)
//    "config_error": "…",                       (only when set)
//    "checks": [{"name": "input", "status": "passed", "findings": []},
//               {"name": "headings", "status": "failed",
//                "findings": [<finding: daemon/drafts/finding_json.h,
//                              plus "effect">]},
//               {"name": "readability", "status": "passed", "findings": [],
//                "metrics": {"words": 812, "flesch_reading_ease": 52.3, …}},
//               …]}
//
// "metrics" (only for checks that measure, such as readability) holds the
// numbers the check measured, passing or not: name -> number.
//
// `sha256` is of the exact bytes checked ("" for a draft over the size
// limit, which is not read whole); `size` is the file's size in bytes.
// Timestamps are RFC 3339 UTC with microseconds: submitted when the daemon
// first saw the draft in inbox/, verified when the checks finished, routed
// when the route was decided and the record written, just before the
// draft moves. `checks` lists "input" (the draft's well-formedness, the
// input/* rules) and then every check of the rulebook in order, each with
// its status:
//   failed          a finding that fails the draft under the rulebook's
//                   routing (confident, severity at or above fail_on);
//   escalated       otherwise, an escalation (escalate/*) names a reviewer
//                   who must look;
//   low-confidence  otherwise, a warning or error too uncertain to fail
//                   on: an editor must judge;
//   suppressed      otherwise, findings waived by inline comments;
//   passed          otherwise (info findings may be listed).
// Pages and the CLI show "low-confidence" (and the verdict "review") as
// "needs judgment" (daemon/text/verdict_text.h).
// Each finding's "effect" is what it did to the verdict
// (daemon/drafts/finding_effect.h): "fails" (it failed the draft),
// "review" (an editor must judge it), "advisory" (holds nothing back: a
// warning under fail_on error, or info), "waived" (suppressed inline).
#ifndef PROOFGATE_DAEMON_SPOOL_PROOF_RECORD_H_
#define PROOFGATE_DAEMON_SPOOL_PROOF_RECORD_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "daemon/drafts/draft_check.h"
#include "daemon/spool/router.h"
#include "daemon/spool/spool.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

inline constexpr int kProofRecordSchemaVersion = 1;

// Where and when a draft was checked, besides the check's result.
struct ProofContext {
  std::string submission;  // id (daemon/spool.h)
  Supersession supersedes;
  uint64_t size = 0;  // of the draft file, in bytes
  WallTime submitted;
  WallTime verified;
  WallTime routed;
  Area route = Area::kReview;
  std::string_view proofgate_version;
};

// The area a result goes to: ready for pass; review for fail, review,
// and a result without a rulebook (config_error).
Area RouteFor(const DraftResult& result);

// The proof record of `result` (the shape above). Never throws (allocation
// aside); strings that are not UTF-8 are replaced when dumped with
// ProofRecordText().
nlohmann::json ProofRecordJson(const DraftResult& result,
                               const ProofContext& context);

// The record's "supersedes": {"submission" (null when unknown), "area"},
// or null when nothing was superseded.
nlohmann::json SupersedesJson(const Supersession& supersedes);

// `record` as the text written to disk: indented JSON, bytes that are not
// UTF-8 replaced by U+FFFD, a final newline.
std::string ProofRecordText(const nlohmann::json& record);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_PROOF_RECORD_H_
