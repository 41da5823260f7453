// Quotations attributed to someone: the quoted speech that the
// sources/unattributed-quote rule asks a source for.
//
// Pages that report their own research (interviews, surveys, feedback
// gathered: "Our interviews revealed", "Responders rated it") are left out
// whole, as are attributions that name a role rather than someone ("--
// Principal Firmware Engineer", anonymous interviewees) or cite a work
// themselves ("-- Doyle, \"The Blanched Soldier\"", "Stroustrup, 1994").
//
// Two forms, found in the parsed document (never in code, which Document
// leaves out of prose):
//   - inline: a passage of at least `min_words` words between double
//     quotation marks (straight, “…” or «…») next to a speech verb and its
//     speaker: "…," said Jane Doe / "…," she said / Jane Doe wrote: "…" /
//     according to Acme, "…". The speaker is a name (capitalised words,
//     not "The", "This", "It"...) or he/she/they. A quoted UI string, error
//     message or term has no speaker and no speech verb next to it ("the
//     error says "…"" names a thing, not a person), so it is not one.
//   - a block quote ("> …", not an admonition such as "> [!NOTE]" or
//     "> **Note**", see reported_speech.h) that is attributed: a closing
//     attribution line ("— Jane Doe", "-- Acme CEO") inside the quote or
//     right after it, or a lead-in paragraph that ends with a colon and
//     names a speaker with a speech verb ("As Jane Doe put it:",
//     "Kelsey said:"). A block quote with neither is a callout, an example
//     or an emphasis, not quoted speech.
//
// Pure functions; thread-safe.
#ifndef PROOFGATE_CHECKS_SOURCES_QUOTATIONS_H_
#define PROOFGATE_CHECKS_SOURCES_QUOTATIONS_H_

#include <cstddef>
#include <vector>

#include "checks/document/document.h"

namespace proofgate {

struct Quotation {
  bool block_quote = false;
  // Blocks (indexes into doc.blocks()) holding the quotation and what
  // attributes it: for a block quote, from its lead-in (if any) to its
  // attribution line; for an inline quote, its one block.
  size_t first_block = 0;
  size_t last_block = 0;
  // Inline quotes: byte offsets in the block's text of the quotation (its
  // marks included) and of the whole quote with its attribution.
  size_t quote_begin = 0;
  size_t quote_end = 0;
  size_t span_begin = 0;
  size_t span_end = 0;
  // The quoted words: the passage with its marks (inline), or the quote's
  // blocks up to its attribution (block quote; up to the start of the last
  // sentence when that sentence ends with the attribution).
  SourceRange body;
  // Where to report it: the quoted passage (inline) or the quote's first
  // sentence (block quote).
  SourceRange range;
};

// The attributed quotations of `doc`, in file order. Pages that report a
// discussion (ReportsDiscussion: interviews, panels) and transcript turns
// are left out: their quotes are the page's own reporting.
std::vector<Quotation> FindQuotations(const Document& doc, int min_words);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_SOURCES_QUOTATIONS_H_
