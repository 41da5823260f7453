// Drafts verified on several threads at once (as `proofgate check -j N`
// and the daemon's workers do) get exactly the findings they get one at a
// time: parsing shares no writable state between threads, and checks and
// rulebooks are immutable once built. Over a quarter of the shared corpus
// with the shipped default rulebook; run under ThreadSanitizer
// (-DPROOFGATE_SANITIZE=thread) it also shows no data race.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "checks/document/document.h"
#include "rules/rulebook.h"
#include "rules/verifier.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

// Every finding of a verification, one line each.
std::string Summary(const Verification& v) {
  std::string out;
  for (const Finding& f : v.findings) {
    out += f.rule + " " + std::to_string(f.range.line) + ":" +
           std::to_string(f.range.column) + "-" +
           std::to_string(f.range.end_line) + ":" +
           std::to_string(f.range.end_column) + " " + f.message + "\n";
  }
  return out;
}

TEST(ParallelVerifyTest, ThreadsFindWhatOneThreadFinds) {
  PROOFGATE_REQUIRE_CORPUS();
  const RulebookLoad load = LoadRulebook(fs::path(BooksDir()) / "default.yaml");
  ASSERT_NE(load.rulebook, nullptr);
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(CorpusDir())) {
    if (e.is_regular_file() && e.path().extension() == ".md") {
      paths.push_back(e.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (size_t i = 0; i < paths.size(); i += 4) {
    texts.push_back(testing::ReadFile(paths[i]));
  }
  auto verify = [&](size_t i) {
    const auto doc = Document::Parse("d.md", texts[i]);
    return Summary(Verify(*load.rulebook, *doc));
  };
  std::vector<std::string> expected(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) expected[i] = verify(i);

  std::vector<std::string> got(texts.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < texts.size(); i = next++) got[i] = verify(i);
    });
  }
  for (auto& t : threads) t.join();
  int differ = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    if (got[i] != expected[i] && ++differ <= 3) {
      ADD_FAILURE() << "draft " << i << " expected:\n"
                    << expected[i] << "got:\n"
                    << got[i];
    }
  }
  EXPECT_EQ(differ, 0) << "of " << texts.size() << " drafts";
}

}  // namespace
}  // namespace proofgate
