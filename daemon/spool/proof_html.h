// The proof record as a page for people: AREA/R.proof.html.
//
// Self-contained (inline CSS, no scripts, no external assets) so it opens
// from a file share or an archive as it was. Shows the verdict, the
// provenance (draft sha256 and size, rulebook name, version and sha256,
// timestamps, submission ids), every check with its status, then the draft
// line by line with each finding directly under the line it points at
// (severity, message, rule, line:column, confidence, the evidence excerpt
// and the suggestion).
// Findings whose line is past the end of the draft are listed at the end.
// All text from the draft and the findings is HTML-escaped; bytes that are
// not UTF-8 are shown as U+FFFD and NUL bytes as U+2400.
#ifndef PROOFGATE_DAEMON_SPOOL_PROOF_HTML_H_
#define PROOFGATE_DAEMON_SPOOL_PROOF_HTML_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace proofgate {

// The page for proof record `record` (daemon/proof_record.h) of the draft
// whose bytes are `draft` (as checked; possibly only the first part of an
// oversized draft). Never throws (allocation aside); a record missing
// fields renders with those fields empty. Thread-safe.
std::string ProofRecordHtml(const nlohmann::json& record,
                            std::string_view draft);

// The page's content without the document around it (what goes inside
// <body>), and the CSS it needs: for pages that embed a proof record (the
// exception queue's draft page, daemon/queue/queue_page.h). A "decision" in the
// record (daemon/decision.h) is shown under the verdict. Thread-safe.
std::string ProofRecordBody(const nlohmann::json& record,
                            std::string_view draft);
std::string_view ProofRecordStyle();

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_PROOF_HTML_H_
