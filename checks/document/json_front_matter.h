// JSON front matter (Hugo: the draft opens with a JSON object), parsed with
// nlohmann-json's SAX interface and converted into the yaml-cpp tree that
// FrontMatter holds (see front_matter.h).
//
// nlohmann-json 3.11 reports no positions for values, so the parser reads
// the text through an iterator that counts the bytes it has taken. At each
// SAX event the count is where the token just read ends (a number is
// followed by the one byte the parser looked ahead), and the token's start
// follows from the token itself: a string's opening quote is the nearest
// quote before its closing one that no backslash escapes, a number is the
// run of number characters, true, false and null have fixed lengths, and
// "{" or "[" is the byte just read.
#ifndef PROOFGATE_CHECKS_DOCUMENT_JSON_FRONT_MATTER_H_
#define PROOFGATE_CHECKS_DOCUMENT_JSON_FRONT_MATTER_H_

#include <vector>

#include "checks/document/front_matter.h"
#include "checks/document/front_matter_parser.h"
#include "checks/document/source_map.h"

namespace proofgate {

// Parses the JSON object that opens the draft mapped by `map`; `block` is
// FindFrontMatter's answer (present, JSON). The parser reads up to the "}"
// that closes the object, and the block ends with that line: the result's
// block has terminated, close_line and data_end filled in. Objects become
// maps (keys in file order; a repeated key keeps both, and lookups find
// the first), arrays lists; strings stay strings, numbers are their text
// as written, booleans "true"/"false", null a null node.
//
// Problems (appended to `problems`, root left null):
//   input/front-matter-unterminated  the text ends before the object does;
//   input/front-matter-invalid       the parser's error, at the byte where
//                                    it stopped; or text after the closing
//                                    "}" on its line;
//   input/front-matter-too-complex   over kFrontMatterValueBudget keys and
//                                    values, or nested deeper than
//                                    kFrontMatterMaxDepth (the parser still
//                                    reads on to find the object's end).
// After an invalid object the block ends at the first line that is a lone
// "}", as pretty-printed front matter closes; without one it is not
// terminated and the whole draft is read as Markdown.
//
// Thread-safe; never throws (allocation failure aside); time and memory
// linear in the object's size, however deep it nests.
FrontMatter ParseJsonFrontMatter(const SourceMap& map,
                                 const FrontMatterBlock& block,
                                 std::vector<FrontMatterProblem>& problems);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_JSON_FRONT_MATTER_H_
