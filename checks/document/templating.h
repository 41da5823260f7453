// Templating: the markup a static-site generator adds around Markdown, told
// apart from the writer's prose.
//
// Three dialects are understood (a rulebook's `templating:` key picks one,
// or `auto` lets ResolveTemplating() pick by file extension and content):
//
//   hugo    Hugo shortcodes {{< name >}} / {{% name %}}, paired with
//           {{< /name >}} or self-closing {{< name />}}, the escaped
//           {{</* name */>}} form, and {{ ... }} actions (in Hugo sites'
//           _includes files).
//   liquid  Liquid (Jekyll) tags {% name %} and output {{ ... }},
//           {% raw %}...{% endraw %} (its content is left alone),
//           {% comment %} and {% highlight %} blocks, and kramdown
//           attribute lists {: .note}.
//   mdx     MDX: import / export statements, JSX elements and fragments
//           (<Tabs>, </TabItem>, <LinkCard ... />), {expressions} and
//           {/* comments */}, and Starlight / Docusaurus asides
//           (":::tip[Title]" ... ":::"). Markdown inside JSX children stays
//           prose.
//   none    plain CommonMark with the GitHub extensions.
//
// ScanTemplating() returns two things about a draft's body:
//
//   non-prose spans  bytes that are templating, not prose: tags,
//                    expressions, import lines, and whole regions whose
//                    content readers never see as text (Liquid and Hugo
//                    comments, {% highlight %} blocks, Docsy tabs whose
//                    content is code, MDX <FileTree> listings, Liquid
//                    captures that are only passed to an include as code,
//                    MDX <code> and <pre> elements).
//                    The document model keeps them out of sentences,
//                    headings and link text.
//   scopes           the constructs that group content, so checks can see
//                    them: tab sets and their tabs (Hugo {{< tabpane >}} /
//                    {{< tabs >}} with {{% tab %}}, {{< tab >}} or
//                    {{% codetab %}}; Liquid {% tabs %} / {% tab %}; MDX
//                    <Tabs> / <TabItem> and any *Tabs component's children),
//                    details ({{< details >}}, <details>, :::details) and
//                    asides (Docsy {{% alert %}} and similar shortcodes, MDX
//                    <Aside>, ":::note" directives).
//
// Fenced code blocks are code: nothing inside them is scanned (a tag shown
// in a code sample is the sample's text). Lines are found as CommonMark
// finds them ("\n", "\r\n", "\r").
#ifndef PROOFGATE_CHECKS_DOCUMENT_TEMPLATING_H_
#define PROOFGATE_CHECKS_DOCUMENT_TEMPLATING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/finding.h"

namespace proofgate {

enum class Templating { kAuto, kHugo, kLiquid, kMdx, kNone };

// "auto", "hugo", "liquid", "mdx" or "none".
std::string_view TemplatingName(Templating templating);

// The dialect named `name` (one of the names above, exactly), or nullopt.
std::optional<Templating> ParseTemplatingName(std::string_view name);

// The dialect for a draft at `path` whose body is `body`: `requested` when
// it is not kAuto; otherwise mdx for a ".mdx" file, or a body whose first
// content line is an ES import / export statement (Docusaurus reads .md as
// MDX). Else, counting outside fenced code and code spans: liquid when
// Liquid tags ("{%") outnumber Hugo shortcodes ("{{<", "{{%"), hugo when
// there are shortcodes, liquid when there is "{{" output or a kramdown "{:"
// attribute list, none otherwise. O(size of body).
Templating ResolveTemplating(Templating requested, std::string_view path,
                             std::string_view body);

// A stretch of the file that is not prose, as byte offsets [begin, end).
struct TemplateSpan {
  size_t begin = 0;
  size_t end = 0;
};

enum class ScopeKind {
  kTabSet,   // a group of tabs: the tabs are its child scopes
  kTab,      // one tab: content shown instead of its siblings'
  kDetails,  // collapsible content
  kAside,    // an admonition or callout: note, tip, warning...
};

// "tab-set", "tab", "details" or "aside".
std::string_view ScopeKindName(ScopeKind kind);

// A construct that groups a stretch of the draft.
struct Scope {
  ScopeKind kind = ScopeKind::kAside;
  // The construct as written: "tabpane", "tab", "TabItem", "alert", "tip",
  // "NOTE" (a GitHub alert).
  std::string name;
  // What readers see on it: the tab's header, the aside's title; "" when
  // it has none.
  std::string label;
  size_t begin = 0;   // byte offset of the opening markup
  size_t end = 0;     // byte offset just past the closing markup
  int parent = -1;    // index of the enclosing scope, -1 at the top
  SourceRange range;  // [begin, end) in lines and columns (Document sets it)
};

// An HTML heading element written as JSX at the top level of an MDX draft,
// on one line ("<h3>Flags</h3>", as astro-docs/reference/cli-reference.mdx
// titles its flag lists): part of the page's outline, as a Markdown
// heading is.
struct ElementHeading {
  int level = 1;          // 1..6, from the element's name
  size_t begin = 0;       // the '<' of the opening tag
  size_t end = 0;         // just past the closing tag's '>'
  size_t text_begin = 0;  // the content between the tags
  size_t text_end = 0;
};

struct TemplateLayout {
  // Sorted by begin, disjoint and not adjacent (touching spans are merged).
  std::vector<TemplateSpan> non_prose;
  // Sorted by begin; an enclosing scope comes before the scopes it holds.
  // `range` is left unset; `parent` is set.
  std::vector<Scope> scopes;
  // In file order (MDX only).
  std::vector<ElementHeading> headings;
};

// Scans `text` (a whole draft file) from byte `body_begin` (just after the
// front matter) for the markup of `dialect`, which must be resolved (not
// kAuto; kNone finds nothing). Offsets in the result are bytes of `text`.
// Never fails: what does not parse as a construct is left as text, and an
// opening tag without its closing one makes no scope. O(size of text)
// except for constructs scanned more than once, each bounded to 64 KiB.
// Thread-safe.
TemplateLayout ScanTemplating(std::string_view text, size_t body_begin,
                              Templating dialect);

// `text` (one line of plain text, such as a heading's or a link's text) with
// the templating of `dialect` in it removed; when something was removed,
// runs of blanks are folded to one space and the result is trimmed, else
// `text` comes back as it is. Code spans are not recognised: pass text
// without them. Thread-safe.
std::string StripTemplating(std::string_view text, Templating dialect);

// `spans` sorted by begin, with overlapping and touching ones merged.
std::vector<TemplateSpan> MergeSpans(std::vector<TemplateSpan> spans);

// Sorts `scopes` by begin (of two that begin together, the longer first)
// and sets each one's `parent` to the closest scope that holds it whole.
// Scopes must nest or be disjoint; one that overlaps another without
// nesting gets the one before it as parent only if it lies inside it.
void NestScopes(std::vector<Scope>& scopes);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_TEMPLATING_H_
