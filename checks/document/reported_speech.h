// Reported speech: prose that holds someone else's words, not the author's.
//
// Checks that judge the author's claims and tone (claims, prohibited) must
// not hold the author to what an interviewee said, a quoted customer wrote
// or a panel discussed: in the shared corpus of 3,815 pages, 11 of 68
// judged claims/prohibited findings were such quotes (interview transcripts
// with "**NAME:**" speaker labels, block quotes of a contributor's words,
// "...not the best," says Jacob). This file finds them from what Document
// already exposes (block ranges and the source lines), without changing
// the document model.
//
// Reading only; every function is pure and thread-safe.
#ifndef PROOFGATE_CHECKS_DOCUMENT_REPORTED_SPEECH_H_
#define PROOFGATE_CHECKS_DOCUMENT_REPORTED_SPEECH_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "checks/document/document.h"

namespace proofgate {

enum class Voice {
  kAuthor,      // the author's own prose (also admonitions: "> [!NOTE]")
  kBlockQuote,  // inside a Markdown block quote ("> ...") that is not an
                // admonition
  kSpeakerTurn  // a turn of a transcript: a paragraph opening with a
                // speaker label ("**ALOLITA SHARMA:** ...", "**PO:** ...")
                // and the label-less paragraphs after it up to the next
                // heading, on a page with at least 3 labels by at least 2
                // speakers (one bold "Note:" is not a transcript, nor is
                // a byline such as "**Author:**" or a list item's bold
                // lead such as "- **Speed**: ...")
};

// The voice of each block of `doc`, indexed like doc.blocks().
std::vector<Voice> BlockVoices(const Document& doc);

// Whether bytes [begin, end) of `text` (a block's plain text) lie between
// quotation marks that open before `begin` and close at or after `end` in
// the same text: straight double quotes, “…” or «…». Single quotes are not
// read (they are apostrophes far more often).
bool InQuotation(std::string_view text, size_t begin, size_t end);

// Whether the page reports a discussion among other people: its title
// (front matter `title`, else the first heading) names an interview, a
// panel, a Q&A, a roundtable or a fireside chat. Its prose then recaps what
// others said ("OpenTelemetry emerged as a game-changing solution", under
// "The Future of Observability Panel Discussion").
bool ReportsDiscussion(const Document& doc);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_REPORTED_SPEECH_H_
