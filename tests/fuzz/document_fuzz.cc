// Fuzzes the document parser: front matter + Markdown + source-range
// mapping. Any bytes must parse without a crash, hang or sanitizer report,
// and every range must lie inside the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/document/document.h"
#include "tests/fuzz/range_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proofgate::ParseOptions options;
  options.max_bytes = 256 * 1024;
  const auto doc = proofgate::Document::Parse(
      "fuzz.md", std::string(reinterpret_cast<const char*>(data), size),
      options);
  proofgate::fuzz::CheckDocumentRanges(*doc);
  for (const auto& block : doc->blocks()) {
    // Locate must accept every offset of the block's text.
    (void)doc->Locate(block, 0, block.text.size());
    (void)doc->Excerpt(block.range);
  }
  return 0;
}
