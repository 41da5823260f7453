#include "checks/document/mdx_syntax.h"

#include <algorithm>

namespace proofgate {

namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsSpace(char c) { return IsBlank(c) || c == '\n' || c == '\r'; }
bool IsLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Characters of JSX element and attribute names after the first
// (letters, digits, and the separators of member and namespaced names).
bool IsNameChar(char c) {
  return IsLetter(c) || IsDigit(c) || c == '_' || c == '.' || c == ':' ||
         c == '-' || c == '$';
}

// One past the end of the JavaScript string, template literal or comment
// starting at `i` (a quote, '`', "//" or "/*"), or `i` when none starts
// there; `limit` when it does not end before it.
size_t SkipJsToken(std::string_view text, size_t i, size_t limit) {
  const char c = text[i];
  if (c == '"' || c == '\'' || c == '`') {
    for (size_t k = i + 1; k < limit; ++k) {
      if (text[k] == '\\') {
        ++k;
      } else if (text[k] == c) {
        return k + 1;
      } else if (c != '`' && text[k] == '\n') {
        return k;  // not a string after all: JavaScript strings are one line
      }
    }
    return limit;
  }
  if (c == '/' && i + 1 < limit && text[i + 1] == '/') {
    const size_t eol = text.substr(0, limit).find('\n', i);
    return eol == kNpos ? limit : eol;
  }
  if (c == '/' && i + 1 < limit && text[i + 1] == '*') {
    const size_t close = text.substr(0, limit).find("*/", i + 2);
    return close == kNpos ? limit : close + 2;
  }
  return i;
}

// Reads one attribute value at `i` (a string or an expression) into
// `value` (strings only); returns one past it, or npos. `reached` grows to
// the farthest offset read.
size_t ReadAttributeValue(std::string_view text, size_t i, size_t limit,
                          std::string& value, size_t& reached) {
  if (i >= limit) return kNpos;
  if (text[i] == '"' || text[i] == '\'') {
    const size_t close = text.substr(0, limit).find(text[i], i + 1);
    reached = std::max(reached, close == kNpos ? limit : close);
    if (close == kNpos) return kNpos;
    value = std::string(text.substr(i + 1, close - i - 1));
    return close + 1;
  }
  if (text[i] == '{') {
    size_t scanned = 0;
    const size_t end = ReadJsxExpression(text, i, limit - i, &scanned);
    reached = std::max(reached, i + scanned);
    return end;
  }
  return kNpos;
}

// Reads the attributes of an opening tag from `i` to its '>' or "/>".
// Returns one past the tag, or npos when it is not well-formed. `reached`
// grows to the farthest offset read.
size_t ReadAttributes(std::string_view text, size_t i, size_t limit,
                      JsxTag& tag, size_t& reached) {
  while (true) {
    while (i < limit && IsSpace(text[i])) ++i;
    reached = std::max(reached, i);
    if (i >= limit) return kNpos;
    if (text[i] == '>') return i + 1;
    if (text[i] == '/') {
      if (i + 1 < limit && text[i + 1] == '>') {
        tag.self_closing = true;
        return i + 2;
      }
      return kNpos;
    }
    if (text[i] == '{') {  // {...spread}
      size_t scanned = 0;
      const size_t end = ReadJsxExpression(text, i, limit - i, &scanned);
      reached = std::max(reached, i + scanned);
      if (end == kNpos) return kNpos;
      i = end;
      continue;
    }
    if (!IsLetter(text[i]) && text[i] != '_' && text[i] != '$') return kNpos;
    const size_t name_begin = i;
    while (i < limit && IsNameChar(text[i])) ++i;
    std::string name(text.substr(name_begin, i - name_begin));
    size_t k = i;
    while (k < limit && IsSpace(text[k])) ++k;
    if (k < limit && text[k] == '=') {
      ++k;
      while (k < limit && IsSpace(text[k])) ++k;
      std::string value;
      i = ReadAttributeValue(text, k, limit, value, reached);
      if (i == kNpos) return kNpos;
      tag.attributes.emplace_back(std::move(name), std::move(value));
    } else {
      tag.attributes.emplace_back(std::move(name), "");
    }
  }
}

// ReadJsxTag() without the accounting: `reached` grows to the farthest
// offset read.
std::optional<JsxTag> ReadJsxTagUpTo(std::string_view text, size_t at,
                                     size_t max_bytes, size_t& reached) {
  const size_t limit = std::min(text.size(), at + max_bytes);
  if (at + 1 >= limit || text[at] != '<') return std::nullopt;
  JsxTag tag;
  tag.begin = at;
  size_t i = at + 1;
  if (text[i] == '/') {
    tag.closing = true;
    ++i;
  }
  while (tag.closing && i < limit && IsBlank(text[i])) ++i;
  if (i < limit && text[i] == '>') {  // a fragment, <> or </>
    tag.end = i + 1;
    return tag;
  }
  if (i >= limit || !IsLetter(text[i])) return std::nullopt;
  const size_t name_begin = i;
  while (i < limit && IsNameChar(text[i])) ++i;
  reached = i;
  tag.name = std::string(text.substr(name_begin, i - name_begin));
  if (tag.closing) {
    while (i < limit && IsSpace(text[i])) ++i;
    reached = i;
    if (i >= limit || text[i] != '>') return std::nullopt;
    tag.end = i + 1;
    return tag;
  }
  if (i < limit && !IsSpace(text[i]) && text[i] != '>' && text[i] != '/' &&
      text[i] != '{') {
    return std::nullopt;  // "<https://...>", "<user@host>": not JSX
  }
  const size_t end = ReadAttributes(text, i, limit, tag, reached);
  if (end == kNpos) return std::nullopt;
  tag.end = end;
  return tag;
}

}  // namespace

std::string JsxTag::Attribute(std::string_view key) const {
  for (const auto& [name, value] : attributes) {
    if (name == key) return value;
  }
  return "";
}

std::optional<JsxTag> ReadJsxTag(std::string_view text, size_t at,
                                 size_t max_bytes, size_t* scanned) {
  size_t reached = at;
  std::optional<JsxTag> tag = ReadJsxTagUpTo(text, at, max_bytes, reached);
  if (scanned != nullptr) {
    *scanned = (tag ? tag->end : std::max(reached + 1, at + 1)) - at;
  }
  return tag;
}

size_t ReadJsxExpression(std::string_view text, size_t at, size_t max_bytes,
                         size_t* scanned) {
  const size_t limit = std::min(text.size(), at + max_bytes);
  if (at >= limit || text[at] != '{') {
    if (scanned != nullptr) *scanned = 1;
    return kNpos;
  }
  int depth = 0;
  for (size_t i = at; i < limit;) {
    const size_t skipped = SkipJsToken(text, i, limit);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (text[i] == '{') {
      ++depth;
    } else if (text[i] == '}' && --depth == 0) {
      if (scanned != nullptr) *scanned = i + 1 - at;
      return i + 1;
    }
    ++i;
  }
  if (scanned != nullptr) *scanned = limit - at;
  return kNpos;
}

bool StartsEsmStatement(std::string_view text, size_t at) {
  for (std::string_view keyword : {"import", "export"}) {
    if (text.substr(at, keyword.size()) != keyword) continue;
    const size_t next = at + keyword.size();
    if (next < text.size() &&
        (IsBlank(text[next]) || text[next] == '{' || text[next] == '*')) {
      return true;
    }
  }
  return false;
}

size_t ReadEsmStatement(std::string_view text, size_t at, size_t max_bytes) {
  const size_t limit = std::min(text.size(), at + max_bytes);
  int depth = 0;
  for (size_t i = at; i < limit;) {
    const char c = text[i];
    if ((c == '\n' || c == '\r') && depth <= 0) return i;
    const size_t skipped = SkipJsToken(text, i, limit);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (c == '{' || c == '(' || c == '[') ++depth;
    if (c == '}' || c == ')' || c == ']') --depth;
    ++i;
  }
  return limit;
}

std::optional<DirectiveLine> ReadDirectiveLine(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && IsBlank(line[i])) ++i;
  size_t colons = 0;
  while (i + colons < line.size() && line[i + colons] == ':') ++colons;
  if (colons < 3) return std::nullopt;
  std::string_view rest = line.substr(i + colons);
  while (!rest.empty() && IsSpace(rest.back())) rest.remove_suffix(1);
  DirectiveLine d;
  if (rest.find_first_not_of(" \t") == kNpos) {
    d.closing = true;
    return d;
  }
  if (rest.size() >= 3 && rest.substr(rest.size() - 3) == ":::") {
    return std::nullopt;
  }
  while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
  size_t n = 0;
  if (rest.empty() || !IsLetter(rest[0])) return std::nullopt;
  while (n < rest.size() && (IsLetter(rest[n]) || IsDigit(rest[n]) ||
                             rest[n] == '-' || rest[n] == '_')) {
    ++n;
  }
  d.name = std::string(rest.substr(0, n));
  rest = rest.substr(n);
  if (!rest.empty() && rest.front() == '[') {
    const size_t close = rest.rfind(']');
    if (close == kNpos) return std::nullopt;
    d.label = std::string(rest.substr(1, close - 1));
  } else if (!rest.empty() && rest.front() != '{') {
    while (!rest.empty() && IsBlank(rest.front())) rest.remove_prefix(1);
    d.label = std::string(rest);
  }
  return d;
}

}  // namespace proofgate
