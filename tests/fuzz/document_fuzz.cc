// Fuzzes the document parser: front matter + Markdown + source-range
// mapping. Any bytes must parse without a crash, hang or sanitizer report,
// and every range must lie inside the input.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/document/document.h"
#include "tests/fuzz/range_invariants.h"

namespace {

// Parses `bytes` as the draft `path` (whose extension and content choose
// the templating dialect) and checks every range.
void ParseAndCheck(const char* path, const std::string& bytes) {
  proofgate::ParseOptions options;
  options.max_bytes = 256 * 1024;
  const auto doc = proofgate::Document::Parse(path, bytes, options);
  proofgate::fuzz::CheckDocumentRanges(*doc);
  for (const auto& block : doc->blocks()) {
    // Locate must accept every offset of the block's text.
    (void)doc->Locate(block, 0, block.text.size());
    (void)doc->Excerpt(block.range);
  }
}

}  // namespace

// Each input is read twice: as a Markdown draft (Hugo or Liquid when its
// content says so) and as an MDX page.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  ParseAndCheck("fuzz.md", bytes);
  ParseAndCheck("fuzz.mdx", bytes);
  return 0;
}
