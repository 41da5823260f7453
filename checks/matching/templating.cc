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
    // A Liquid comment hides everything up to its endcomment tag.
    if (kind == '%' && end != std::string::npos) {
      const std::string_view tag =
          std::string_view(out).substr(open + 2, end - open - 2);
      const size_t word = tag.find_first_not_of(" \t-");
      if (word != std::string_view::npos && tag.substr(word, 7) == "comment") {
        const size_t stop = out.find("endcomment", end);
        end = stop == std::string::npos ? std::string::npos
                                        : out.find(close, stop);
      }
    }
    end = end == std::string::npos ? out.size() : end + close.size();
    for (size_t i = open; i < end; ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
    at = end;
  }
  return out;
}

}  // namespace proofgate
