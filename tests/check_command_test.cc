// End-to-end tests of `proofgate check`: the real binary, real files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "checks/document/utf8.h"
#include "proofgate_version.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

using ::proofgate::testing::TempDir;
using ::testing::HasSubstr;

struct ProcessRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the proofgate binary with `args` (already shell-quoted).
ProcessRun Proofgate(const std::string& args) {
  TempDir tmp;
  const std::string err_file = (tmp.path() / "stderr").string();
  const std::string cmd =
      std::string(ProofgateBinary()) + " " + args + " 2>" + err_file;
  ProcessRun run;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 65536> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    run.out.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream in(err_file);
  std::stringstream ss;
  ss << in.rdbuf();
  run.err = ss.str();
  return run;
}

std::string Quote(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

TEST(CheckCommandTest, PassingDraftExitsZero) {
  TempDir dir;
  dir.Write("docs/ok.md",
            "---\ntitle: A perfectly fine title\n---\n\n## Intro\n\nText.\n");
  const ProcessRun run = Proofgate("check " + Quote(dir.path() / "docs"));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("1 draft: 1 pass, 0 fail, 0 review"));
}

TEST(CheckCommandTest, FailingDraftExitsOneWithCompilerStyleLines) {
  TempDir dir;
  const auto path = dir.Write(
      "bad.md", "---\ntitle: A perfectly fine title\n---\n\n# A\n\n# B\n");
  const ProcessRun run = Proofgate("check " + Quote(path));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_THAT(run.out,
              HasSubstr(path.string() + ":7:1: error: This is a second H1 "
                                        "(the first is on line 5); a draft "
                                        "has one title, so make this an H2. "
                                        "[headings/multiple-h1]\n"));
  EXPECT_THAT(run.out, HasSubstr(path.string() + ": fail (rulebook default"));
}

// The sources family end to end: a rulebook with a trusted_sources list,
// the JSON report's findings with rule, range and confidence, and the
// verdicts they lead to (an orphan footnote fails, an untrusted citation
// goes to review).
TEST(CheckCommandTest, SourcesFindingsInJson) {
  TempDir dir;
  const auto book =
      dir.Write("book.yaml",
                "name: finance\nversion: \"3\"\nchecks:\n  sources:\n"
                "    trusted_sources: [.sec.gov]\n");
  const auto footnote =
      dir.Write("drafts/footnote.md", "# Rates\n\nRates rose[^1].\n");
  const auto cited = dir.Write(
      "drafts/cited.md",
      "# Rates\n\nAccording to [a blog](https://blog.example.net/r), rates "
      "rose.\n");
  const ProcessRun run =
      Proofgate("check --format json --rules " + Quote(book) + " " +
                Quote(dir.path() / "drafts"));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const nlohmann::json report = nlohmann::json::parse(run.out);
  std::map<std::string, nlohmann::json> drafts;
  for (const auto& d : report["drafts"]) {
    drafts[std::filesystem::path(d["path"].get<std::string>())
               .filename()
               .string()] = d;
  }
  ASSERT_EQ(drafts.size(), 2u) << run.out;
  const nlohmann::json& f1 = drafts["footnote.md"];
  EXPECT_EQ(f1["verdict"], "fail");
  ASSERT_EQ(f1["findings"].size(), 1u);
  EXPECT_EQ(f1["findings"][0]["rule"], "sources/orphan-footnote");
  EXPECT_EQ(f1["findings"][0]["line"], 3);
  EXPECT_EQ(f1["findings"][0]["column"], 11);
  const nlohmann::json& f2 = drafts["cited.md"];
  EXPECT_EQ(f2["verdict"], "review");
  ASSERT_EQ(f2["findings"].size(), 1u);
  EXPECT_EQ(f2["findings"][0]["rule"], "sources/untrusted-source");
  EXPECT_EQ(f2["findings"][0]["confidence"], 0.5);
  EXPECT_THAT(f2["findings"][0]["message"].get<std::string>(),
              HasSubstr("blog.example.net"));
}

TEST(CheckCommandTest, FailOnWarningAndReview) {
  TempDir dir;
  // A title over 60 characters: a warning under the default rulebook.
  const auto path =
      dir.Write("long.md", "---\ntitle: " + std::string(70, 'x') + "\n---\n");
  EXPECT_EQ(Proofgate("check " + Quote(path)).exit_code, 0);
  EXPECT_EQ(Proofgate("check --fail-on warning " + Quote(path)).exit_code, 1);
}

// An escalation is a `review` verdict: visible in the report, exit 0 unless
// --fail-on review, which a CI gate for escalated drafts uses.
TEST(CheckCommandTest, EscalationIsReviewAndFailsOnlyOnReview) {
  TempDir dir;
  const auto book = dir.Write(
      "book.yaml",
      "name: finance\nversion: \"3\"\nowner: {name: Compliance desk}\n"
      "checks:\n  escalate:\n    rules:\n      - id: legal\n"
      "        when: {terms: [lawsuit]}\n        reviewer: legal\n");
  const auto path = dir.Write("news.md", "We face a lawsuit.\n");
  const std::string args = "--rules " + Quote(book) + " " + Quote(path);
  const ProcessRun run = Proofgate("check " + args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("[escalate/legal] (confidence 0%)"));
  EXPECT_THAT(run.out, HasSubstr(": review (rulebook finance 3), escalated "
                                 "to legal\n"));
  EXPECT_EQ(Proofgate("check --fail-on review " + args).exit_code, 1);
  const ProcessRun json = Proofgate("check --format json " + args);
  EXPECT_THAT(json.out, HasSubstr("\"reviewers\": [\n        \"legal\"\n"));
  EXPECT_THAT(json.out, HasSubstr("\"name\": \"Compliance desk\""));
}

TEST(CheckCommandTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Proofgate("check /nonexistent/path.md").exit_code, 2);
  EXPECT_EQ(Proofgate("check --format yaml .").exit_code, 2);
  EXPECT_EQ(Proofgate("").exit_code, 2);
}

TEST(CheckCommandTest, VersionIsTheProjectVersion) {
  const ProcessRun run = Proofgate("--version");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "proofgate " + std::string(kProofgateVersion) + "\n");
}

TEST(CheckCommandTest, InvalidRulebookExitsTwoWithLocation) {
  TempDir dir;
  const auto book = dir.Write("book.yaml", "name: x\nversion: 1\nroute: 1\n");
  const auto draft = dir.Write("a.md", "# A\n");
  const ProcessRun run =
      Proofgate("check --rules " + Quote(book) + " " + Quote(draft));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr(book.string() + ":3:1: unknown key 'route'"));
  EXPECT_EQ(run.out, "");
}

TEST(CheckCommandTest, RulebookTemplatingDecidesWhatIsProse) {
  TempDir dir;
  // A prohibited term inside a Hugo comment shortcode, as
  // opentelemetry-docs/blog/2026/kubecon-eu.md (lines 228-238) hides
  // unfinished sections: readers never see it.
  const auto draft =
      dir.Write("post.md",
                "---\ntitle: A perfectly fine title\n---\n\n{{< comment >}}\n\n"
                "Add the new hosts to the whitelist.\n\n{{< /comment >}}\n");
  const auto hugo =
      dir.Write("hugo.yaml",
                "name: h\nversion: 1\ntemplating: hugo\n"
                "checks:\n  prohibited:\n    lists:\n      - id: words\n"
                "        severity: error\n        message: Say allowlist\n"
                "        terms: [whitelist]\n");
  const auto none =
      dir.Write("none.yaml",
                "name: n\nversion: 1\nextends: hugo.yaml\ntemplating: none\n");
  EXPECT_EQ(
      Proofgate("check --rules " + Quote(hugo) + " " + Quote(draft)).exit_code,
      0);
  const ProcessRun run =
      Proofgate("check --rules " + Quote(none) + " " + Quote(draft));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.out, HasSubstr("[prohibited/words]"));
}

TEST(CheckCommandTest, FoldersExpandToMarkdownAndMdxDrafts) {
  TempDir dir;
  const std::string ok =
      "---\ntitle: A perfectly fine title\n---\n\n## Intro\n\nText.\n";
  dir.Write("docs/a.md", ok);
  dir.Write("docs/b.markdown", ok);
  dir.Write("docs/c.mdx", ok);
  dir.Write("docs/d.txt", ok);
  const ProcessRun run = Proofgate("check " + Quote(dir.path() / "docs"));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("3 drafts: 3 pass, 0 fail, 0 review"));
  const ProcessRun json =
      Proofgate("check --format json " + Quote(dir.path() / "docs"));
  EXPECT_THAT(json.out, HasSubstr("docs/c.mdx\""));
  EXPECT_THAT(json.out, ::testing::Not(HasSubstr("d.txt")));
}

TEST(CheckCommandTest, JsonReportShape) {
  TempDir dir;
  dir.Write("a.md", "---\ntitle: Fine title for a page\n---\n# A\n\n#### B\n");
  dir.Write("b.md", "---\ntitle: Another fine title\n---\n# B\n");
  const ProcessRun run = Proofgate("check --format json " + Quote(dir.path()));
  ASSERT_EQ(run.exit_code, 1) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["version"], 1);
  ASSERT_EQ(j["rulebooks"].size(), 3u);
  EXPECT_EQ(j["rulebooks"][0]["sha256"].get<std::string>().size(), 64u);
  ASSERT_EQ(j["drafts"].size(), 2u);
  const auto& a = j["drafts"][0];
  EXPECT_EQ(a["path"], (dir.path() / "a.md").string());
  EXPECT_EQ(a["rulebook"], "default");
  EXPECT_EQ(a["verdict"], "fail");
  EXPECT_EQ(a["sha256"].get<std::string>().size(), 64u);
  ASSERT_EQ(a["findings"].size(), 1u);
  const auto& f = a["findings"][0];
  EXPECT_EQ(f["rule"], "headings/skipped-level");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["line"], 6);
  EXPECT_EQ(f["column"], 1);
  EXPECT_EQ(f["end_line"], 6);
  EXPECT_EQ(f["end_column"], 7);
  EXPECT_EQ(f["excerpt"], "#### B");
  EXPECT_EQ(f["suggestion"], "## B");
  EXPECT_EQ(f["confidence"], 1.0);
  EXPECT_EQ(j["drafts"][1]["verdict"], "pass");
  EXPECT_EQ(j["summary"],
            (nlohmann::json{{"pass", 1}, {"fail", 1}, {"review", 0}}));
}

TEST(CheckCommandTest, BadInputIsAFindingNotACrash) {
  TempDir dir;
  dir.Write("nul.md", std::string("# A\0B\n", 6));
  dir.Write("latin1.md", "# Caf\xE9\n");
  dir.Write("yaml.md", "---\ntitle: [unclosed\n---\n# A\n");
  dir.Write("big.md", std::string(2000, 'x'));
  const ProcessRun run =
      Proofgate("check --max-bytes 1000 --format json " + Quote(dir.path()));
  ASSERT_EQ(run.exit_code, 1) << run.err;
  const auto j = nlohmann::json::parse(run.out);
  std::map<std::string, std::set<std::string>> rules;
  for (const auto& d : j["drafts"]) {
    EXPECT_EQ(d["verdict"], "fail");
    const std::string name =
        std::filesystem::path(d["path"].get<std::string>()).filename();
    for (const auto& f : d["findings"]) rules[name].insert(f["rule"]);
  }
  EXPECT_TRUE(rules["nul.md"].count("input/nul-byte"));
  EXPECT_TRUE(rules["latin1.md"].count("input/invalid-utf8"));
  EXPECT_TRUE(rules["yaml.md"].count("input/front-matter-invalid"));
  EXPECT_EQ(rules["big.md"], std::set<std::string>{"input/too-large"});
}

TEST(CheckCommandTest, OutputOrderIsStableAcrossThreadCounts) {
  TempDir dir;
  for (int i = 0; i < 40; ++i) {
    dir.Write("d" + std::to_string(i) + ".md",
              "# A\n\n#### B" + std::to_string(i) + "\n");
  }
  const ProcessRun one = Proofgate("check -j 1 " + Quote(dir.path()));
  const ProcessRun many = Proofgate("check -j 8 " + Quote(dir.path()));
  EXPECT_EQ(one.out, many.out);
  EXPECT_EQ(one.exit_code, 1);
}

// Whether `bytes` is a draft the parser must accept without any input/
// finding: valid UTF-8, no NUL, and front matter (if any) that yaml-cpp
// parses into a map, judged independently of proofgate's own code paths.
bool IsWellFormed(const std::string& bytes) {
  if (bytes.find('\0') != std::string::npos) return false;
  if (FirstInvalidUtf8(bytes) != std::string_view::npos) return false;
  std::string text = bytes;
  if (text.starts_with("\xEF\xBB\xBF")) text = text.substr(3);
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line)) return true;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  while (!line.empty() && line.back() == ' ') line.pop_back();
  if (line != "---") return true;
  std::string yaml;
  while (std::getline(in, line)) {
    std::string bare = line;
    if (!bare.empty() && bare.back() == '\r') bare.pop_back();
    while (!bare.empty() && bare.back() == ' ') bare.pop_back();
    if (bare == "---" || bare == "...") {
      try {
        const YAML::Node n = YAML::Load(yaml);
        return !n.IsDefined() || n.IsNull() || n.IsMap();
      } catch (const YAML::Exception&) {
        return false;
      }
    }
    yaml += line + "\n";
  }
  return false;  // unterminated
}

TEST(CheckCommandCorpusTest, EveryCorpusDraftGetsAVerdict) {
  const std::filesystem::path corpus = CorpusDir();
  if (!std::filesystem::exists(corpus)) {
    GTEST_SKIP() << "no shared corpus at " << corpus;
  }
  const ProcessRun run = Proofgate("check --format json " + Quote(corpus));
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.err;
  const auto j = nlohmann::json::parse(run.out);

  std::set<std::string> expected;
  for (const auto& e : std::filesystem::recursive_directory_iterator(corpus)) {
    const std::string ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".md" || ext == ".markdown")) {
      expected.insert(e.path().string());
    }
  }
  ASSERT_GT(expected.size(), 3000u);
  std::set<std::string> seen;
  int well_formed = 0;
  for (const auto& d : j["drafts"]) {
    const std::string path = d["path"];
    seen.insert(path);
    const std::string verdict = d["verdict"];
    EXPECT_TRUE(verdict == "pass" || verdict == "fail" || verdict == "review")
        << path;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!IsWellFormed(ss.str())) continue;
    ++well_formed;
    for (const auto& f : d["findings"]) {
      EXPECT_FALSE(f["rule"].get<std::string>().starts_with("input/"))
          << path << ": " << f.dump();
      EXPECT_GE(f["line"].get<int>(), 1);
      EXPECT_GE(f["column"].get<int>(), 1);
    }
  }
  EXPECT_EQ(seen, expected);
  EXPECT_GT(well_formed, 3700);
  const auto& s = j["summary"];
  EXPECT_EQ(
      s["pass"].get<int>() + s["fail"].get<int>() + s["review"].get<int>(),
      static_cast<int>(expected.size()));
}

}  // namespace
}  // namespace proofgate
