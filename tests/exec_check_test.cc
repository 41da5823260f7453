#include "checks/exec/exec_check.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "checks/exec/subprocess.h"
#include "rules/rulebook.h"
#include "rules/verifier.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

const fs::path kPlugins = fs::path(FixturesDir()) / "plugins";
const fs::path kExamples =
    fs::path(FixturesDir()) / ".." / ".." / "examples" / "plugins";

struct Built {
  std::unique_ptr<Check> check;
  std::vector<ConfigError> errors;
};

// Builds the exec check from `yaml` (the settings map under `exec:`) as if
// it were written in the rulebook file `rulebook`.
Built BuildExec(const std::string& yaml,
                const fs::path& rulebook = kPlugins / "rulebook.yaml") {
  const YAML::Node root = YAML::Load(yaml);
  std::map<std::string, SettingValue> values;
  for (const auto& item : root) {
    values[item.first.as<std::string>()] =
        SettingValue{item.second, rulebook.string(), item.first};
  }
  Settings settings(values, "checks.exec", rulebook.string());
  Built out;
  out.check = ExecCheckSpec().build(settings);
  settings.ReportUnknownKeys();
  out.errors = settings.errors();
  return out;
}

std::unique_ptr<Check> MustBuild(const std::string& yaml,
                                 const fs::path& rulebook = kPlugins /
                                                            "rulebook.yaml") {
  Built built = BuildExec(yaml, rulebook);
  for (const ConfigError& e : built.errors) ADD_FAILURE() << e.ToString();
  EXPECT_NE(built.check, nullptr);
  return std::move(built.check);
}

std::vector<Finding> RunOn(const Check& check, const std::string& draft,
                           const std::string& path = "docs/draft.md") {
  const auto doc = Document::Parse(path, draft);
  std::vector<Finding> out;
  check.Run(*doc, out);
  return out;
}

// The one exec/failed finding in `findings`, checked for its fixed parts.
const Finding& Failure(const std::vector<Finding>& findings) {
  EXPECT_EQ(findings.size(), 1u);
  const Finding& f = findings.at(0);
  EXPECT_EQ(f.rule, "exec/failed");
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_DOUBLE_EQ(f.confidence, 0.3);
  EXPECT_EQ(f.range, SourceRange{});
  return f;
}

int OpenFdCount() {
  int n = 0;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    (void)entry;
    ++n;
  }
  return n;
}

// Whether `pid` no longer runs: gone, or a zombie waiting for its parent
// (for a process that is not our child, init reaps it).
bool NotRunning(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() &&
         line[paren + 2] == 'Z';
}

// Whether `pid` is NotRunning() within about 2 s (polled every 10 ms).
bool StopsRunning(pid_t pid) {
  for (int i = 0; i < 200; ++i) {
    if (NotRunning(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::string Escape(const std::string& json_text) {
  // For embedding a JSON reply in a YAML single-quoted string.
  std::string out;
  for (char c : json_text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out;
}

// ---------------------------------------------------------------------------
// A good plug-in

TEST(ExecCheckTest, GoodPluginReportsFindingsAtExactPositions) {
  auto check = MustBuild("{id: drafting, command: [python3, todo.py]}");
  const std::string draft =
      "---\n"
      "title: Caf\xC3\xA9\n"
      "---\n"
      "# Caf\xC3\xA9 TODO\n"
      "\n"
      "No todo here, TODOS neither. Then TODO and TODO.\n";
  const std::vector<Finding> found = RunOn(*check, draft);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].rule, "exec/drafting/left-in");
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  EXPECT_EQ(found[0].message, "A TODO is left in the draft.");
  // "é" is one column: TODO starts at code point 8 of "# Café TODO".
  EXPECT_EQ(found[0].range, (SourceRange{4, 8, 4, 12}));
  EXPECT_EQ(found[0].excerpt, "# Caf\xC3\xA9 TODO");
  EXPECT_EQ(found[0].suggestion, "Finish the sentence or remove the TODO.");
  EXPECT_DOUBLE_EQ(found[0].confidence, 0.9);
  EXPECT_FALSE(found[0].suppressed);
  EXPECT_EQ(found[1].range, (SourceRange{6, 35, 6, 39}));
  EXPECT_EQ(found[2].range, (SourceRange{6, 44, 6, 48}));
}

TEST(ExecCheckTest, ByteOrderMarkAndCrlfKeepColumnsRight) {
  auto check = MustBuild("{id: drafting, command: ./todo.py}");
  const std::vector<Finding> found =
      RunOn(*check, "\xEF\xBB\xBFTODO first\r\n\r\nthen a TODO\r\n");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].range, (SourceRange{1, 1, 1, 5}));
  EXPECT_EQ(found[1].range, (SourceRange{3, 8, 3, 12}));
}

TEST(ExecCheckTest, ShippedExampleRulebookAndPluginWork) {
  RulebookLoad load = LoadRulebook(kExamples / "todo.yaml");
  for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString();
  ASSERT_NE(load.rulebook, nullptr);
  const auto doc =
      Document::Parse("a.md",
                      "---\ntitle: A title of some length\n---\n# Title\n\n"
                      "Something TODO.\n");
  const Verification v = Verify(*load.rulebook, *doc);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "exec/todo/left-in");
  EXPECT_EQ(v.findings[0].range, (SourceRange{6, 11, 6, 15}));
  EXPECT_EQ(v.findings[0].excerpt, "Something TODO.");  // from the draft
  EXPECT_EQ(v.verdict, Verdict::kPass);                 // a warning
}

TEST(ExecCheckTest, NoFindingsIsNoFindings) {
  auto check = MustBuild("{id: drafting, command: [python3, todo.py]}");
  EXPECT_TRUE(RunOn(*check, "# Done\n\nNothing left to do.\n").empty());
}

TEST(ExecCheckTest, RequestCarriesTheDraftAndItsParsedDocument) {
  auto check = MustBuild("{id: echo, command: [python3, echo_request.py]}");
  const std::string draft =
      "\xEF\xBB\xBF---\n"
      "title: Hello\n"
      "count: 3\n"
      "hex: 0x1F\n"
      "ratio: 0.5\n"
      "draft: true\n"
      "quoted: \"3\"\n"
      "empty:\n"
      "date: 2024-01-31\n"
      "tags: [a, b]\n"
      "nested: {k: [1, {x: null}]}\n"
      "---\n"
      "# Hello\n"
      "\n"
      "See [the guide](guide.md \"Guide\"). It works.\n"
      "\n"
      "## Next\n";
  const std::vector<Finding> found = RunOn(*check, draft, "blog/hello.md");
  ASSERT_EQ(found.size(), 1u) << found[0].message;
  const nlohmann::json request = nlohmann::json::parse(found[0].message);
  EXPECT_EQ(request["version"], 1);
  EXPECT_EQ(request["path"], "blog/hello.md");
  EXPECT_EQ(request["content"], draft.substr(3));  // without the BOM
  EXPECT_EQ(request["front_matter"], nlohmann::json::parse(R"({
      "title": "Hello", "count": 3, "hex": 31, "ratio": 0.5, "draft": true,
      "quoted": "3", "empty": null, "date": "2024-01-31",
      "tags": ["a", "b"], "nested": {"k": [1, {"x": null}]}})"));
  EXPECT_FALSE(request.contains("front_matter_truncated"));
  EXPECT_EQ(request["headings"], nlohmann::json::parse(R"([
      {"level": 1, "text": "Hello", "setext": false,
       "line": 13, "column": 1, "end_line": 13, "end_column": 8},
      {"level": 2, "text": "Next", "setext": false,
       "line": 17, "column": 1, "end_line": 17, "end_column": 8}])"));
  EXPECT_EQ(request["links"], nlohmann::json::parse(R"([
      {"kind": "inline", "destination": "guide.md", "text": "the guide",
       "title": "Guide",
       "line": 15, "column": 5, "end_line": 15, "end_column": 34}])"));
  ASSERT_TRUE(request["sentences"].is_array());
  std::vector<std::string> sentences;
  for (const auto& s : request["sentences"]) {
    sentences.push_back(s["text"]);
    EXPECT_TRUE(s.contains("line") && s.contains("end_column"));
  }
  EXPECT_NE(std::find(sentences.begin(), sentences.end(), "It works."),
            sentences.end());
}

TEST(ExecCheckTest, RequestWithoutFrontMatterHasNull) {
  const auto doc = Document::Parse("a.md", "Just text.\n");
  const nlohmann::json request = nlohmann::json::parse(ExecRequest(*doc));
  EXPECT_TRUE(request["front_matter"].is_null());
  EXPECT_EQ(request["headings"], nlohmann::json::array());
  EXPECT_EQ(request["links"], nlohmann::json::array());
}

TEST(ExecCheckTest, InvalidUtf8IsSentAsReplacementCharacters) {
  const auto doc = Document::Parse("a.md", "bad \xFF byte\n");
  const nlohmann::json request = nlohmann::json::parse(ExecRequest(*doc));
  EXPECT_EQ(request["content"], "bad \xEF\xBF\xBD byte\n");
}

TEST(ExecCheckTest, AliasBombInFrontMatterIsCut) {
  // Each level doubles: 2^30 values if expanded in full.
  std::string yaml = "---\na0: &a0 [x, x]\n";
  for (int i = 1; i <= 30; ++i) {
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]\n";
  }
  yaml += "---\nText.\n";
  const auto doc = Document::Parse("a.md", yaml);
  const auto start = std::chrono::steady_clock::now();
  const nlohmann::json request = nlohmann::json::parse(ExecRequest(*doc));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  // The parser refuses the block (input/front-matter-too-complex) before a
  // plug-in could see it.
  ASSERT_FALSE(doc->input_findings().empty());
  EXPECT_EQ(doc->input_findings()[0].rule, "input/front-matter-too-complex");
  EXPECT_TRUE(request["front_matter"].is_null() ||
              request["front_matter"].empty());
}

TEST(ExecCheckTest, RunsInTheRulebookFolderWithItsEnvironment) {
  auto check = MustBuild("{id: where, command: ./where.sh}");
  const std::vector<Finding> found = RunOn(*check, "Text.\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(fs::path(found[0].message), fs::canonical(kPlugins));

  auto reply = MustBuild(
      "{id: reply, command: ./reply.sh, env: {REPLY: '{\"findings\": []}'}}");
  EXPECT_TRUE(RunOn(*reply, "Text.\n").empty());
}

TEST(ExecCheckTest, ConcurrentRunsDoNotMixUpOrLeakDescriptors) {
  auto check = MustBuild("{id: drafting, command: [python3, todo.py]}");
  auto crash = MustBuild("{id: crash, command: ./crash.sh}");
  RunOn(*check, "warm up\n");
  const int fds_before = OpenFdCount();
  std::vector<std::thread> threads;
  std::vector<int> counts(4, -1);
  std::vector<int> failures(4, -1);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string draft;
      for (int i = 0; i <= t; ++i) draft += "TODO line\n";
      counts[t] = static_cast<int>(RunOn(*check, draft).size());
      failures[t] = static_cast<int>(RunOn(*crash, draft).size());
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < 4; ++t) {
    EXPECT_EQ(counts[t], t + 1);
    EXPECT_EQ(failures[t], 1);
  }
  EXPECT_EQ(OpenFdCount(), fds_before);
}

// ---------------------------------------------------------------------------
// Plug-ins that fail: one exec/failed finding saying exactly what happened

TEST(ExecCheckTest, CrashIsAFailedFindingWithSignalAndStderr) {
  auto check = MustBuild("{id: crash, command: ./crash.sh}");
  const std::vector<Finding> found = RunOn(*check, "Text.\n");
  const Finding& f = Failure(found);
  EXPECT_EQ(f.message, "The exec plug-in 'crash' (" +
                           (kPlugins / "crash.sh").lexically_normal().string() +
                           ") was killed by signal 11 (SIGSEGV: Segmentation "
                           "fault); stderr: \"plug-in: about to crash\". Its "
                           "rules were not checked on this draft; an editor "
                           "must check them by hand.");
}

TEST(ExecCheckTest, NonZeroExitIsAFailedFinding) {
  auto check = MustBuild("{id: model, command: ./exit_status.sh}");
  const std::vector<Finding> results1 = RunOn(*check, "Text.\n");
  const Finding& f = Failure(results1);
  EXPECT_NE(f.message.find("exited with status 3; stderr: \"model service "
                           "unavailable\""),
            std::string::npos)
      << f.message;
}

TEST(ExecCheckTest, HangingPluginIsKilledWithItsHelpersAtTheTimeout) {
  const fs::path pids = fs::temp_directory_path() /
                        ("proofgate-hang-" + std::to_string(::getpid()));
  fs::remove(pids);
  auto check = MustBuild("{id: hang, command: [./hang.sh, '" + pids.string() +
                         "'], timeout_ms: 1000}");
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Finding> found = RunOn(*check, "Text.\n");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const Finding& f = Failure(found);
  EXPECT_NE(f.message.find("did not finish within 1000 ms and was killed"),
            std::string::npos)
      << f.message;
  EXPECT_GE(elapsed, std::chrono::milliseconds(1000));
  EXPECT_LT(elapsed, std::chrono::seconds(5));

  std::ifstream in(pids);
  pid_t plugin = 0, helper = 0;
  ASSERT_TRUE(in >> plugin >> helper) << "hang.sh did not start in time";
  fs::remove(pids);
  // The plug-in was reaped by proofgate: no zombie, not a child any more.
  int status = 0;
  EXPECT_EQ(::waitpid(plugin, &status, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
  EXPECT_TRUE(NotRunning(plugin));
  // Its helper (same process group) was killed too; init reaps it.
  EXPECT_TRUE(StopsRunning(helper)) << "helper " << helper << " still runs";
}

TEST(ExecCheckTest, ClosingOutputWithoutExitingStillTimesOut) {
  auto check =
      MustBuild("{id: quiet, command: ./close_output.sh, timeout_ms: 500}");
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Finding> results2 = RunOn(*check, "Text.\n");
  const Finding& f = Failure(results2);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(f.message.find("did not finish within 500 ms and was killed"),
            std::string::npos)
      << f.message;
}

TEST(ExecCheckTest, HelpersLeftBehindAreKilledWhenThePluginExits) {
  const fs::path pids = fs::temp_directory_path() /
                        ("proofgate-helper-" + std::to_string(::getpid()));
  fs::remove(pids);
  auto check = MustBuild("{id: helper, command: [./leave_helper.sh, '" +
                         pids.string() + "']}");
  EXPECT_TRUE(RunOn(*check, "Text.\n").empty());
  std::ifstream in(pids);
  pid_t helper = 0;
  ASSERT_TRUE(in >> helper);
  fs::remove(pids);
  EXPECT_TRUE(StopsRunning(helper)) << "helper " << helper << " still runs";
}

TEST(ExecCheckTest, GarbageOutputIsAFailedFinding) {
  auto check = MustBuild("{id: garbage, command: ./garbage.sh}");
  const std::vector<Finding> results3 = RunOn(*check, "Text.\n");
  const Finding& f = Failure(results3);
  EXPECT_NE(f.message.find("wrote a response proofgate cannot use: invalid "
                           "JSON: "),
            std::string::npos)
      << f.message;
  EXPECT_NE(f.message.find("stdout began: \"this is not json\""),
            std::string::npos)
      << f.message;
}

TEST(ExecCheckTest, InvalidFindingShapeIsAFailedFinding) {
  auto check = MustBuild(
      "{id: reply, command: ./reply.sh, env: {REPLY: '" +
      Escape(R"({"findings": [{"rule": "ok", "severity": "info", )"
             R"("message": "m", "line": 1, "column": 1}, {"rule": "x"}]})") +
      "'}}");
  const std::vector<Finding> results4 = RunOn(*check, "Text.\n");
  const Finding& f = Failure(results4);
  EXPECT_NE(f.message.find("cannot use: findings[1].severity: missing;"),
            std::string::npos)
      << f.message;
}

TEST(ExecCheckTest, OversizedOutputIsKilledAtTheLimit) {
  auto check =
      MustBuild("{id: flood, command: ./flood.sh, max_output_bytes: 4096}");
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Finding> results5 = RunOn(*check, "Text.\n");
  const Finding& f = Failure(results5);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(f.message.find("wrote more than 4096 bytes to stdout and was "
                           "killed"),
            std::string::npos)
      << f.message;
}

TEST(ExecCheckTest, PluginThatIgnoresALargeRequestDoesNotDeadlock) {
  // 512 KiB of draft: 8 times the pipe buffer. Without poll() the write
  // would block for ever; without SIGPIPE handling this test process would
  // die when the plug-in exits unread.
  std::string draft;
  while (draft.size() < 512 * 1024) draft += "Some words in a line.\n";
  auto check = MustBuild("{id: deaf, command: ./ignore_stdin.sh}");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(RunOn(*check, draft).empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
}

TEST(ExecCheckTest, PluginThatWritesBeforeReadingDoesNotDeadlock) {
  std::string draft;
  while (draft.size() < 512 * 1024) draft += "Some words in a line.\n";
  auto check = MustBuild("{id: eager, command: [python3, write_first.py]}");
  const auto doc = Document::Parse("a.md", draft);
  std::vector<Finding> found;
  check->Run(*doc, found);
  ASSERT_EQ(found.size(), 1u) << found[0].message;
  EXPECT_EQ(found[0].message, std::to_string(ExecRequest(*doc).size()));
}

TEST(ExecCheckTest, RunSubprocessReportsSpawnFailure) {
  SubprocessSpec spec;
  spec.argv = {(kPlugins / "no-such-plugin").string()};
  const SubprocessResult r = RunSubprocess(spec, "");
  EXPECT_EQ(r.outcome, SubprocessResult::Outcome::kSpawnFailed);
  EXPECT_EQ(r.error, ENOENT);
  EXPECT_EQ(DescribeOutcome(spec, r),
            "could not be started: No such file or directory");
}

// ---------------------------------------------------------------------------
// The response, read without a process

class ResponseTest : public ::testing::Test {
 protected:
  std::string Parse(const std::string& output) {
    found_.clear();
    return ParseExecResponse(output, *doc_, "brand", found_);
  }
  // Parses one finding object.
  std::string One(const std::string& finding) {
    return Parse(R"({"findings": [)" + finding + "]}");
  }

  std::unique_ptr<Document> doc_ =
      Document::Parse("a.md", "# Title\n\nSome text here.\n");
  std::vector<Finding> found_;
};

TEST_F(ResponseTest, ReadsEveryField) {
  EXPECT_EQ(One(R"({"rule": "tone", "severity": "error", "message": "Loud.",
                    "line": 3, "column": 6, "end_line": 3, "end_column": 10,
                    "excerpt": "text", "suggestion": "words",
                    "confidence": 0.25, "future_field": {"ignored": true}})"),
            "");
  ASSERT_EQ(found_.size(), 1u);
  const Finding& f = found_[0];
  EXPECT_EQ(f.rule, "exec/brand/tone");
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.range, (SourceRange{3, 6, 3, 10}));
  EXPECT_EQ(f.excerpt, "text");
  EXPECT_EQ(f.suggestion, "words");
  EXPECT_DOUBLE_EQ(f.confidence, 0.25);
}

TEST_F(ResponseTest, DefaultsForOptionalFields) {
  EXPECT_EQ(One(R"({"rule": "tone", "severity": "info", "message": "m",
                    "line": 3, "column": 6})"),
            "");
  ASSERT_EQ(found_.size(), 1u);
  EXPECT_EQ(found_[0].range, (SourceRange{3, 6, 3, 6}));
  EXPECT_EQ(found_[0].excerpt, "Some text here.");
  EXPECT_EQ(found_[0].suggestion, "");
  EXPECT_DOUBLE_EQ(found_[0].confidence, 1.0);
  // A range may end at the start of a later line.
  EXPECT_EQ(One(R"({"rule": "t", "severity": "info", "message": "m",
                    "line": 1, "column": 3, "end_line": 3})"),
            "");
  EXPECT_EQ(found_[0].range, (SourceRange{1, 3, 3, 1}));
}

TEST_F(ResponseTest, LongExcerptIsCut) {
  const std::string excerpt(300, 'x');
  EXPECT_EQ(One(R"({"rule": "t", "severity": "info", "message": "m", )"
                R"("line": 1, "column": 1, "excerpt": ")" +
                excerpt + "\"}"),
            "");
  EXPECT_EQ(found_[0].excerpt.size(), 200u);
}

TEST_F(ResponseTest, EmptyFindingsIsFine) {
  EXPECT_EQ(Parse(R"({"findings": []})"), "");
  EXPECT_TRUE(found_.empty());
}

TEST_F(ResponseTest, RejectsWrongShapesSayingWhere) {
  EXPECT_EQ(Parse(""), "no output (expected a JSON object with \"findings\")");
  EXPECT_EQ(Parse("[]"), "expected a JSON object with \"findings\", got array");
  EXPECT_EQ(Parse("{}"), "missing \"findings\"");
  EXPECT_EQ(Parse(R"({"findings": {}})"), "\"findings\" must be a list");
  EXPECT_EQ(Parse(R"({"findings": [1]})"), "findings[0]: expected an object");
  EXPECT_EQ(Parse(std::string(100, '[') + std::string(100, ']')),
            "JSON nested deeper than 64 levels");
  EXPECT_EQ(Parse("{\"findings\": [}").rfind("invalid JSON: ", 0), 0u);

  const std::string base = R"("severity": "info", "message": "m", )";
  EXPECT_EQ(One(R"({"rule": "a/b", )" + base + R"("line": 1, "column": 1})"),
            "findings[0].rule: expected a rule name of lower-case letters, "
            "digits and hyphens (such as \"passive-voice\"), got \"a/b\"");
  EXPECT_EQ(One(R"({"rule": 7, )" + base + R"("line": 1, "column": 1})"),
            "findings[0].rule: expected a string");
  EXPECT_EQ(One(R"({"rule": "t", "severity": "fatal", "message": "m",
                    "line": 1, "column": 1})"),
            "findings[0].severity: expected \"error\", \"warning\" or "
            "\"info\", got \"fatal\"");
  EXPECT_EQ(One(R"({"rule": "t", "severity": "info", "message": " ",
                    "line": 1, "column": 1})"),
            "findings[0].message: must not be empty");
  EXPECT_EQ(One(R"({"rule": "t", "severity": "info", "line": 1,
                    "column": 1})"),
            "findings[0].message: missing");
  EXPECT_EQ(One(R"({"rule": "t", )" + base + R"("column": 1})"),
            "findings[0].line: missing");
  EXPECT_EQ(One(R"({"rule": "t", )" + base + R"("line": 0, "column": 1})"),
            "findings[0].line: expected a whole number from 1 to 4 (the "
            "draft has 4 lines), got 0");
  EXPECT_EQ(One(R"({"rule": "t", )" + base + R"("line": 5, "column": 1})"),
            "findings[0].line: expected a whole number from 1 to 4 (the "
            "draft has 4 lines), got 5");
  EXPECT_EQ(One(R"({"rule": "t", )" + base + R"("line": 1.5, "column": 1})"),
            "findings[0].line: expected a whole number from 1 to 4 (the "
            "draft has 4 lines), got 1.5");
  EXPECT_EQ(One(R"({"rule": "t", )" + base +
                R"("line": 18446744073709551615, "column": 1})"),
            "findings[0].line: expected a whole number from 1 to 4 (the "
            "draft has 4 lines), got 18446744073709551615");
  EXPECT_EQ(One(R"({"rule": "t", )" + base + R"("line": 1, "column": 9})"),
            "findings[0].column: expected a whole number from 1 to 8 (line "
            "1's length + 1), got 9");
  EXPECT_EQ(One(R"({"rule": "t", )" + base +
                R"("line": 3, "column": 5, "end_column": 4})"),
            "findings[0].end_column: expected a whole number from 5 to 16 "
            "(not before the start, at most line 3's length + 1), got 4");
  EXPECT_EQ(One(R"({"rule": "t", )" + base +
                R"("line": 3, "column": 5, "end_line": 2})"),
            "findings[0].end_line: expected a whole number from 3 to 4 (the "
            "draft has 4 lines), got 2");
  EXPECT_EQ(One(R"({"rule": "t", )" + base +
                R"("line": 1, "column": 1, "confidence": 1.5})"),
            "findings[0].confidence: expected a number from 0 to 1, got 1.5");
  EXPECT_EQ(One(R"({"rule": "t", )" + base +
                R"("line": 1, "column": 1, "excerpt": 3})"),
            "findings[0].excerpt: expected a string");
}

TEST_F(ResponseTest, OneBadFindingRejectsAll) {
  EXPECT_NE(Parse(R"({"findings": [
      {"rule": "t", "severity": "info", "message": "m", "line": 1, "column": 1},
      {"rule": "t", "severity": "info", "message": "m", "line": 9, "column": 1}
    ]})"),
            "");
  EXPECT_TRUE(found_.empty());
}

// ---------------------------------------------------------------------------
// Settings

std::string Errors(const Built& built) {
  std::string out;
  for (const ConfigError& e : built.errors) out += e.ToString() + "\n";
  return out;
}

TEST(ExecSettingsTest, IdAndCommandAreRequired) {
  const Built built = BuildExec("{timeout_ms: 100}");
  EXPECT_EQ(built.check, nullptr);
  const std::string errors = Errors(built);
  EXPECT_NE(
      errors.find(
          "rulebook.yaml: checks.exec: missing key 'id': name the plug-in"),
      std::string::npos)
      << errors;
  EXPECT_NE(
      errors.find("rulebook.yaml: checks.exec: missing key 'command': the "
                  "plug-in's argv list"),
      std::string::npos)
      << errors;
}

TEST(ExecSettingsTest, RejectsBadValuesWithTheirPosition) {
  const fs::path book = kPlugins / "rulebook.yaml";
  Built built = BuildExec("{id: Brand_Voice, command: ./todo.py}");
  EXPECT_EQ(built.check, nullptr);
  EXPECT_NE(Errors(built).find(book.string() +
                               ":1:6: checks.exec: id: expected lower-case "
                               "letters, digits and hyphens"),
            std::string::npos)
      << Errors(built);

  built = BuildExec("{id: x, command: ./missing.py}");
  EXPECT_NE(
      Errors(built).find("the program '" + (kPlugins / "missing.py").string() +
                         "' does not exist or is not an executable "
                         "file"),
      std::string::npos)
      << Errors(built);

  built = BuildExec("{id: x, command: no-such-program-anywhere}");
  EXPECT_NE(Errors(built).find("the program 'no-such-program-anywhere' is "
                               "not on PATH"),
            std::string::npos)
      << Errors(built);

  built = BuildExec("{id: x, command: []}");
  EXPECT_NE(Errors(built).find("command: must name a program"),
            std::string::npos);

  built = BuildExec("{id: x, command: ./todo.py, timeout_ms: 0}");
  EXPECT_NE(Errors(built).find("timeout_ms: must be from 1 to 600000"),
            std::string::npos)
      << Errors(built);

  built = BuildExec("{id: x, command: ./todo.py, env: [A]}");
  EXPECT_NE(Errors(built).find("env: expected a map of NAME: value"),
            std::string::npos);

  built = BuildExec("{id: x, command: ./todo.py, shell: true}");
  // Reported after the check is built; the rulebook then fails to load.
  EXPECT_NE(Errors(built).find("unknown key 'shell'"), std::string::npos)
      << Errors(built);
}

// ---------------------------------------------------------------------------
// Through a rulebook and the verifier

class ExecRulebookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("proofgate-exec-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    fs::copy_file(kPlugins / "crash.sh", dir_ / "crash.sh");
    fs::copy_file(kPlugins / "todo.py", dir_ / "todo.py");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::shared_ptr<const Rulebook> Load(const std::string& yaml) {
    std::ofstream(dir_ / "book.yaml") << yaml;
    RulebookLoad load = LoadRulebook(dir_ / "book.yaml");
    for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString();
    return load.rulebook;
  }

  fs::path dir_;
};

TEST_F(ExecRulebookTest, FailedPluginSendsTheDraftToReview) {
  auto book = Load(
      "name: t\nversion: '1'\nchecks:\n  exec:\n    id: crash\n"
      "    command: [./crash.sh]\n");
  ASSERT_NE(book, nullptr);
  const auto doc = Document::Parse("a.md", "# Title\n\nText.\n");
  const Verification v = Verify(*book, *doc);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "exec/failed");
  EXPECT_EQ(v.verdict, Verdict::kReview);
}

TEST_F(ExecRulebookTest, PluginFindingsDecideTheVerdict) {
  auto book = Load(
      "name: t\nversion: '1'\nchecks:\n  exec:\n    id: drafting\n"
      "    command: [python3, todo.py]\n    severity: error\n"
      "routing:\n  min_confidence: 0.5\n");
  ASSERT_NE(book, nullptr);
  const auto doc = Document::Parse("a.md", "# Title\n\nA TODO.\n");
  const Verification v = Verify(*book, *doc);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "exec/drafting/left-in");
  EXPECT_EQ(v.findings[0].severity, Severity::kError);  // the rulebook's
  EXPECT_EQ(v.verdict, Verdict::kFail);
}

}  // namespace
}  // namespace proofgate

namespace proofgate {
namespace {

// Found by exec_response_fuzz: a number too large for a double made the
// JSON library throw out_of_range instead of parse_error.
TEST(ExecResponseRegressionTest, NumberOverflowIsAnErrorNotAnException) {
  const auto doc = Document::Parse("a.md", "# Title\n");
  std::vector<Finding> findings;
  const std::string error = ParseExecResponse(
      R"({"findings":[{"rule":"r","severity":"error","message":"m",)"
      R"("line":666E9666}]})",
      *doc, "fuzz", findings);
  EXPECT_EQ(error.rfind("invalid JSON: ", 0), 0u) << error;
  EXPECT_TRUE(findings.empty());
}

}  // namespace
}  // namespace proofgate
