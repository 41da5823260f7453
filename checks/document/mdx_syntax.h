// MDX syntax: readers for what MDX adds around Markdown (mdxjs.com,
// "What is MDX?"): ES module statements (import / export lines), JSX
// elements (<Tabs>, </TabItem>, <LinkCard ... />, <>), JavaScript
// {expressions} and {/* comments */}, and the container directives that
// Starlight and Docusaurus put on top (":::tip[Title]" ... ":::").
//
// Each reader looks at exactly one place, `at` in `text`, and returns the
// construct there or "none" (nullopt, npos) when the bytes are not one: an
// '<' not followed by a well-formed tag, an unbalanced '{'. Readers never
// look more than `max_bytes` past `at`. Offsets are bytes. Pure functions:
// thread-safe.
#ifndef PROOFGATE_CHECKS_DOCUMENT_MDX_SYNTAX_H_
#define PROOFGATE_CHECKS_DOCUMENT_MDX_SYNTAX_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proofgate {

struct JsxTag {
  size_t begin = 0;      // the '<'
  size_t end = 0;        // just past the '>'
  std::string name;      // "TabItem", "Fragment", "details"; "" for <> and </>
  bool closing = false;  // </name>
  bool self_closing = false;  // <name ... />
  // Attributes with string values, as written between the quotes
  // (label="npm" gives {"label", "npm"}); expression values are left out.
  std::vector<std::pair<std::string, std::string>> attributes;

  // The value of string attribute `key`, or "" when it has none.
  std::string Attribute(std::string_view key) const;
};

// The JSX tag starting with the '<' at `at`. Attributes may span lines;
// attribute values may be "strings", 'strings' or {expressions}. When
// `scanned` is not null it receives how many bytes from `at` were read,
// found or not (for callers that bound their total work).
std::optional<JsxTag> ReadJsxTag(std::string_view text, size_t at,
                                 size_t max_bytes, size_t* scanned = nullptr);

// One past the '}' closing the expression whose '{' is at `at`, skipping
// nested braces, JavaScript strings, template literals and comments; npos
// when it does not close within `max_bytes`. `scanned` as for ReadJsxTag().
size_t ReadJsxExpression(std::string_view text, size_t at, size_t max_bytes,
                         size_t* scanned = nullptr);

// Whether the line starting at `at` opens an ES module statement: "import"
// or "export" at the very start of the line, followed by a blank, '{' or
// '*' (so "important" and "exports of ..." in prose are not).
bool StartsEsmStatement(std::string_view text, size_t at);

// End of the statement that starts at `at`: the end of the line (before
// its line break) on which its (), [] and {} are balanced again, outside
// strings and comments. Statements longer than `max_bytes` end there.
size_t ReadEsmStatement(std::string_view text, size_t at, size_t max_bytes);

// A container directive line ("remark-directive" syntax, as Starlight and
// Docusaurus asides use it): ":::note", ":::tip[Did you know?]",
// ":::caution{icon="x"}", "::: danger Title", or a closing ":::".
struct DirectiveLine {
  bool closing = false;
  std::string name;   // "tip"; "" when closing
  std::string label;  // "Did you know?" from [..] or the text after the name
};

// Reads `line` (one line, without its break) as a directive line: optional
// blanks, three or more ':', then a name, or nothing for a closing line. A
// line ending in ":::" again (docfx's one-line ":::image ...:::") is not one.
std::optional<DirectiveLine> ReadDirectiveLine(std::string_view line);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_MDX_SYNTAX_H_
