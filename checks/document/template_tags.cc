#include "checks/document/template_tags.h"

#include <algorithm>

namespace proofgate {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Offset of `closer` in `text` at or after `from`, looking no further than
// `max_bytes` past `at`; npos when it is not there.
size_t FindCloser(std::string_view text, size_t at, size_t from,
                  std::string_view closer, size_t max_bytes) {
  const size_t limit = std::min(text.size(), at + max_bytes);
  if (from > limit) return std::string_view::npos;
  const size_t found = text.substr(0, limit).find(closer, from);
  return found;
}

// Splits `inner` (a tag's body, trimmed) into a name, the run up to the
// first blank, and the arguments after it.
void SplitNameAndArgs(std::string_view inner, TemplateTag& tag) {
  size_t n = 0;
  while (n < inner.size() && !IsSpace(inner[n])) ++n;
  tag.name = std::string(inner.substr(0, n));
  tag.args = std::string(Trim(inner.substr(n)));
}

}  // namespace

std::optional<TemplateTag> ReadHugoShortcode(std::string_view text, size_t at,
                                             size_t max_bytes) {
  if (text.size() < at + 3 || text.substr(at, 2) != "{{") return std::nullopt;
  const char delim = text[at + 2];
  if (delim != '<' && delim != '%') return std::nullopt;
  const std::string closer = delim == '<' ? ">}}" : "%}}";
  TemplateTag tag;
  tag.begin = at;
  size_t inner_begin = at + 3;
  while (inner_begin < text.size() && IsSpace(text[inner_begin])) {
    ++inner_begin;
  }
  if (text.substr(inner_begin, 2) == "/*") {
    // {{</* name */>}} shows the shortcode itself on the page.
    const size_t close =
        FindCloser(text, at, inner_begin, "*/" + closer, max_bytes);
    if (close == std::string_view::npos) return std::nullopt;
    tag.end = close + 2 + closer.size();
    return tag;
  }
  const size_t close = FindCloser(text, at, inner_begin, closer, max_bytes);
  if (close == std::string_view::npos) return std::nullopt;
  tag.end = close + closer.size();
  std::string_view inner = Trim(text.substr(inner_begin, close - inner_begin));
  if (!inner.empty() && inner.front() == '/') {
    tag.closing = true;
    inner = Trim(inner.substr(1));
  } else if (!inner.empty() && inner.back() == '/') {
    tag.self_closing = true;
    inner = Trim(inner.substr(0, inner.size() - 1));
  }
  if (inner.empty()) return std::nullopt;
  SplitNameAndArgs(inner, tag);
  return tag;
}

std::optional<TemplateTag> ReadLiquidTag(std::string_view text, size_t at,
                                         size_t max_bytes) {
  if (text.size() < at + 4 || text.substr(at, 2) != "{%") return std::nullopt;
  if (at > 0 && text[at - 1] == '{') return std::nullopt;  // Hugo's {{%
  const size_t close = FindCloser(text, at, at + 2, "%}", max_bytes);
  if (close == std::string_view::npos) return std::nullopt;
  TemplateTag tag;
  tag.begin = at;
  tag.end = close + 2;
  std::string_view inner = text.substr(at + 2, close - at - 2);
  if (!inner.empty() && inner.front() == '-') inner.remove_prefix(1);
  if (!inner.empty() && inner.back() == '-') inner.remove_suffix(1);
  inner = Trim(inner);
  if (inner.empty()) return std::nullopt;
  SplitNameAndArgs(inner, tag);
  return tag;
}

std::optional<TemplateTag> ReadTemplateOutput(std::string_view text, size_t at,
                                              size_t max_bytes) {
  if (text.size() < at + 4 || text.substr(at, 2) != "{{") return std::nullopt;
  if (text[at + 2] == '<' || text[at + 2] == '%') return std::nullopt;
  const size_t close = FindCloser(text, at, at + 2, "}}", max_bytes);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inner = text.substr(at + 2, close - at - 2);
  if (!inner.empty() && inner.front() == '-') inner.remove_prefix(1);
  if (!inner.empty() && inner.back() == '-') inner.remove_suffix(1);
  inner = Trim(inner);
  if (inner.empty()) return std::nullopt;
  TemplateTag tag;
  tag.begin = at;
  tag.end = close + 2;
  tag.args = std::string(inner);
  return tag;
}

std::optional<TemplateTag> ReadKramdownAttributes(std::string_view text,
                                                  size_t at) {
  if (text.size() < at + 3 || text.substr(at, 2) != "{:") return std::nullopt;
  size_t i = at + 2;
  while (i < text.size() && text[i] != '}' && text[i] != '\n' &&
         text[i] != '\r') {
    ++i;
  }
  if (i >= text.size() || text[i] != '}') return std::nullopt;
  TemplateTag tag;
  tag.begin = at;
  tag.end = i + 1;
  tag.args = std::string(Trim(text.substr(at + 2, i - at - 2)));
  return tag;
}

std::string TagArgument(std::string_view args, std::string_view key,
                        int position) {
  int positional = 0;
  std::string found_positional;
  size_t i = 0;
  while (i < args.size()) {
    while (i < args.size() && IsSpace(args[i])) ++i;
    if (i >= args.size()) break;
    // One argument: [name=]value, the value possibly quoted.
    size_t name_end = i;
    while (name_end < args.size() && !IsSpace(args[name_end]) &&
           args[name_end] != '=' && args[name_end] != '"' &&
           args[name_end] != '\'') {
      ++name_end;
    }
    std::string_view name;
    if (name_end < args.size() && args[name_end] == '=') {
      name = args.substr(i, name_end - i);
      i = name_end + 1;
    }
    std::string value;
    if (i < args.size() && (args[i] == '"' || args[i] == '\'')) {
      const char quote = args[i];
      const size_t close = args.find(quote, i + 1);
      const size_t end = close == std::string_view::npos ? args.size() : close;
      value = std::string(args.substr(i + 1, end - i - 1));
      i = end + 1;
    } else {
      const size_t start = i;
      while (i < args.size() && !IsSpace(args[i])) ++i;
      value = std::string(args.substr(start, i - start));
    }
    if (!name.empty() && name == key) return value;
    if (name.empty() && positional++ == position) found_positional = value;
  }
  return found_positional;
}

}  // namespace proofgate
