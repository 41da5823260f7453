#include "daemon/text/html_escape.h"

#include <array>

#include "checks/document/utf8.h"

namespace proofgate {

namespace {

// The bytes AppendHtmlEscaped() replaces with an entity.
constexpr auto kNeedsEntity = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {'&', '<', '>', '"', '\'', '\0'}) table[c] = true;
  return table;
}();

}  // namespace

void AppendHtmlEscaped(std::string_view text, std::string& out) {
  // Copies runs of plain bytes at once; only the characters that need an
  // entity (or a replacement) are handled one by one.
  while (!text.empty()) {
    const size_t bad = FirstInvalidUtf8(text);
    std::string_view good = text.substr(0, bad);
    while (!good.empty()) {
      size_t special = 0;
      while (special < good.size() &&
             !kNeedsEntity[static_cast<unsigned char>(good[special])]) {
        ++special;
      }
      out.append(good.substr(0, special));
      if (special == good.size()) break;
      switch (good[special]) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:  // NUL
          out += "\u2400";
      }
      good.remove_prefix(special + 1);
    }
    if (bad == std::string_view::npos) break;
    out += "\uFFFD";
    text.remove_prefix(bad + 1);
  }
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendHtmlEscaped(text, out);
  return out;
}

}  // namespace proofgate
