// The bad-input catalogue (tests/fixtures/bad/README.md): hostile and broken
// drafts through `proofgate check` and through the daemon. Each must get its
// expected verdict and input/ finding, in bounded memory, without a crash.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/daemon_process.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

using ::proofgate::testing::DaemonProcess;
using ::proofgate::testing::FindRouted;
using ::proofgate::testing::ReadFile;
using ::proofgate::testing::TempDir;
using ::proofgate::testing::WaitFor;
namespace fs = std::filesystem;

// Peak memory allowed for checking the whole catalogue. AddressSanitizer's
// shadow memory and quarantine (256 MiB by default) take several times
// more: 1.04 GiB was measured under ASan + UBSan on a 2-core machine, so
// its bound is 2 GiB; the alias bomb, if anything expanded it, would need
// tens of GiB either way.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kMaxRssKib = 2 * 1024 * 1024;
#else
constexpr long kMaxRssKib = 256 * 1024;
#endif

struct Expectation {
  std::string verdict;  // pass | fail | review
  std::string rule;     // a rule id that must be among the findings, or ""
};

// The catalogue: committed files in tests/fixtures/bad/, plus the large ones
// this test generates (see GenerateLarge).
const std::map<std::string, Expectation>& Catalogue() {
  static const std::map<std::string, Expectation> entries = {
      {"empty.md", {"fail", "metadata/missing-key"}},
      {"only-dashes.md", {"fail", "input/front-matter-unterminated"}},
      {"unterminated-front-matter.md",
       {"fail", "input/front-matter-unterminated"}},
      {"front-matter-list.md", {"fail", "input/front-matter-not-a-map"}},
      {"front-matter-scalar.md", {"fail", "input/front-matter-not-a-map"}},
      {"yaml-alias-bomb.md", {"fail", "input/front-matter-too-complex"}},
      {"toml-unterminated.md", {"fail", "input/front-matter-unterminated"}},
      {"toml-invalid.md", {"fail", "input/front-matter-invalid"}},
      {"toml-deep-tables.md", {"fail", "input/front-matter-too-complex"}},
      {"toml-dotted-keys.md", {"fail", "input/front-matter-too-complex"}},
      {"json-unterminated.md", {"fail", "input/front-matter-unterminated"}},
      {"json-invalid.md", {"fail", "input/front-matter-invalid"}},
      {"json-deep-nesting.md", {"fail", "input/front-matter-too-complex"}},
      {"nul-bytes.md", {"fail", "input/nul-byte"}},
      {"overlong-utf8.md", {"fail", "input/invalid-utf8"}},
      {"lone-surrogate.md", {"fail", "input/invalid-utf8"}},
      {"mixed-line-endings.md", {"pass", ""}},
      {"bom-in-the-middle.md", {"pass", ""}},
      {"templating-across-lines.md", {"pass", ""}},
      {"unclosed-code-fence.md", {"pass", ""}},
      {"deep-blockquotes.md", {"fail", "input/too-deep"}},
      {"deep-lists.md", {"fail", "input/too-deep"}},
      {"one-mebibyte-line.md", {"pass", ""}},
      {"every-heading-level-10000-times.md", {"fail", "headings/multiple-h1"}},
      {"long-url.md", {"pass", ""}},
  };
  return entries;
}

void GenerateLarge(const fs::path& dir) {
  const std::string title = "---\ntitle: A generated hostile draft\n---\n";
  auto write = [&](const std::string& name, const std::string& body) {
    testing::WriteFile(dir / name, body);
  };
  write("deep-blockquotes.md", title + std::string(10000, '>') + " deep\n");
  std::string lists;
  for (int i = 0; i < 10000; ++i) lists += "- ";
  write("deep-lists.md", title + lists + "deep\n");
  write("one-mebibyte-line.md",
        title + "# Title\n\n" + std::string(1 << 20, 'a') + "\n");
  std::string headings = title;
  for (int i = 0; i < 10000; ++i) {
    for (int level = 1; level <= 6; ++level) {
      headings += std::string(level, '#') + " Heading\n\n";
    }
  }
  write("every-heading-level-10000-times.md", headings);
  std::string dotted = "+++\ntitle = \"A generated hostile draft\"\na";
  for (int i = 0; i < 100000; ++i) dotted += ".a";
  write("toml-dotted-keys.md", dotted + " = 1\n+++\n# Title\n");
  write("json-deep-nesting.md",
        "{\"title\": \"A generated hostile draft\", "
        "\"a\": " +
            std::string(1000000, '[') + std::string(1000000, ']') +
            "}\n# Title\n");
  write("long-url.md", title +
                           "# Title\n\nSee [the page](https://example.com/" +
                           std::string(100 * 1024, 'p') + ") for more.\n");
}

fs::path PrepareCatalogue(const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& entry :
       fs::directory_iterator(fs::path(FixturesDir()) / "bad")) {
    if (entry.path().extension() == ".md" &&
        entry.path().filename() != "README.md") {
      fs::copy_file(entry.path(), dir / entry.path().filename());
    }
  }
  GenerateLarge(dir);
  return dir;
}

// Runs `proofgate check --format json DIR`; returns its exit code, output
// and peak resident memory in KiB.
struct CheckRun {
  int exit_code = -1;
  std::string out;
  long max_rss_kib = 0;
};

CheckRun RunCheck(const fs::path& dir, const fs::path& out_file) {
  CheckRun run;
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    execl(ProofgateBinary().c_str(), ProofgateBinary().c_str(), "check",
          "--format", "json", dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  run.exit_code =
      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.max_rss_kib = usage.ru_maxrss;
  run.out = ReadFile(out_file);
  return run;
}

TEST(BadInputTest, CatalogueThroughCheck) {
  TempDir tmp;
  const fs::path dir = PrepareCatalogue(tmp.path() / "drafts");
  const CheckRun run = RunCheck(dir, tmp.path() / "report.json");
  ASSERT_EQ(run.exit_code, 1) << run.out.substr(0, 2000);
  // The largest input is 1 MiB; the alias bomb would expand to 387 million
  // nodes if anything expanded it.
  EXPECT_LT(run.max_rss_kib, kMaxRssKib);
  const auto report = nlohmann::json::parse(run.out);
  std::set<std::string> seen;
  for (const auto& draft : report["drafts"]) {
    const std::string name =
        fs::path(draft["path"].get<std::string>()).filename();
    seen.insert(name);
    auto it = Catalogue().find(name);
    ASSERT_NE(it, Catalogue().end()) << "not in the catalogue: " << name;
    EXPECT_EQ(draft["verdict"], it->second.verdict) << name;
    std::set<std::string> rules;
    for (const auto& f : draft["findings"]) rules.insert(f["rule"]);
    if (!it->second.rule.empty()) {
      EXPECT_TRUE(rules.count(it->second.rule))
          << name << " lacks " << it->second.rule << "; has "
          << ::testing::PrintToString(rules);
    }
    for (const std::string& rule : rules) {
      if (rule.starts_with("input/")) {
        EXPECT_EQ(rule, it->second.rule) << name;
      }
    }
  }
  EXPECT_EQ(seen.size(), Catalogue().size());
}

TEST(BadInputTest, CatalogueThroughTheDaemon) {
  TempDir tmp;
  const fs::path drafts = PrepareCatalogue(tmp.path() / "drafts");
  const fs::path spool = tmp.path() / "spool";
  DaemonProcess daemon({"--spool", spool.string()}, tmp.path() / "log");
  ASSERT_TRUE(WaitFor([&] { return fs::exists(spool / "inbox"); }));
  for (const auto& [name, expectation] : Catalogue()) {
    // Saved under a temporary name, then renamed, as editors do.
    fs::copy_file(drafts / name, spool / "inbox" / ("." + name + ".tmp"));
    fs::rename(spool / "inbox" / ("." + name + ".tmp"), spool / "inbox" / name);
  }
  for (const auto& [name, expectation] : Catalogue()) {
    ASSERT_TRUE(WaitFor([&] { return FindRouted(spool, name).copies == 1; }))
        << name << "\n"
        << daemon.Log();
    const auto routed = FindRouted(spool, name);
    // Bad input and failures go to the exception queue, never lost.
    EXPECT_EQ(routed.area, expectation.verdict == "pass" ? "ready" : "review")
        << name;
    EXPECT_EQ(routed.record["verdict"], expectation.verdict) << name;
    EXPECT_EQ(routed.record["draft"]["sha256"],
              Sha256Hex(ReadFile(drafts / name)))
        << name;
  }
  daemon.Signal(SIGTERM);
  EXPECT_EQ(daemon.Wait(), 0);
}

}  // namespace
}  // namespace proofgate
