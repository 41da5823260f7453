// Fuzzes the whole verifier: a draft of any bytes through every check of the
// shipped default rulebook.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "rules/rulebook.h"
#include "rules/verifier.h"
#include "tests/fuzz/range_invariants.h"

namespace {

const proofgate::Rulebook& DefaultRulebook() {
  static const proofgate::RulebookLoad load = proofgate::LoadRulebook(
      std::string(PROOFGATE_BOOKS_DIR) + "/default.yaml");
  if (!load.rulebook) {
    for (const auto& e : load.errors) {
      std::fprintf(stderr, "%s\n", e.ToString().c_str());
    }
    std::abort();
  }
  return *load.rulebook;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proofgate::ParseOptions options;
  options.max_bytes = 256 * 1024;
  const auto doc = proofgate::Document::Parse(
      "fuzz.md", std::string(reinterpret_cast<const char*>(data), size),
      options);
  const proofgate::Verification v = proofgate::Verify(DefaultRulebook(), *doc);
  for (const proofgate::Finding& f : v.findings) {
    if (f.confidence < 0 || f.confidence > 1) std::abort();
    if (doc->parsed()) proofgate::fuzz::CheckRange(*doc, f.range, "finding");
  }
  return 0;
}
