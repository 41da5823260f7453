#include "checks/document/text_compare.h"

#include "checks/ascii.h"

namespace proofgate {

std::string FoldForCompare(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += AsciiLower(c);
  }
  return out;
}

}  // namespace proofgate
