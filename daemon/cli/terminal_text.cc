#include "daemon/cli/terminal_text.h"

#include "checks/document/utf8.h"

namespace proofgate {

namespace {

constexpr std::string_view kReplacement = "\uFFFD";

// Appends well-formed UTF-8 `text` with its control characters replaced.
void AppendValid(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      out += kReplacement;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // U+0080..U+009F are C2 80..C2 9F in UTF-8 (C2 is never a
      // continuation byte, so this is the start of a character).
      out += kReplacement;
      ++i;
    } else {
      out += text[i];
    }
  }
}

}  // namespace

std::string TerminalSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const size_t bad = FirstInvalidUtf8(text);
    AppendValid(text.substr(0, bad), out);
    if (bad == std::string_view::npos) break;
    out += kReplacement;
    text.remove_prefix(bad + 1);
  }
  return out;
}

}  // namespace proofgate
