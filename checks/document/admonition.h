// Admonitions written in plain Markdown: the labels writers put on notes
// and warnings, and the block-quote forms that carry them.
#ifndef PROOFGATE_CHECKS_DOCUMENT_ADMONITION_H_
#define PROOFGATE_CHECKS_DOCUMENT_ADMONITION_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace proofgate {

// Whether `text` (plain text, such as a heading's) is only an admonition
// label: Note, Tip, Warning, Important, Caution, Info, Danger, Hint,
// Attention or Notice (and their plurals Notes, Tips), any case, with
// surrounding blanks and one trailing ':' or '!' allowed ("##### Note",
// "#### Warning:"). ASCII only; thread-safe.
bool IsAdmonitionLabel(std::string_view text);

// The label that opens a block quote as an admonition, read from `line`,
// the text of the quote's first line after its '>' marker:
//   - a GitHub alert, "[!NOTE]" (also TIP, IMPORTANT, WARNING, CAUTION;
//     docfx has the same syntax), alone or followed by text;
//   - a bold label alone on the line, "**Note**" or "**Note:**" (the form
//     that came before alerts).
// Returns the label's name in upper case ("NOTE") and sets `length` to
// the bytes of the marker ("[!NOTE]", "**Note:**"); "" when the line opens
// no admonition. Thread-safe.
std::string AdmonitionMarker(std::string_view line, size_t& length);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_ADMONITION_H_
