// The CI report formats of `proofgate check` (SARIF, GitLab Code Quality,
// JUnit, GitHub annotations and job summary) and --changed. Outputs are
// parsed with real parsers: nlohmann-json (plus the OASIS SARIF 2.1.0 JSON
// schema through Python's jsonschema), xmllint for JUnit, and a parser of
// GitHub's workflow-command syntax.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "checks/document/document.h"
#include "checks/registry.h"
#include "daemon/cli/check_command.h"
#include "daemon/reports/finding_fingerprint.h"
#include "daemon/reports/report_codequality.h"
#include "daemon/reports/report_github.h"
#include "daemon/reports/report_junit.h"
#include "daemon/reports/report_paths.h"
#include "daemon/reports/report_sarif.h"
#include "gtest/gtest.h"
#include "proofgate_version.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

extern char** environ;

namespace proofgate {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// ---------------------------------------------------------------- helpers

using ::proofgate::testing::ReadFile;
using ::proofgate::testing::TempDir;

void WriteFile(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  ASSERT_TRUE(out.good()) << path;
}

struct Ran {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] looked up on PATH) in `cwd` with `extra_env` added
// to this process's environment; no shell.
Ran Spawn(const std::vector<std::string>& argv, const fs::path& cwd = {},
          const std::vector<std::string>& extra_env = {}) {
  TempDir io;
  const std::string out_file = (io.path() / "out").string();
  const std::string err_file = (io.path() / "err").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!cwd.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> args = argv;
  std::vector<char*> c_args;
  for (std::string& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  std::vector<std::string> env = extra_env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  std::vector<char*> c_env;
  for (std::string& e : env) c_env.push_back(e.data());
  c_env.push_back(nullptr);
  pid_t pid = 0;
  Ran ran;
  const int rc = posix_spawnp(&pid, c_args[0], &actions, nullptr, c_args.data(),
                              c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ran.err = "cannot run " + argv[0];
    return ran;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  ran.out = ReadFile(out_file);
  ran.err = ReadFile(err_file);
  return ran;
}

Ran Proofgate(const std::vector<std::string>& args, const fs::path& cwd = {},
              const std::vector<std::string>& extra_env = {}) {
  std::vector<std::string> argv = {ProofgateBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return Spawn(argv, cwd, extra_env);
}

const std::string kDefaultBook = std::string(BooksDir()) + "/default.yaml";

// A draft with an error (skipped level), a warning on line 2 (title
// length: 68 characters and, in title case, about 606 px, so over both
// limits) and a duplicate heading; and one that passes.
const char kFailingDraft[] =
    "---\n"
    "title: Installing the Widget Service on a Small Cluster, Step by Step "
    "Guide\n"
    "description: How to install the widget service on a small cluster, "
    "with every step explained.\n"
    "---\n"
    "\n"
    "Intro paragraph.\n"
    "\n"
    "## Setup\n"
    "\n"
    "#### Costs: 100%, or more\n"
    "\n"
    "Text.\n"
    "\n"
    "## Setup\n";
const char kPassingDraft[] =
    "---\n"
    "title: A page that passes\n"
    "description: A description that is long enough to pass the minimum "
    "length check.\n"
    "---\n"
    "\n"
    "## Part\n"
    "\n"
    "Text.\n";

void WriteFixtureDrafts(const fs::path& dir) {
  WriteFile(dir / "docs/fail.md", kFailingDraft);
  WriteFile(dir / "docs/pass.md", kPassingDraft);
}

Finding MakeFinding(std::string rule, Severity severity, double confidence,
                    int line, std::string message, std::string excerpt = "") {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.confidence = confidence;
  f.message = std::move(message);
  f.excerpt = std::move(excerpt);
  f.range = {line, 3, line, 9};
  return f;
}

// Drafts built in-process: one that fails, one routed to review, one that
// passes with an info finding and a suppressed error, and an unreadable
// one, under two rulebooks.
struct InProcess {
  Rulebook book;
  Rulebook other;
  RulebookSet set;
  std::vector<DraftResult> results;

  InProcess() {
    book.name = "docs";
    book.version = "7";
    book.sha256 = std::string(64, 'a');
    book.file = "rules/docs.yaml";
    other.name = "blog";
    other.version = "2";
    other.sha256 = std::string(64, 'b');
    other.file = "rules/blog.yaml";

    DraftResult fail;
    fail.path = "./docs/fail.md";
    fail.sha256 = std::string(64, 'c');
    fail.rulebook = &book;
    fail.verification.verdict = Verdict::kFail;
    Finding error = MakeFinding("headings/skipped-level", Severity::kError, 1.0,
                                8, "The heading level jumps.", "#### Deep");
    error.suggestion = "## Deep";
    fail.verification.findings = {
        error, MakeFinding("metadata/title-length", Severity::kWarning, 1.0, 2,
                           "Too long.", "title: x")};

    DraftResult review;
    review.path = "docs/review.md";
    review.rulebook = &book;
    review.verification.verdict = Verdict::kReview;
    review.verification.findings = {
        MakeFinding("claims/unsourced", Severity::kWarning, 0.55, 4,
                    "A statistic without a source.", "90% of users agree")};

    DraftResult pass;
    pass.path = "blog/post.md";
    pass.rulebook = &other;
    pass.verification.verdict = Verdict::kPass;
    Finding waived = MakeFinding("prohibited/term", Severity::kError, 1.0, 5,
                                 "Avoid 'simply'.", "simply");
    waived.suppressed = true;
    waived.suppression_reason = "quoted from a customer";
    pass.verification.findings = {
        MakeFinding("headings/first-not-h1", Severity::kInfo, 0.3, 1,
                    "Starts at H2.", "## Hi"),
        waived};

    DraftResult unreadable;
    unreadable.path = "docs/binary.md";
    unreadable.rulebook = &book;
    unreadable.verification.verdict = Verdict::kFail;
    unreadable.verification.findings = {MakeFinding(
        "input/nul-byte", Severity::kError, 1.0, 1, "A NUL byte.", "")};

    results = {fail, review, pass, unreadable};
  }
};

// ----------------------------------------------------------------- paths

TEST(ReportPathTest, RelativeToTheWorkingFolder) {
  EXPECT_EQ(ReportPath("./docs//a.md"), "docs/a.md");
  EXPECT_EQ(ReportPath("docs/sub/../a.md"), "docs/a.md");
  EXPECT_EQ(ReportPath((fs::current_path() / "docs/a.md").string()),
            "docs/a.md");
  EXPECT_EQ(ReportPath("/nonexistent-root-folder/a.md"),
            "/nonexistent-root-folder/a.md");
  EXPECT_EQ(ReportPath("../x/a.md"),
            (fs::current_path().parent_path() / "x/a.md").generic_string());
}

TEST(ReportPathTest, UrisArePercentEncoded) {
  EXPECT_EQ(PathUri("docs/my file#1%.md"), "docs/my%20file%231%25.md");
  EXPECT_EQ(PathUri("/abs/é.md"), "file:///abs/%C3%A9.md");
}

// ----------------------------------------------------------------- SARIF

std::string XPath(const fs::path& file, const std::string& expr) {
  const Ran ran = Spawn({"xmllint", "--xpath", expr, file.string()});
  EXPECT_EQ(ran.status, 0) << expr << ": " << ran.err;
  std::string value = ran.out;
  if (value.ends_with('\n')) value.pop_back();  // xmllint adds one
  return value;
}

void ExpectValidJunit(const fs::path& file) {
  const Ran ran =
      Spawn({"xmllint", "--noout", "--schema",
             std::string(FixturesDir()) + "/junit.xsd", file.string()});
  EXPECT_EQ(ran.status, 0) << ran.err << ReadFile(file);
}

// Validates `sarif` against the OASIS SARIF 2.1.0 JSON schema (installed
// by scripts/setup from npm) with Debian's python3-jsonschema.
void ExpectSchemaValid(const json& sarif) {
  ASSERT_TRUE(fs::exists(SarifSchema()))
      << "run scripts/setup: " << SarifSchema() << " is missing";
  TempDir dir;
  const fs::path file = dir.path() / "report.sarif";
  WriteFile(file, sarif.dump(-1, ' ', false,
                             nlohmann::json::error_handler_t::replace));
  const char* script =
      "import json, sys, jsonschema\n"
      "schema = json.load(open(sys.argv[1]))\n"
      "doc = json.load(open(sys.argv[2]))\n"
      "errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))\n"
      "for e in errors[:10]: print(list(e.path), e.message[:300])\n"
      "sys.exit(1 if errors else 0)\n";
  const Ran ran =
      Spawn({"/usr/bin/python3", "-c", script, SarifSchema(), file.string()});
  EXPECT_EQ(ran.status, 0) << ran.out << ran.err;
}

// The fields SARIF 2.1.0 requires (and those proofgate promises), checked
// by hand.
void ExpectSarifShape(const json& log) {
  ASSERT_EQ(log.at("version"), "2.1.0");
  ASSERT_TRUE(log.at("$schema").get<std::string>().ends_with(
      "sarif-schema-2.1.0.json"));
  ASSERT_EQ(log.at("runs").size(), 1u);
  const json& run = log["runs"][0];
  EXPECT_EQ(run.at("columnKind"), "unicodeCodePoints");
  const json& driver = run.at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "proofgate");
  EXPECT_EQ(driver.at("version"), std::string(kProofgateVersion));
  EXPECT_EQ(driver.at("semanticVersion"), std::string(kProofgateVersion));
  const json& rules = driver.at("rules");
  std::set<std::string> ids;
  for (const json& rule : rules) {
    const std::string id = rule.at("id");
    EXPECT_TRUE(ids.insert(id).second) << "duplicate rule " << id;
    EXPECT_FALSE(rule.at("name").get<std::string>().empty());
    EXPECT_FALSE(
        rule.at("shortDescription").at("text").get<std::string>().empty());
    EXPECT_FALSE(rule.at("help").at("text").get<std::string>().empty());
    const std::string level = rule.at("defaultConfiguration").at("level");
    EXPECT_TRUE(level == "error" || level == "warning" || level == "note")
        << level;
  }
  for (const CheckSpec& spec : AllChecks()) {
    for (const RuleInfo& rule : spec.rules) {
      EXPECT_TRUE(ids.contains(rule.id)) << rule.id;
    }
  }
  for (const InputRule& rule : InputRules()) {
    EXPECT_TRUE(ids.contains(std::string(rule.id))) << rule.id;
  }
  const size_t artifacts = run.at("artifacts").size();
  for (const json& result : run.at("results")) {
    const int index = result.at("ruleIndex");
    ASSERT_GE(index, 0);
    ASSERT_LT(static_cast<size_t>(index), rules.size());
    EXPECT_EQ(rules[index].at("id"), result.at("ruleId"));
    const std::string kind = result.at("kind");
    const std::string level = result.at("level");
    EXPECT_TRUE(kind == "fail" || kind == "review") << kind;
    // SARIF 2.1.0 §3.27.10: a level other than "none" requires kind fail.
    if (kind != "fail") {
      EXPECT_EQ(level, "none");
    }
    EXPECT_FALSE(result.at("message").at("text").get<std::string>().empty());
    const double rank = result.at("rank");
    EXPECT_GE(rank, 0.0);
    EXPECT_LE(rank, 100.0);
    EXPECT_EQ(result.at("partialFingerprints")
                  .at("proofgateFindingHash/v1")
                  .get<std::string>()
                  .size(),
              64u);
    const json& physical = result.at("locations").at(0).at("physicalLocation");
    const json& artifact = physical.at("artifactLocation");
    const std::string uri = artifact.at("uri");
    EXPECT_FALSE(uri.starts_with("/")) << uri;
    EXPECT_EQ(uri.find('\\'), std::string::npos) << uri;
    EXPECT_LT(artifact.at("index").get<size_t>(), artifacts);
    const json& region = physical.at("region");
    EXPECT_GE(region.at("startLine").get<int>(), 1);
    EXPECT_GE(region.at("startColumn").get<int>(), 1);
    EXPECT_GE(region.at("endLine").get<int>(),
              region.at("startLine").get<int>());
    EXPECT_GE(region.at("endColumn").get<int>(), 1);
  }
}

TEST(SarifTest, BinaryWritesValidSarifForRealDrafts) {
  TempDir dir;
  WriteFixtureDrafts(dir.path());
  const Ran ran =
      Proofgate({"check", "--format", "sarif", "--rules", kDefaultBook, "docs"},
                dir.path());
  ASSERT_EQ(ran.status, 1) << ran.err;
  const json log = json::parse(ran.out);
  ExpectSarifShape(log);
  ExpectSchemaValid(log);

  const json& run = log["runs"][0];
  ASSERT_EQ(run["artifacts"].size(), 2u);
  EXPECT_EQ(run["artifacts"][0]["location"]["uri"], "docs/fail.md");
  EXPECT_EQ(run["artifacts"][0]["location"]["uriBaseId"], "%SRCROOT%");
  EXPECT_EQ(run["artifacts"][0]["hashes"]["sha-256"].get<std::string>().size(),
            64u);
  EXPECT_EQ(run["artifacts"][0]["properties"]["verdict"], "fail");
  EXPECT_TRUE(run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
                  .get<std::string>()
                  .starts_with("file:///"));

  std::map<std::string, json> by_rule;
  for (const json& r : run["results"]) by_rule[r["ruleId"]] = r;
  ASSERT_TRUE(by_rule.contains("headings/skipped-level"));
  const json& skipped = by_rule["headings/skipped-level"];
  EXPECT_EQ(skipped["level"], "error");
  EXPECT_EQ(skipped["kind"], "fail");
  EXPECT_EQ(skipped["rank"], 100.0);
  const json& region = skipped["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 10);
  EXPECT_EQ(region["startColumn"], 1);
  EXPECT_EQ(region["snippet"]["text"], "#### Costs: 100%, or more");
  ASSERT_TRUE(by_rule.contains("metadata/title-length"));
  EXPECT_EQ(by_rule["metadata/title-length"]["level"], "warning");
}

TEST(SarifTest, ReviewSuppressionRankAndUnknownRules) {
  const InProcess in;
  const json log = SarifReport(in.set, in.results);
  ExpectSarifShape(log);
  ExpectSchemaValid(log);
  const json& results = log["runs"][0]["results"];
  std::map<std::string, json> by_rule;
  for (const json& r : results) by_rule[r["ruleId"]] = r;

  const json& review = by_rule.at("claims/unsourced");
  EXPECT_EQ(review["kind"], "review");
  EXPECT_EQ(review["level"], "none");
  EXPECT_EQ(review["rank"], 55.0);
  EXPECT_EQ(review["properties"]["severity"], "warning");
  EXPECT_EQ(review["properties"]["confidence"], 0.55);
  EXPECT_FALSE(review.contains("suppressions"));

  const json& waived = by_rule.at("prohibited/term");
  ASSERT_EQ(waived["suppressions"].size(), 1u);
  EXPECT_EQ(waived["suppressions"][0]["kind"], "inSource");
  EXPECT_EQ(waived["suppressions"][0]["justification"],
            "quoted from a customer");
  EXPECT_EQ(waived["kind"], "fail");
  EXPECT_EQ(waived["level"], "error");

  const json& info = by_rule.at("headings/first-not-h1");
  EXPECT_EQ(info["kind"], "review");  // confidence 0.3 < 0.8
  EXPECT_EQ(info["rank"], 30.0);

  const json& error = by_rule.at("headings/skipped-level");
  EXPECT_EQ(error["properties"]["suggestion"], "## Deep");
  EXPECT_EQ(
      error["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "docs/fail.md");
  // An input finding with no excerpt has no snippet.
  EXPECT_FALSE(
      by_rule.at("input/nul-byte")["locations"][0]["physicalLocation"]["region"]
          .contains("snippet"));

  // Rules no registry names (e.g. a check added later, or an internal
  // error) still get a rules entry for their ruleIndex.
  const json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  const int index = by_rule.at("prohibited/term")["ruleIndex"];
  EXPECT_EQ(rules[index]["id"], "prohibited/term");
  EXPECT_EQ(rules[index]["name"], "ProhibitedTerm");
}

// A real claims finding (confidence below the default rulebook's
// min_confidence 0.8) through the binary: SARIF kind review, JUnit skipped.
TEST(SarifTest, BinaryMarksUncertainFindingsForReview) {
  TempDir dir;
  WriteFile(dir.path() / "docs/claim.md",
            "---\n"
            "title: A page that has claims\n"
            "description: A description that is long enough to pass the "
            "minimum length check.\n"
            "---\n"
            "\n"
            "## Part\n"
            "\n"
            "Studies show that 90% of teams ship faster with it.\n");
  const Ran ran =
      Proofgate({"check", "--format", "sarif", "--rules", kDefaultBook, "docs"},
                dir.path());
  ASSERT_EQ(ran.status, 0) << ran.err;  // review does not fail by default
  const json log = json::parse(ran.out);
  ExpectSarifShape(log);
  ExpectSchemaValid(log);
  const json& results = log["runs"][0]["results"];
  ASSERT_FALSE(results.empty());
  for (const json& r : results) {
    EXPECT_EQ(r["kind"], "review") << r;
    EXPECT_EQ(r["level"], "none");
    EXPECT_LT(r["rank"].get<double>(), 80.0);
  }
  EXPECT_EQ(log["runs"][0]["artifacts"][0]["properties"]["verdict"], "review");

  const Ran junit =
      Proofgate({"check", "--format", "junit", "--rules", kDefaultBook, "docs"},
                dir.path());
  ASSERT_EQ(junit.status, 0) << junit.err;
  const fs::path file = dir.path() / "junit.xml";
  WriteFile(file, junit.out);
  ExpectValidJunit(file);
  EXPECT_EQ(XPath(file, "string(/testsuites/@skipped)"), "1");
  const Ran strict = Proofgate({"check", "--format", "junit", "--fail-on",
                                "review", "--rules", kDefaultBook, "docs"},
                               dir.path());
  EXPECT_EQ(strict.status, 1);
  WriteFile(file, strict.out);
  EXPECT_EQ(XPath(file, "string(//failure/@type)"), "review");
}

TEST(SarifTest, RuleNames) {
  EXPECT_EQ(SarifRuleName("headings/skipped-level"), "HeadingsSkippedLevel");
  EXPECT_EQ(SarifRuleName("input/invalid-utf8"), "InputInvalidUtf8");
}

// ----------------------------------------------------------- fingerprints

std::map<std::string, std::pair<std::string, int>> FingerprintsByRule(
    const json& log) {
  std::map<std::string, std::pair<std::string, int>> out;
  for (const json& r : log["runs"][0]["results"]) {
    out[r["ruleId"]] = {
        r["partialFingerprints"]["proofgateFindingHash/v1"],
        r["locations"][0]["physicalLocation"]["region"]["startLine"]};
  }
  return out;
}

TEST(FingerprintTest, StableWhenLinesAreInsertedAbove) {
  TempDir dir;
  WriteFixtureDrafts(dir.path());
  const std::vector<std::string> args = {
      "check", "--format", "sarif", "--rules", kDefaultBook, "docs/fail.md"};
  const Ran before = Proofgate(args, dir.path());
  ASSERT_EQ(before.status, 1) << before.err;

  std::string moved = kFailingDraft;
  const std::string intro = "Intro paragraph.\n";
  moved.replace(
      moved.find(intro), intro.size(),
      "New first paragraph.\n\nAnother one,\nover two lines.\n\n" + intro);
  WriteFile(dir.path() / "docs/fail.md", moved);
  const Ran after = Proofgate(args, dir.path());
  ASSERT_EQ(after.status, 1) << after.err;

  const auto a = FingerprintsByRule(json::parse(before.out));
  const auto b = FingerprintsByRule(json::parse(after.out));
  ASSERT_TRUE(a.contains("headings/skipped-level"));
  ASSERT_TRUE(b.contains("headings/skipped-level"));
  EXPECT_EQ(b.at("headings/skipped-level").second,
            a.at("headings/skipped-level").second + 5);
  EXPECT_EQ(a.at("headings/skipped-level").first,
            b.at("headings/skipped-level").first);
  EXPECT_EQ(a.at("headings/duplicate").first, b.at("headings/duplicate").first);

  // Editing the flagged text itself makes a new fingerprint.
  std::string edited = moved;
  edited.replace(edited.find("#### Costs"), 10, "#### Prices");
  WriteFile(dir.path() / "docs/fail.md", edited);
  const Ran changed = Proofgate(args, dir.path());
  const auto c = FingerprintsByRule(json::parse(changed.out));
  EXPECT_NE(c.at("headings/skipped-level").first,
            a.at("headings/skipped-level").first);
}

TEST(FingerprintTest, RepeatedEvidenceGetsDistinctFingerprints) {
  const std::vector<Finding> findings = {
      MakeFinding("headings/duplicate", Severity::kWarning, 1, 3, "m", "## A"),
      MakeFinding("headings/duplicate", Severity::kWarning, 1, 9, "m",
                  "##   A "),
      MakeFinding("metadata/missing", Severity::kError, 1, 1, "no title", ""),
      MakeFinding("metadata/missing", Severity::kError, 1, 1, "no date", "")};
  const auto fps = FindingFingerprints("docs/a.md", findings);
  ASSERT_EQ(fps.size(), 4u);
  EXPECT_EQ(std::set<std::string>(fps.begin(), fps.end()).size(), 4u);
  // Whitespace in the excerpt does not matter, the occurrence index does:
  // dropping the first duplicate gives the second one the first's print.
  const auto fewer = FindingFingerprints(
      "docs/a.md", std::vector<Finding>(findings.begin() + 1, findings.end()));
  EXPECT_EQ(fewer[0], fps[0]);
  // Findings without an excerpt are told apart by their message, so one
  // going away does not rename the other.
  EXPECT_EQ(fewer[2], fps[3]);
  EXPECT_NE(FindingFingerprints("docs/b.md", findings)[0], fps[0]);
}

// ---------------------------------------------------------- Code Quality

TEST(CodeQualityTest, BinaryWritesGitLabFields) {
  TempDir dir;
  WriteFixtureDrafts(dir.path());
  const Ran ran = Proofgate(
      {"check", "--format", "codequality", "--rules", kDefaultBook, "docs"},
      dir.path());
  ASSERT_EQ(ran.status, 1) << ran.err;
  const json report = json::parse(ran.out);
  ASSERT_TRUE(report.is_array());
  ASSERT_EQ(report.size(), 3u);
  std::set<std::string> fingerprints;
  const std::set<std::string> severities = {"info", "minor", "major",
                                            "critical", "blocker"};
  for (const json& issue : report) {
    EXPECT_FALSE(issue.at("description").get<std::string>().empty());
    EXPECT_FALSE(issue.at("check_name").get<std::string>().empty());
    EXPECT_TRUE(fingerprints.insert(issue.at("fingerprint")).second);
    EXPECT_TRUE(severities.contains(issue.at("severity"))) << issue;
    EXPECT_EQ(issue.at("location").at("path"), "docs/fail.md");
    EXPECT_GE(issue.at("location").at("lines").at("begin").get<int>(), 1);
  }
  EXPECT_EQ(report[0]["check_name"], "metadata/title-length");
  EXPECT_EQ(report[0]["severity"], "minor");
  EXPECT_EQ(report[1]["check_name"], "headings/skipped-level");
  EXPECT_EQ(report[1]["severity"], "critical");
  EXPECT_EQ(report[1]["location"]["lines"]["begin"], 10);

  // The same fingerprints as SARIF, so both dashboards agree.
  const Ran sarif =
      Proofgate({"check", "--format", "sarif", "--rules", kDefaultBook, "docs"},
                dir.path());
  std::set<std::string> sarif_prints;
  const json sarif_log = json::parse(sarif.out);
  for (const json& r : sarif_log["runs"][0]["results"]) {
    sarif_prints.insert(r["partialFingerprints"]["proofgateFindingHash/v1"]);
  }
  EXPECT_EQ(fingerprints, sarif_prints);
}

TEST(CodeQualityTest, SeverityFollowsTheVerdict) {
  const InProcess in;
  const json report = CodeQualityReport(in.results, false);
  std::map<std::string, std::string> severity;
  for (const json& issue : report)
    severity[issue["check_name"]] = issue["severity"];
  EXPECT_EQ(severity.at("headings/skipped-level"), "critical");
  EXPECT_EQ(severity.at("metadata/title-length"), "minor");
  EXPECT_EQ(severity.at("claims/unsourced"), "major");
  EXPECT_EQ(severity.at("headings/first-not-h1"), "info");
  EXPECT_EQ(severity.at("input/nul-byte"), "blocker");
  EXPECT_FALSE(severity.contains("prohibited/term"));  // suppressed
  EXPECT_EQ(report.size(), 5u);

  const json strict = CodeQualityReport(in.results, true);
  for (const json& issue : strict) {
    if (issue["check_name"] == "metadata/title-length") {
      EXPECT_EQ(issue["severity"], "critical");
    }
  }
}

// ----------------------------------------------------------------- JUnit

TEST(JunitTest, BinaryWritesValidJunitWithCounts) {
  TempDir dir;
  WriteFixtureDrafts(dir.path());
  WriteFile(dir.path() / "docs/also-pass.md", kPassingDraft);
  const Ran ran =
      Proofgate({"check", "--format", "junit", "--rules", kDefaultBook, "docs"},
                dir.path());
  ASSERT_EQ(ran.status, 1) << ran.err;
  const fs::path file = dir.path() / "junit.xml";
  WriteFile(file, ran.out);
  ExpectValidJunit(file);
  EXPECT_EQ(XPath(file, "string(/testsuites/@tests)"), "3");
  EXPECT_EQ(XPath(file, "string(/testsuites/@failures)"), "1");
  EXPECT_EQ(XPath(file, "string(/testsuites/@skipped)"), "0");
  EXPECT_EQ(XPath(file, "count(//testsuite)"), "1");
  EXPECT_EQ(XPath(file, "string(//testsuite/@name)"), "default");
  EXPECT_EQ(XPath(file, "count(//testcase)"), "3");
  EXPECT_EQ(XPath(file, "string(//testcase[failure]/@name)"), "docs/fail.md");
  EXPECT_EQ(XPath(file, "string(//testcase[failure]/@classname)"), "default");
  const std::string failure = XPath(file, "string(//failure)");
  EXPECT_NE(failure.find("docs/fail.md:10:1: error: "), std::string::npos)
      << failure;
  EXPECT_NE(failure.find("[headings/skipped-level]"), std::string::npos);
  EXPECT_EQ(XPath(file, "string(//failure/@type)"), "fail");
}

TEST(JunitTest, SuitesPerRulebookAndReviewAsSkipped) {
  const InProcess in;
  TempDir dir;
  const fs::path file = dir.path() / "junit.xml";
  std::ostringstream out;
  WriteJunitReport(in.results, false, out);
  WriteFile(file, out.str());
  ExpectValidJunit(file);
  EXPECT_EQ(XPath(file, "count(//testsuite)"), "2");
  EXPECT_EQ(XPath(file, "string(/testsuites/@tests)"), "4");
  EXPECT_EQ(XPath(file, "string(/testsuites/@failures)"), "2");
  EXPECT_EQ(XPath(file, "string(/testsuites/@skipped)"), "1");
  EXPECT_EQ(XPath(file, "string(//testsuite[@name='docs']/@tests)"), "3");
  EXPECT_EQ(XPath(file, "string(//testsuite[@name='blog']/@tests)"), "1");
  EXPECT_EQ(XPath(file, "string(//testcase[skipped]/@name)"), "docs/review.md");
  EXPECT_EQ(XPath(file,
                  "string(//testsuite[@name='docs']/properties/"
                  "property[@name='rulebook.version']/@value)"),
            "7");
  // The passing draft's findings, the suppressed one with its reason.
  const std::string out_text =
      XPath(file, "string(//testcase[@name='blog/post.md']/system-out)");
  EXPECT_NE(out_text.find("(suppressed: quoted from a customer)"),
            std::string::npos)
      << out_text;

  // With --fail-on review, review is a failure.
  std::ostringstream strict;
  WriteJunitReport(in.results, true, strict);
  WriteFile(file, strict.str());
  ExpectValidJunit(file);
  EXPECT_EQ(XPath(file, "string(/testsuites/@failures)"), "3");
  EXPECT_EQ(XPath(file, "string(/testsuites/@skipped)"), "0");
  EXPECT_EQ(XPath(file,
                  "string(//testcase[@name='docs/review.md']/failure/"
                  "@type)"),
            "review");
}

TEST(JunitTest, ForbiddenCharactersAreReplaced) {
  InProcess in;
  Finding& f = in.results[0].verification.findings[0];
  // Control characters XML 1.0 forbids, a non-character, invalid UTF-8,
  // markup and a CDATA terminator.
  f.message = std::string("bell\x07 vt\x0B esc\x1B nul") + '\0' +
              " bad\xFF\xC0 nonchar\xEF\xBF\xBE <b>&amp;</b> ]]> \"q\" 'a'";
  in.results[0].path = "docs/we\x01ird\"<&>.md";
  TempDir dir;
  const fs::path file = dir.path() / "junit.xml";
  std::ostringstream out;
  WriteJunitReport(in.results, false, out);
  WriteFile(file, out.str());
  ExpectValidJunit(file);
  const std::string failure = XPath(file, "string(//failure)");
  EXPECT_NE(failure.find("bell\xEF\xBF\xBD vt\xEF\xBF\xBD esc\xEF\xBF\xBD "
                         "nul\xEF\xBF\xBD bad\xEF\xBF\xBD\xEF\xBF\xBD "
                         "nonchar\xEF\xBF\xBD <b>&amp;</b> ]]> \"q\" 'a'"),
            std::string::npos)
      << failure;
  EXPECT_EQ(XPath(file, "string(//testcase[failure][1]/@name)"),
            "docs/we\xEF\xBF\xBDird\"<&>.md");

  EXPECT_EQ(XmlEscape("a\tb\nc\rd", true), "a&#9;b&#10;c&#13;d");
  EXPECT_EQ(XmlEscape("a\tb\nc\rd", false), "a\tb\nc&#13;d");
  EXPECT_EQ(XmlEscape("\xF0\x9F\x98\x80", false), "\xF0\x9F\x98\x80");
}

// ---------------------------------------------------------------- GitHub

std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const std::string hex(text.substr(i + 1, 2));
      out += static_cast<char>(std::stoi(hex, nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

struct WorkflowCommand {
  std::string command;
  std::map<std::string, std::string> properties;
  std::string message;
};

// Parses "::command k=v,k=v::message" the way the Actions runner does.
std::optional<WorkflowCommand> ParseCommand(const std::string& line) {
  if (!line.starts_with("::")) return std::nullopt;
  const size_t end = line.find("::", 2);
  if (end == std::string::npos) return std::nullopt;
  const std::string head = line.substr(2, end - 2);
  WorkflowCommand c;
  c.message = Unescape(line.substr(end + 2));
  const size_t space = head.find(' ');
  c.command = head.substr(0, space);
  if (space == std::string::npos) return c;
  std::stringstream props(head.substr(space + 1));
  std::string pair;
  while (std::getline(props, pair, ',')) {
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) return std::nullopt;
    c.properties[pair.substr(0, eq)] = Unescape(pair.substr(eq + 1));
  }
  return c;
}

std::vector<WorkflowCommand> ParseCommands(const std::string& text) {
  std::vector<WorkflowCommand> out;
  std::stringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (auto c = ParseCommand(line)) out.push_back(*c);
  }
  return out;
}

TEST(GithubTest, EscapingFollowsTheWorkflowCommandRules) {
  EXPECT_EQ(EscapeWorkflowData("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b");
  EXPECT_EQ(EscapeWorkflowProperty("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext%3A a%2C b");
  EXPECT_EQ(EscapeWorkflowData("%0A"), "%250A");
}

TEST(GithubTest, TrickyMessagesAndPathsRoundTrip) {
  InProcess in;
  const std::string message = "Line one,\nline two: 100% sure\r\n::error::no";
  in.results[0].verification.findings[0].message = message;
  in.results[0].path = "docs/a,b:c%.md";
  std::ostringstream out;
  WriteGithubAnnotations(in.results, false, out);
  const std::string text = out.str();
  // One command per line: nothing in a message may break a line.
  const auto commands = ParseCommands(text);
  ASSERT_EQ(commands.size(), 5u) << text;
  const WorkflowCommand& first = commands[0];
  EXPECT_EQ(first.command, "error");
  EXPECT_EQ(first.properties.at("file"), "docs/a,b:c%.md");
  EXPECT_EQ(first.properties.at("line"), "8");
  EXPECT_EQ(first.properties.at("col"), "3");
  EXPECT_EQ(first.properties.at("endLine"), "8");
  EXPECT_EQ(first.properties.at("endColumn"), "9");
  EXPECT_EQ(first.properties.at("title"), "headings/skipped-level");
  EXPECT_EQ(first.message, message + " Suggestion: ## Deep");
  EXPECT_NE(text.find("4 drafts: 1 pass, 2 fail, 1 review; 6 findings\n"),
            std::string::npos);
}

TEST(GithubTest, CommandFollowsTheVerdict) {
  const InProcess in;
  std::ostringstream out;
  WriteGithubAnnotations(in.results, false, out);
  std::map<std::string, WorkflowCommand> by_rule;
  for (const auto& c : ParseCommands(out.str())) {
    by_rule[c.properties.at("title")] = c;
  }
  EXPECT_EQ(by_rule.at("headings/skipped-level").command, "error");
  EXPECT_EQ(by_rule.at("metadata/title-length").command, "warning");
  EXPECT_EQ(by_rule.at("claims/unsourced").command, "warning");
  EXPECT_NE(by_rule.at("claims/unsourced")
                .message.find("needs an editor's review: confidence 55%"),
            std::string::npos);
  EXPECT_EQ(by_rule.at("headings/first-not-h1").command, "notice");
  EXPECT_EQ(by_rule.at("input/nul-byte").command, "error");
  EXPECT_FALSE(by_rule.contains("prohibited/term"));  // suppressed

  std::ostringstream strict;
  WriteGithubAnnotations(in.results, true, strict);
  for (const auto& c : ParseCommands(strict.str())) {
    if (c.properties.at("title") == "metadata/title-length") {
      EXPECT_EQ(c.command, "error");
    }
  }
}

TEST(GithubTest, BinaryAppendsTheJobSummary) {
  TempDir dir;
  WriteFixtureDrafts(dir.path());
  const fs::path summary = dir.path() / "summary.md";
  WriteFile(summary, "# Earlier step\n");
  const Ran ran = Proofgate(
      {"check", "--format", "github", "--rules", kDefaultBook, "docs"},
      dir.path(), {"GITHUB_STEP_SUMMARY=" + summary.string()});
  ASSERT_EQ(ran.status, 1) << ran.err;
  const auto commands = ParseCommands(ran.out);
  ASSERT_EQ(commands.size(), 3u) << ran.out;
  EXPECT_EQ(commands[1].command, "error");
  EXPECT_EQ(commands[1].properties.at("file"), "docs/fail.md");
  EXPECT_EQ(commands[1].properties.at("line"), "10");

  const std::string md = ReadFile(summary);
  EXPECT_TRUE(
      md.starts_with("# Earlier step\n## proofgate: 2 drafts, 1 pass, "
                     "1 fail, 0 review; 3 findings"))
      << md;
  EXPECT_NE(md.find("| docs/fail.md | **fail** | default 3 | 1 | 2 | 0 | 0 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("1 draft passed with no findings."), std::string::npos);
  EXPECT_NE(md.find("- docs/fail.md:10:1 **error** "), std::string::npos);
  // Rule ids are escaped so their brackets are not read as a link.
  EXPECT_NE(md.find("\\[headings/skipped-level\\]"), std::string::npos);
}

TEST(GithubTest, SummaryEscapesMarkdownAndKeepsToItsBudget) {
  InProcess in;
  in.results[0].verification.findings[0].message =
      "Pipe | <script>alert(1)</script> [link](http://x) *bold*\nnext";
  std::ostringstream out;
  WriteGithubStepSummary(in.results, false, out);
  const std::string md = out.str();
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("Pipe \\| &lt;script&gt;alert(1)&lt;/script&gt; "
                    "\\[link\\](http://x) \\*bold\\* next"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("(suppressed: quoted from a customer)"), std::string::npos);

  std::vector<DraftResult> many;
  for (int i = 0; i < 200; ++i) {
    DraftResult r = in.results[0];
    r.path = "docs/page-" + std::to_string(i) + ".md";
    many.push_back(r);
  }
  std::ostringstream small;
  WriteGithubStepSummary(many, false, small, 4096);
  EXPECT_LT(small.str().size(), 8192u);
  EXPECT_NE(small.str().find("more drafts with findings are not listed"),
            std::string::npos);
  EXPECT_NE(small.str().find("more findings are not listed"),
            std::string::npos);
}

// --------------------------------------------------------------- changed

void Git(const fs::path& repo, std::vector<std::string> args) {
  std::vector<std::string> argv = {"git",
                                   "-c",
                                   "user.name=proofgate test",
                                   "-c",
                                   "user.email=test@example.invalid",
                                   "-c",
                                   "commit.gpgsign=false",
                                   "-c",
                                   "init.defaultBranch=main"};
  argv.insert(argv.end(), args.begin(), args.end());
  const Ran ran = Spawn(argv, repo);
  ASSERT_EQ(ran.status, 0) << ran.err;
}

std::vector<std::string> CheckedPaths(const Ran& ran) {
  std::vector<std::string> out;
  const json report = json::parse(ran.out);
  for (const json& d : report["drafts"]) out.push_back(d["path"]);
  return out;
}

class ChangedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_.path() / "repo";
    fs::create_directories(repo_);
    Git(repo_, {"init", "-q"});
    WriteFile(repo_ / "a.md", kPassingDraft);
    WriteFile(repo_ / "b.md", kPassingDraft);
    WriteFile(repo_ / "docs/c.md", kPassingDraft);
    WriteFile(repo_ / "docs/keep.md", kPassingDraft);
    WriteFile(repo_ / ".gitignore", "ignored.md\n");
    Git(repo_, {"add", "-A"});
    Git(repo_, {"commit", "-q", "-m", "base"});
    Git(repo_, {"checkout", "-q", "-b", "feature"});
    // Committed on the branch: a modification, a rename, a new draft, a
    // deletion, a non-draft, a draft in a dot-folder.
    WriteFile(repo_ / "a.md", std::string(kPassingDraft) + "\nMore.\n");
    Git(repo_, {"mv", "docs/c.md", "docs/c2.md"});
    WriteFile(repo_ / "docs/new.md", kFailingDraft);
    Git(repo_, {"rm", "-q", "b.md"});
    WriteFile(repo_ / "notes.txt", "not a draft\n");
    WriteFile(repo_ / ".github/template.md", kPassingDraft);
    Git(repo_, {"add", "-A"});
    Git(repo_, {"commit", "-q", "-m", "feature"});
    // Not committed: an untracked draft, an ignored one, an unstaged edit.
    WriteFile(repo_ / "untracked.md", kPassingDraft);
    WriteFile(repo_ / "ignored.md", kPassingDraft);
    WriteFile(repo_ / "docs/keep.md", std::string(kPassingDraft) + "\nX.\n");
  }

  Ran Check(std::vector<std::string> args) {
    std::vector<std::string> full = {"check",   "--format",   "json",
                                     "--rules", kDefaultBook, "--changed"};
    full.insert(full.end(), args.begin(), args.end());
    return Proofgate(full, repo_);
  }

  TempDir dir_;
  fs::path repo_;
};

TEST_F(ChangedTest, DefaultBaseIsTheMergeBaseWithMain) {
  const Ran ran = Check({});
  ASSERT_EQ(ran.status, 1) << ran.err;  // docs/new.md fails
  EXPECT_EQ(CheckedPaths(ran), (std::vector<std::string>{
                                   "./a.md", "./docs/c2.md", "./docs/keep.md",
                                   "./docs/new.md", "./untracked.md"}));
}

TEST_F(ChangedTest, PathsLimitTheDrafts) {
  const Ran ran = Check({"docs", "untracked.md", "notes.txt"});
  ASSERT_EQ(ran.status, 1) << ran.err;
  EXPECT_EQ(CheckedPaths(ran), (std::vector<std::string>{
                                   "docs/c2.md", "docs/keep.md", "docs/new.md",
                                   "notes.txt", "untracked.md"}));
}

TEST_F(ChangedTest, ExplicitBase) {
  const Ran ran = Check({"--base", "HEAD"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  EXPECT_EQ(CheckedPaths(ran),
            (std::vector<std::string>{"./docs/keep.md", "./untracked.md"}));

  const Ran from_sub =
      Proofgate({"check", "--format", "json", "--rules", kDefaultBook,
                 "--changed", "--base", "main", "."},
                repo_ / "docs");
  ASSERT_EQ(from_sub.status, 1) << from_sub.err;
  EXPECT_EQ(CheckedPaths(from_sub),
            (std::vector<std::string>{"./c2.md", "./keep.md", "./new.md"}));
}

TEST_F(ChangedTest, MdxDraftsAreDrafts) {
  WriteFile(repo_ / "docs/page.mdx", kPassingDraft);
  const Ran ran = Check({"--base", "HEAD"});
  ASSERT_EQ(ran.status, 0) << ran.err;
  EXPECT_EQ(CheckedPaths(ran),
            (std::vector<std::string>{"./docs/keep.md", "./docs/page.mdx",
                                      "./untracked.md"}));
}

TEST_F(ChangedTest, BadBasesAreRefused) {
  const Ran option = Check({"--base=--output=/tmp/proofgate-injected"});
  EXPECT_EQ(option.status, 2);
  EXPECT_NE(option.err.find("must not be empty or start with '-'"),
            std::string::npos)
      << option.err;
  EXPECT_FALSE(fs::exists("/tmp/proofgate-injected"));
  const Ran unknown = Check({"--base", "no-such-branch"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("--base no-such-branch: not a commit"),
            std::string::npos)
      << unknown.err;
  const Ran shell = Check({"--base", "main;touch pwned"});
  EXPECT_EQ(shell.status, 2);
  EXPECT_FALSE(fs::exists(repo_ / "pwned"));
}

TEST_F(ChangedTest, NoDefaultBranch) {
  Git(repo_, {"branch", "-q", "-m", "main", "trunk"});
  const Ran ran = Check({});
  EXPECT_EQ(ran.status, 2);
  EXPECT_NE(ran.err.find("no default branch"), std::string::npos) << ran.err;
}

TEST(ChangedOutsideGitTest, IsAClearUsageError) {
  TempDir dir;
  WriteFixtureDrafts(dir.path());
  const Ran ran = Proofgate({"check", "--changed", "--rules", kDefaultBook},
                            dir.path(), {"GIT_CEILING_DIRECTORIES=/"});
  EXPECT_EQ(ran.status, 2);
  EXPECT_NE(ran.err.find("not inside a git repository"), std::string::npos)
      << ran.err;
}

TEST(CheckOptionsTest, UnknownFormatAndNoPaths) {
  std::ostringstream out;
  std::ostringstream err;
  CheckOptions options;
  options.rules = kDefaultBook;
  options.paths = {BooksDir()};
  options.format = "yaml";
  EXPECT_EQ(RunCheckCommand(options, out, err), kExitUsage);
  options.format = "sarif";
  options.paths.clear();
  EXPECT_EQ(RunCheckCommand(options, out, err), kExitUsage);
  EXPECT_NE(err.str().find("no PATH given"), std::string::npos);
}

// A finding with a safe fix carries it in the JSON report and as a SARIF
// fixes entry, and the SARIF log still validates.
TEST(SafeFixReportTest, JsonFixAndSarifFixes) {
  TempDir dir;
  WriteFile(dir.path() / "docs/mail.md",
            "---\ntitle: Mail\ndescription: A description that is long "
            "enough to pass the minimum length check.\n---\n\n## Mail\n\n"
            "Send an email first. Then send the e-mail again.\n");
  const Ran sarif =
      Proofgate({"check", "--format", "sarif", "--rules", kDefaultBook, "docs"},
                dir.path());
  ASSERT_EQ(sarif.status, 0) << sarif.err;
  const json log = json::parse(sarif.out);
  ExpectSchemaValid(log);
  const json& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u) << results;
  EXPECT_EQ(results[0]["ruleId"], "terminology/inconsistent");
  const json& change = results[0].at("fixes").at(0).at("artifactChanges").at(0);
  const json& replacement = change.at("replacements").at(0);
  EXPECT_EQ(replacement.at("insertedContent").at("text"), "email");
  EXPECT_EQ(replacement.at("deletedRegion").at("startLine"), 8);
  EXPECT_EQ(replacement.at("deletedRegion").at("startColumn"), 36);
  EXPECT_EQ(replacement.at("deletedRegion").at("endColumn"), 42);

  const Ran js =
      Proofgate({"check", "--format", "json", "--rules", kDefaultBook, "docs"},
                dir.path());
  ASSERT_EQ(js.status, 0) << js.err;
  const json fix = json::parse(js.out)["drafts"][0]["findings"][0].at("fix");
  EXPECT_EQ(fix.at("text"), "email");
  EXPECT_EQ(fix.at("original"), "e-mail");
  EXPECT_EQ(
      fix.at("range"),
      (json{{"line", 8}, {"column", 36}, {"end_line", 8}, {"end_column", 42}}));
}

}  // namespace
}  // namespace proofgate
