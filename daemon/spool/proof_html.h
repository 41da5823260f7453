// The proof record as a page for people: AREA/R.proof.html.
//
// Self-contained (inline CSS, no scripts, no external assets) so it opens
// from a file share or an archive as it was. In this order:
//   1 the summary (#summary): the draft's path; after an editor's decision,
//     that decision first ("approved by Dana, 2026-12-03 10:42 UTC: moved
//     to ready/", #decided); the verdict, coloured, with where it routed
//     the draft and where the draft is now; why it is here: the findings
//     that fail it or need judgment, each linking to its place in the
//     draft (#F<n>);
//   2 the draft (#draft), as source or rendered (DraftViews below),
//     toggled by two radio buttons and CSS: the source (#source) line by line
//     (#L<n>), each finding's exact range highlighted (<mark class="hl">) and
//     the finding right under its line (severity, message, its effect on the
//     verdict in plain words, rule, line and column, confidence, the
//     suggestion); the rendered view (#rendered) is cmark-gfm's safe HTML
//     (checks/document/markdown_html.h). Findings whose line is past the
//     end of the draft follow, with their evidence excerpt;
//   3 what the embedding page adds after the draft (the decision form);
//   4 every check with its status; the provenance (draft sha256 and size,
//     rulebook name, version and sha256, timestamps, submission ids).
// All text from the draft and the findings is HTML-escaped; bytes that are
// not UTF-8 are shown as U+FFFD and NUL bytes as U+2400.
#ifndef PROOFGATE_DAEMON_SPOOL_PROOF_HTML_H_
#define PROOFGATE_DAEMON_SPOOL_PROOF_HTML_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace proofgate {

// Which views of the draft a page shows.
enum class DraftViews {
  // The source with the findings, and the rendered view beside it (two
  // tabs): the page served at /drafts/<id>.
  kSourceAndRendered,
  // The source with the findings only: the R.proof.html files written
  // beside every draft. Rendering costs a second Markdown parse on the
  // routing path: 0.43 ms per draft on average over the shared corpus'
  // 3,816 pages (1.6 s in all, against 2.7 s for Document::Parse; measured
  // on the 2-core test machine), with cmark-gfm's inline parsing
  // serialized across workers at the time it was measured.
  kSourceOnly,
};

// The page for proof record `record` (daemon/proof_record.h) of the draft
// whose bytes are `draft` (as checked; possibly only the first part of an
// oversized draft). Never throws (allocation aside); a record missing
// fields renders with those fields empty. Thread-safe.
std::string ProofRecordHtml(const nlohmann::json& record,
                            std::string_view draft,
                            DraftViews views = DraftViews::kSourceAndRendered);

// The page's content without the document around it (what goes inside
// <body>), and the CSS it needs: for pages that embed a proof record (the
// exception queue's draft page, daemon/queue/queue_page.h). `after_draft`
// (HTML, inserted as it is) goes between the draft and the list of checks.
// A "decision" in the record (daemon/queue/decision.h) heads the summary.
// Thread-safe.
std::string ProofRecordBody(const nlohmann::json& record,
                            std::string_view draft,
                            std::string_view after_draft = "",
                            DraftViews views = DraftViews::kSourceAndRendered);
std::string_view ProofRecordStyle();

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_PROOF_HTML_H_
