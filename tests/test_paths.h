// For tests: where the test inputs are, read at run time from the JSON file
// that CMake writes into the build folder (tests/CMakeLists.txt) and names
// in each test's environment as PROOFGATE_TEST_PATHS. Kept out of the
// compile command so that test objects are the same in every clone and
// build folder (ccache serves them across clones). Keys:
//
//   fixtures       tests/fixtures
//   books          rules/books, the rulebooks that ship
//   corpus         ../shared/corpus (may be absent: see
//   PROOFGATE_REQUIRE_CORPUS) binary         the proofgate executable under
//   test sarif_schema   the SARIF 2.1.0 JSON schema (installed by
//   scripts/setup)
//
// Outside CTest (PROOFGATE_TEST_PATHS unset, as while CTest lists a suite's
// tests) every path reads "<PROOFGATE_TEST_PATHS unset>", so a test that
// needs one fails naming the cause.
#ifndef PROOFGATE_TESTS_TEST_PATHS_H_
#define PROOFGATE_TESTS_TEST_PATHS_H_

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace proofgate {

// The path named `key` in the PROOFGATE_TEST_PATHS file; the placeholder
// above when the variable is unset; exits with status 2 and a message when
// the file is unreadable or lacks the key. Thread-safe (read once).
inline std::string TestPath(const char* key) {
  static const nlohmann::json paths = [] {
    const char* file = std::getenv("PROOFGATE_TEST_PATHS");
    if (file == nullptr || *file == '\0') return nlohmann::json::object();
    std::ifstream in(file);
    nlohmann::json parsed = nlohmann::json::parse(in, nullptr, false);
    if (!parsed.is_object()) {
      std::fprintf(stderr, "PROOFGATE_TEST_PATHS: cannot read %s\n", file);
      std::exit(2);
    }
    return parsed;
  }();
  if (paths.empty()) return "<PROOFGATE_TEST_PATHS unset>";
  if (!paths.contains(key) || !paths[key].is_string()) {
    std::fprintf(stderr, "PROOFGATE_TEST_PATHS: no \"%s\"\n", key);
    std::exit(2);
  }
  return paths[key].get<std::string>();
}

inline std::string FixturesDir() { return TestPath("fixtures"); }
inline std::string BooksDir() { return TestPath("books"); }
inline std::string CorpusDir() { return TestPath("corpus"); }
inline std::string CorpusFormatsDir() { return TestPath("corpus_formats"); }
inline std::string ProofgateBinary() { return TestPath("binary"); }
inline std::string SarifSchema() { return TestPath("sarif_schema"); }

// True when the shared corpus (../shared/corpus beside the checkout) is
// there; tests that read it skip with RequireCorpus() otherwise, so a
// clone elsewhere still passes.
inline bool CorpusPresent() {
  return std::filesystem::is_directory(CorpusDir());
}

}  // namespace proofgate

// Skips the current test, with the reason, when the shared corpus is absent.
#define PROOFGATE_REQUIRE_CORPUS()                               \
  do {                                                           \
    if (!::proofgate::CorpusPresent()) {                         \
      GTEST_SKIP() << "the shared corpus is not at "             \
                   << ::proofgate::CorpusDir()                   \
                   << " (../shared/corpus beside the checkout)"; \
    }                                                            \
  } while (0)

#endif  // PROOFGATE_TESTS_TEST_PATHS_H_
