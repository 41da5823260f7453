#include "checks/document/cmark_options.h"

#include <cmark-gfm.h>

#include "checks/document/utf8.h"

namespace proofgate {

int CmarkOptionsFor(std::string_view body) {
  constexpr int kOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES;
  if (FirstInvalidUtf8(body) == std::string_view::npos) return kOptions;
  return kOptions | CMARK_OPT_VALIDATE_UTF8;
}

}  // namespace proofgate
