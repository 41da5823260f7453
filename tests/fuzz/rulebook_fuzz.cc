// Fuzzes the rulebook loader: any bytes are either a validated rulebook or
// a list of errors, each with a file and a message, never a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "rules/rulebook.h"

namespace {

// One file per fuzzing process, rewritten for every input.
const std::filesystem::path& InputPath() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("proofgate-rulebook-fuzz-" + std::to_string(getpid()) + ".yaml");
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    std::ofstream out(InputPath(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data),
              static_cast<std::streamsize>(size));
  }
  const proofgate::RulebookLoad load = proofgate::LoadRulebook(InputPath());
  if ((load.rulebook == nullptr) == load.errors.empty()) std::abort();
  for (const auto& e : load.errors) {
    if (e.file.empty() || e.message.empty() || e.line < 0 || e.column < 0) {
      std::abort();
    }
  }
  return 0;
}
