// `proofgate fix`: fixes applied, the dry-run diff, and the refusals
// (spool files, symbolic links, files changed since read); ApplyFixes and
// UnifiedDiff on their own.
#include "daemon/cli/fix_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "daemon/drafts/draft_fixes.h"
#include "daemon/files/replace_if_unchanged.h"
#include "tests/temp_dir.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

constexpr const char* kBook =
    "name: style\nversion: \"1\"\nchecks:\n  terminology:\n"
    "    preferred: {JavaScript: [Javascript]}\n    consistency: true\n"
    "  prohibited:\n    lists:\n      - id: inclusive\n        severity: "
    "warning\n        message: Use inclusive terms\n        terms:\n"
    "          - {term: whitelist, suggest: allowlist}\n"
    "        patterns:\n          - {pattern: 'black ?list', suggest: "
    "denylist}\n";

constexpr const char* kDraft =
    "---\ntitle: Javascript\n---\n# Javascript notes\n\n"
    "Send an email. Add it to the whitelist, then e-mail the Javascript "
    "team.\n\nA blacklist stays: patterns carry no fix.\n\n"
    "```\nJavascript whitelist e-mail\n```\n";

constexpr const char* kFixed =
    "---\ntitle: Javascript\n---\n# JavaScript notes\n\n"
    "Send an email. Add it to the allowlist, then email the JavaScript "
    "team.\n\nA blacklist stays: patterns carry no fix.\n\n"
    "```\nJavascript whitelist e-mail\n```\n";

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result RunFix(const TempDir& dir, std::vector<std::string> paths, bool dry) {
  FixOptions options;
  options.rules = (dir.path() / "book.yaml").string();
  for (std::string& p : paths) p = (dir.path() / p).string();
  options.paths = paths;
  options.dry_run = dry;
  std::ostringstream out, err;
  const int code = RunFixCommand(options, out, err);
  return {code, out.str(), err.str()};
}

TEST(FixCommandTest, AppliesSafeFixesOnly) {
  TempDir dir;
  dir.Write("book.yaml", kBook);
  dir.Write("post.md", kDraft);
  fs::permissions(dir.path() / "post.md", fs::perms(0640));
  const Result r = RunFix(dir, {"post.md"}, false);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("4 fixes applied"), std::string::npos) << r.out;
  EXPECT_EQ(Read(dir.path() / "post.md"), kFixed);
  EXPECT_EQ(fs::status(dir.path() / "post.md").permissions(), fs::perms(0640));
  EXPECT_FALSE(fs::exists(dir.path() / "post.md.tmp"));
  // Nothing left to fix: a second run changes nothing.
  const Result again = RunFix(dir, {"post.md"}, false);
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out, "");
}

TEST(FixCommandTest, DryRunPrintsAUnifiedDiffAndWritesNothing) {
  TempDir dir;
  dir.Write("book.yaml", kBook);
  dir.Write("post.md", kDraft);
  const Result r = RunFix(dir, {"post.md"}, true);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Read(dir.path() / "post.md"), kDraft);
  const std::string path = (dir.path() / "post.md").string();
  EXPECT_EQ(r.out,
            "--- a/" + path + "\n+++ b/" + path +
                "\n@@ -1,9 +1,9 @@\n ---\n title: Javascript\n ---\n"
                "-# Javascript notes\n+# JavaScript notes\n \n"
                "-Send an email. Add it to the whitelist, then e-mail the "
                "Javascript team.\n"
                "+Send an email. Add it to the allowlist, then email the "
                "JavaScript team.\n \n"
                " A blacklist stays: patterns carry no fix.\n \n");
}

TEST(FixCommandTest, RefusesFilesInADaemonSpool) {
  TempDir dir;
  dir.Write("book.yaml", kBook);
  fs::create_directories(dir.path() / "spool/.proofgate");
  dir.Write("spool/inbox/post.md", kDraft);
  dir.Write("spool/docs/post.md", kDraft);  // not a spool folder
  const Result r =
      RunFix(dir, {"spool/inbox/post.md", "spool/docs/post.md"}, false);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("inside the spool"), std::string::npos) << r.err;
  EXPECT_EQ(Read(dir.path() / "spool/inbox/post.md"), kDraft);
  EXPECT_EQ(Read(dir.path() / "spool/docs/post.md"), kFixed);
  EXPECT_EQ(SpoolHolding(dir.path() / "spool/review/a/b.md"),
            fs::weakly_canonical(dir.path() / "spool"));
  EXPECT_FALSE(SpoolHolding(dir.path() / "spool/docs/post.md"));
}

TEST(FixCommandTest, RefusesSymbolicLinks) {
  TempDir dir;
  dir.Write("book.yaml", kBook);
  dir.Write("real.md", kDraft);
  fs::create_symlink(dir.path() / "real.md", dir.path() / "link.md");
  const Result r = RunFix(dir, {"link.md"}, false);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("symbolic link"), std::string::npos) << r.err;
  EXPECT_EQ(Read(dir.path() / "real.md"), kDraft);
}

TEST(FixCommandTest, RefusesAFileChangedSinceItWasRead) {
  TempDir dir;
  dir.Write("post.md", "edited meanwhile\n");
  const Status s =
      ReplaceIfUnchanged(dir.path() / "post.md", "as read\n", "fixed\n");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().find("changed since it was read"), std::string::npos);
  EXPECT_EQ(Read(dir.path() / "post.md"), "edited meanwhile\n");
  EXPECT_TRUE(ReplaceIfUnchanged(dir.path() / "post.md", "edited meanwhile\n",
                                 "fixed\n"));
  EXPECT_EQ(Read(dir.path() / "post.md"), "fixed\n");
}

Finding WithFix(int line, int column, int end_column, std::string original,
                std::string text) {
  Finding f;
  f.rule = "terminology/preferred";
  f.fix = proofgate::Fix{SourceRange{line, column, line, end_column},
                         std::move(original), std::move(text)};
  return f;
}

TEST(ApplyFixesTest, StaleOverlappingAndSuppressedFixesAreSkipped) {
  const std::string bytes = "\xEF\xBB\xBFé Javascript\nline two\n";
  std::vector<Finding> findings = {
      WithFix(1, 3, 13, "Javascript", "JavaScript"),
      WithFix(1, 3, 7, "Java", "Kava"),  // overlaps the first
      WithFix(2, 1, 5, "LINE", "Line"),  // stale: not what is there
      WithFix(2, 6, 9, "two", "2\n"),    // a line break: refused
      WithFix(2, 6, 9, "two", "three")};
  findings.push_back(WithFix(2, 1, 5, "line", "LINE"));
  findings.back().suppressed = true;
  const FixedDraft fixed = ApplyFixes(bytes, findings);
  EXPECT_EQ(fixed.bytes, "\xEF\xBB\xBFé JavaScript\nline three\n");
  EXPECT_EQ(fixed.applied, 2);
  EXPECT_EQ(fixed.skipped, 3);
}

TEST(UnifiedDiffTest, EqualTextsGiveNothing) {
  EXPECT_EQ(UnifiedDiff("a.md", "x\n", "x\n"), "");
  EXPECT_EQ(UnifiedDiff("a.md", "x", "y"),
            "--- a/a.md\n+++ b/a.md\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at "
            "end of file\n+y\n\\ No newline at end of file\n");
}

}  // namespace
}  // namespace proofgate
