#include "checks/matching/templating.h"

namespace proofgate {

std::string MaskTemplating(std::string_view text) {
  std::string out(text);
  size_t at = 0;
  while (at + 1 < out.size()) {
    const size_t open = out.find('{', at);
    if (open == std::string::npos || open + 1 >= out.size()) break;
    const char kind = out[open + 1];
    if (kind != '{' && kind != '%') {
      at = open + 1;
      continue;
    }
    const std::string_view close = kind == '{' ? "}}" : "%}";
    size_t end = out.find(close, open + 2);
    end = end == std::string::npos ? out.size() : end + close.size();
    for (size_t i = open; i < end; ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
    at = end;
  }
  return out;
}

}  // namespace proofgate
