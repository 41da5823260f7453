// One line of Markdown as a reader sees it, for the places that show a
// writer's front-matter value as plain text (the exception queue's author
// column, `proofgate queue`: blogs write bylines as Markdown links).
#ifndef PROOFGATE_CHECKS_DOCUMENT_MARKDOWN_TEXT_H_
#define PROOFGATE_CHECKS_DOCUMENT_MARKDOWN_TEXT_H_

#include <string>
#include <string_view>

namespace proofgate {

// The text of `markdown` read as one line of inline CommonMark (cmark-gfm):
// a link or image as its text ("[Ann Lee](https://…)" is "Ann Lee"),
// emphasis without its markers, code spans as their content, backslash
// escapes and entities resolved, inline HTML kept as the text it is (a
// page escapes it); line breaks and runs of
// whitespace become one space, and the ends are trimmed. What would open a
// block at the start of a line ("1. ", "# ", "- ") stays text. Bytes that
// are not UTF-8 become U+FFFD. Never throws (allocation aside); linear in
// the size. Thread-safe (cmark_threads.h).
std::string MarkdownLineText(std::string_view markdown);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_MARKDOWN_TEXT_H_
