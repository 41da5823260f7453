// Template tags: readers for the curly-brace markup that static-site
// generators put around Markdown. Hugo shortcodes ({{< name >}},
// {{% name %}}, their /closing forms and the {{</* escaped */>}} form),
// Liquid tags ({% name args %}) and output ({{ expression }}), and kramdown
// attribute lists ({: .note}).
//
// Each reader looks at exactly one place: it reads the construct that
// starts at byte `at` of `text` and returns its extent and parts, or
// nullopt when the bytes there are not one (an unclosed "{{<" is text). A
// construct may span lines (Liquid includes with one argument per line),
// but never more than `max_bytes` bytes, so a stray opener costs bounded
// time. Pure functions: thread-safe, no allocation beyond the result.
#ifndef PROOFGATE_CHECKS_DOCUMENT_TEMPLATE_TAGS_H_
#define PROOFGATE_CHECKS_DOCUMENT_TEMPLATE_TAGS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace proofgate {

// One tag as written.
struct TemplateTag {
  size_t begin = 0;  // byte offset of the first '{'
  size_t end = 0;    // byte offset just past the last '}'
  // The tag's name: "tabpane", "tab", "include", "endraw" (Liquid closers
  // keep their "end" prefix), "blocks/section"; "" for Liquid output, an
  // escaped shortcode and an attribute list.
  std::string name;
  // The arguments after the name, trimmed: `header="Java" lang=java`.
  std::string args;
  bool closing = false;       // a Hugo closing shortcode, {{< /tab >}}
  bool self_closing = false;  // a Hugo self-closing shortcode, {{< x />}}
};

// Hugo shortcode at `at` ("{{<" or "{{%"), escaped ones included.
std::optional<TemplateTag> ReadHugoShortcode(std::string_view text, size_t at,
                                             size_t max_bytes);

// Liquid tag at `at` ("{%" or "{%-"; not "{{%", which is Hugo's).
std::optional<TemplateTag> ReadLiquidTag(std::string_view text, size_t at,
                                         size_t max_bytes);

// Liquid output, or a Go template action in Hugo content, at `at`:
// "{{ ... }}" (not "{{<" or "{{%"). `args` holds the expression, trimmed.
std::optional<TemplateTag> ReadTemplateOutput(std::string_view text, size_t at,
                                              size_t max_bytes);

// kramdown attribute list or extension at `at`: "{:" up to the next '}'
// on the same line ({: .note}, {: #id .class}, {:toc}, {::comment}).
std::optional<TemplateTag> ReadKramdownAttributes(std::string_view text,
                                                  size_t at);

// The value of argument `key` in `args` (`key=value`, `key="value"` or
// `key='value'`), else the positional argument number `position` (0-based,
// counting only arguments without '='), unquoted; "" when neither is there.
// `position` < 0 looks up the key only.
std::string TagArgument(std::string_view args, std::string_view key,
                        int position);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_DOCUMENT_TEMPLATE_TAGS_H_
