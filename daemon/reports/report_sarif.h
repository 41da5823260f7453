// The SARIF 2.1.0 report of `proofgate check --format sarif`, for GitHub
// code scanning and other SARIF viewers (OASIS SARIF 2.1.0, the schema
// "sarif-schema-2.1.0.json"). One run:
//
//   tool.driver     name "proofgate", version, and `rules`: every rule of
//                   every registered check (checks/registry.h), then the
//                   input/* rules (checks/document.h), then any other rule
//                   id that a result uses (such as <check>/internal-error),
//                   each with id, name (the id in UpperCamelCase),
//                   shortDescription, help and defaultConfiguration.level.
//   columnKind      "unicodeCodePoints", as proofgate counts columns.
//   originalUriBaseIds
//                   %SRCROOT%: the working folder, which relative artifact
//                   URIs are relative to.
//   artifacts       one per draft, in input order: location, the sha-256 of
//                   the bytes checked, and properties {verdict, rulebook,
//                   rulebookVersion, reviewers (escalations', sorted)}.
//   results         one per finding, suppressed ones included:
//                     ruleId, ruleIndex;
//                     kind "review" when confidence < the rulebook's
//                       routing.min_confidence, else "fail";
//                     level error / warning / note from the severity, but
//                       "none" for kind "review" (SARIF 2.1.0 §3.27.10:
//                       a level other than "none" requires kind "fail");
//                       properties.severity keeps the severity;
//                     message.text, locations[0].physicalLocation with
//                       artifactLocation {uri, uriBaseId, index} and region
//                       {startLine, startColumn, endLine, endColumn,
//                       snippet.text = the excerpt (when not empty)};
//                     rank = confidence x 100;
//                     partialFingerprints {"proofgateFindingHash/v1"}: see
//                       daemon/finding_fingerprint.h;
//                     suppressions [{kind "inSource", status "accepted",
//                       justification = the writer's reason}] when waived;
//                     properties {severity, confidence, rulebook,
//                       suggestion?, reviewer? (escalate/*)};
//                     fixes [{description, artifactChanges [{
//                       artifactLocation, replacements [{deletedRegion,
//                       insertedContent.text}]}]}] when the finding has a
//                       safe fix (checks/finding.h, Fix).
//   properties      {rulebooks: [{name, version, file, sha256,
//                    owner: {name, contact?} | null}],
//                    summary: {drafts, pass, fail, review}}.
#ifndef PROOFGATE_DAEMON_REPORTS_REPORT_SARIF_H_
#define PROOFGATE_DAEMON_REPORTS_REPORT_SARIF_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/drafts/draft_check.h"
#include "rules/rulebook_set.h"

namespace proofgate {

// The SARIF log for `results`, checked under `rules`. Strings are copied
// as they are; serialize with nlohmann's error_handler_t::replace so that
// stray invalid UTF-8 in an excerpt cannot make the output invalid.
// Reads the working folder (for paths, see daemon/report_paths.h);
// otherwise a pure function, thread-safe.
nlohmann::json SarifReport(const RulebookSet& rules,
                           const std::vector<DraftResult>& results);

// "headings/skipped-level" -> "HeadingsSkippedLevel": the SARIF rule name
// (an identifier-like name, SARIF 2.1.0 §3.49.7). Pure function.
std::string SarifRuleName(std::string_view rule_id);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_REPORTS_REPORT_SARIF_H_
