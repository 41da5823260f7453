// The `escalate` check: topics that always need a named human before
// publication (legal threats, financial or medical advice, pricing
// changes, security incidents, named customers, personal data), however
// clean the draft is otherwise.
//
// Rules: one per entry of `rules`, `escalate/<id>`. Several may fire on
// one draft; each gives one finding, at the first trigger.
//
// Settings:
//   rules: (required) a non-empty list of maps:
//     id:       (required) [a-z0-9_-]+, unique; the rule id's suffix
//     when:     (required) terms, patterns, ignore_case, min_terms,
//               front_matter, paths, links_to, exactly as the required
//               check's (checks/matching/trigger.h)
//     reviewer: (required) who must look: [a-z0-9_-]+, such as `legal`
//               or `compliance`; the queue filters on it (?reviewer=legal)
//     severity: error | warning | info; default warning
//     message:  why, one sentence; default "This topic needs review by
//               <reviewer> before publication."
//
// A finding has the rule's reviewer in Finding::reviewer and confidence 0:
// whatever its severity and whatever else the draft holds, it sends the
// draft to review (rules/verifier.h, DecideVerdict), never to ready/, and
// an inline proofgate-disable cannot waive it (rules/suppressions.h).
//
// Errors (unknown keys, wrong types, missing keys, duplicate ids, a bad
// reviewer name, and every `when` error) are reported at the file:line:col
// of the offending YAML node.
#ifndef PROOFGATE_CHECKS_ESCALATE_ESCALATE_CHECK_H_
#define PROOFGATE_CHECKS_ESCALATE_ESCALATE_CHECK_H_

#include "checks/check.h"

namespace proofgate {

// The check's registry entry. Thread-safe; the check it builds is
// immutable and may run on many drafts at once.
CheckSpec EscalateCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_ESCALATE_ESCALATE_CHECK_H_
