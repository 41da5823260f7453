// Fuzzes the reader of exec plug-ins' output: any bytes on a plug-in's
// stdout are either findings placed inside the draft or an error message,
// never a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "checks/exec/exec_check.h"
#include "tests/fuzz/range_invariants.h"

namespace {

// A small draft with several lines, multibyte text and front matter, for
// the response's positions to land in (or miss).
const proofgate::Document& Draft() {
  static const auto doc = proofgate::Document::Parse(
      "fuzz.md",
      "---\ntitle: Fuzz\n---\n# Tïtle\n\nA paragraph with a "
      "[link](https://example.com).\n\n- item\n");
  return *doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<proofgate::Finding> findings;
  const std::string error = proofgate::ParseExecResponse(
      std::string_view(reinterpret_cast<const char*>(data), size), Draft(),
      "fuzz", findings);
  if (!error.empty() && !findings.empty()) std::abort();
  for (const proofgate::Finding& f : findings) {
    if (!f.rule.starts_with("exec/fuzz/")) std::abort();
    if (f.confidence < 0 || f.confidence > 1) std::abort();
    proofgate::fuzz::CheckRange(Draft(), f.range, "plug-in finding");
  }
  return 0;
}
