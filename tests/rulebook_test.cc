#include "rules/rulebook.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rules/rulebook_set.h"
#include "rules/verifier.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

using ::proofgate::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> ErrorStrings(const std::vector<ConfigError>& errors,
                                      const std::filesystem::path& dir) {
  std::vector<std::string> out;
  for (ConfigError e : errors) {
    // Show paths relative to the temp folder.
    const std::string prefix = dir.string() + "/";
    if (e.file.starts_with(prefix)) e.file = e.file.substr(prefix.size());
    out.push_back(e.ToString());
  }
  return out;
}

std::vector<std::string> LoadErrors(const TempDir& dir,
                                    const std::string& file) {
  const RulebookLoad load = LoadRulebook(dir.path() / file);
  EXPECT_EQ(load.rulebook == nullptr, !load.errors.empty());
  return ErrorStrings(load.errors, dir.path());
}

TEST(RulebookTest, ShippedRulebooksLoad) {
  for (const char* name : {"default.yaml", "blog.yaml", "landing-page.yaml"}) {
    const RulebookLoad load =
        LoadRulebook(std::filesystem::path(BooksDir()) / name);
    for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString();
    ASSERT_NE(load.rulebook, nullptr) << name;
    EXPECT_FALSE(load.rulebook->version.empty());
    EXPECT_EQ(load.rulebook->sha256.size(), 64u);
  }
  const auto set = RulebookSet::FromPath(BooksDir());
  ASSERT_TRUE(set);
  EXPECT_EQ((*set)->rulebooks().size(), 3u);
}

TEST(RulebookTest, MinimalRulebook) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\n");
  const RulebookLoad load = LoadRulebook(dir.path() / "a.yaml");
  ASSERT_NE(load.rulebook, nullptr);
  EXPECT_EQ(load.rulebook->name, "a");
  EXPECT_EQ(load.rulebook->version, "1");
  EXPECT_TRUE(load.rulebook->checks.empty());
  EXPECT_DOUBLE_EQ(load.rulebook->routing.min_confidence, 0.8);
  EXPECT_EQ(load.rulebook->routing.fail_on, Severity::kError);
}

TEST(RulebookTest, UnknownTopLevelKey) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\nchekcs: {}\n");
  EXPECT_THAT(LoadErrors(dir, "a.yaml"),
              ElementsAre("a.yaml:3:1: unknown key 'chekcs' (expected name, "
                          "version, description, owner, extends, applies_to, "
                          "templating, checks, routing)"));
}

TEST(RulebookTest, TemplatingIsAutoUnlessNamedAndInherited) {
  TempDir dir;
  dir.Write("base.yaml", "name: base\nversion: 1\ntemplating: liquid\n");
  dir.Write("child.yaml", "name: c\nversion: 1\nextends: base.yaml\n");
  dir.Write("own.yaml",
            "name: o\nversion: 1\nextends: base.yaml\ntemplating: mdx\n");
  dir.Write("plain.yaml", "name: p\nversion: 1\n");
  EXPECT_EQ(LoadRulebook(dir.path() / "plain.yaml").rulebook->templating,
            Templating::kAuto);
  EXPECT_EQ(LoadRulebook(dir.path() / "child.yaml").rulebook->templating,
            Templating::kLiquid);
  EXPECT_EQ(LoadRulebook(dir.path() / "own.yaml").rulebook->templating,
            Templating::kMdx);
}

TEST(RulebookTest, UnknownTemplatingIsAnError) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\ntemplating: jinja\n");
  EXPECT_THAT(LoadErrors(dir, "a.yaml"),
              ElementsAre("a.yaml:3:13: templating: must be auto, hugo, "
                          "liquid, mdx or none"));
}

TEST(RulebookTest, MissingNameAndVersion) {
  TempDir dir;
  dir.Write("a.yaml", "checks: {}\n");
  EXPECT_THAT(LoadErrors(dir, "a.yaml"),
              ElementsAre("a.yaml:1:1: missing key 'name'",
                          "a.yaml:1:1: missing key 'version'"));
}

TEST(RulebookTest, YamlSyntaxErrorHasPosition) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\nchecks:\n  headings: [\n");
  const auto errors = LoadErrors(dir, "a.yaml");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], ::testing::StartsWith("a.yaml:5:1: YAML syntax "
                                               "error: "));
}

TEST(RulebookTest, NotAMap) {
  TempDir dir;
  dir.Write("a.yaml", "- name\n");
  EXPECT_THAT(LoadErrors(dir, "a.yaml"),
              ElementsAre("a.yaml:1:1: a rulebook must be a YAML map of "
                          "keys"));
}

TEST(RulebookTest, UnknownCheck) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\nchecks:\n  heading: {}\n");
  const auto errors = LoadErrors(dir, "a.yaml");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], ::testing::StartsWith(
                             "a.yaml:4:3: checks: unknown check 'heading' "
                             "(known: headings, metadata"));
}

TEST(RulebookTest, CheckSettingErrorsAreLocated) {
  TempDir dir;
  dir.Write("a.yaml",
            "name: a\nversion: 1\nchecks:\n  headings:\n    max_depth: x\n"
            "    maxdepth: 3\n");
  EXPECT_THAT(
      LoadErrors(dir, "a.yaml"),
      ElementsAre("a.yaml:5:16: checks.headings: max_depth: expected a whole "
                  "number from 1 to 6, got 'x'",
                  "a.yaml:6:5: checks.headings: unknown key 'maxdepth'"));
}

TEST(RulebookTest, SeverityOverridesAreValidated) {
  TempDir dir;
  dir.Write("a.yaml",
            "name: a\nversion: 1\nchecks:\n  headings:\n    severity:\n"
            "      skiped-level: warning\n      duplicate: loud\n");
  EXPECT_THAT(
      LoadErrors(dir, "a.yaml"),
      ElementsAre("a.yaml:7:18: checks.headings.severity.duplicate: must be "
                  "error, warning, info or off",
                  "a.yaml:6:7: checks.headings.severity: unknown rule "
                  "'skiped-level' (rules: multiple-h1, first-not-h1, "
                  "skipped-level, empty, duplicate, max-depth, required)"));
}

TEST(RulebookTest, RoutingIsValidated) {
  TempDir dir;
  dir.Write("a.yaml",
            "name: a\nversion: 1\nrouting:\n  min_confidence: 2\n"
            "  fail_on: info\n  other: 1\n");
  EXPECT_THAT(
      LoadErrors(dir, "a.yaml"),
      ElementsAre(
          "a.yaml:4:19: routing.min_confidence: expected a number from 0 to "
          "1",
          "a.yaml:5:12: routing.fail_on: must be error or warning",
          "a.yaml:6:3: routing: unknown key 'other' (expected "
          "min_confidence, fail_on)"));
}

TEST(RulebookTest, MissingExtends) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\nextends: nope.yaml\n");
  const auto errors = LoadErrors(dir, "a.yaml");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], ::testing::StartsWith("a.yaml:3:10: extends: '"));
  EXPECT_THAT(errors[0], ::testing::EndsWith("nope.yaml' is not a regular "
                                             "file"));
}

TEST(RulebookTest, ExtendsOfADeviceIsRefused) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\nextends: /dev/zero\n");
  EXPECT_THAT(LoadErrors(dir, "a.yaml"),
              ElementsAre("a.yaml:3:10: extends: '/dev/zero' is not a "
                          "regular file"));
}

TEST(RulebookTest, CyclicExtends) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\nextends: b.yaml\n");
  dir.Write("b.yaml", "name: b\nversion: 1\nextends: a.yaml\n");
  const auto errors = LoadErrors(dir, "a.yaml");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], ::testing::StartsWith("b.yaml:3:10: extends: '"));
  EXPECT_THAT(errors[0], HasSubstr("(a cycle)"));
}

TEST(RulebookTest, ErrorsInExtendedFilePointThere) {
  TempDir dir;
  dir.Write("base.yaml",
            "name: base\nversion: 1\nchecks:\n  headings:\n    max_depth: 0\n");
  dir.Write("a.yaml", "name: a\nversion: 1\nextends: base.yaml\n");
  EXPECT_THAT(LoadErrors(dir, "a.yaml"),
              ElementsAre("base.yaml:5:16: checks.headings: max_depth: must "
                          "be from 1 to 6, got 0"));
}

TEST(RulebookTest, ExtendsMergesKeyByKey) {
  TempDir dir;
  dir.Write("base.yaml",
            "name: base\nversion: 1\nchecks:\n  headings:\n    max_depth: 2\n"
            "    required: [Intro]\n    severity: {duplicate: error}\n"
            "  metadata: {}\nrouting: {min_confidence: 0.5}\n");
  dir.Write("a.yaml",
            "name: a\nversion: 2\nextends: base.yaml\nchecks:\n  headings:\n"
            "    max_depth: 3\n    severity: {max-depth: off}\n"
            "  metadata:\n    enabled: false\n");
  const RulebookLoad load = LoadRulebook(dir.path() / "a.yaml");
  ASSERT_NE(load.rulebook, nullptr);
  const Rulebook& book = *load.rulebook;
  EXPECT_EQ(book.name, "a");
  EXPECT_EQ(book.version, "2");
  EXPECT_DOUBLE_EQ(book.routing.min_confidence, 0.5);
  ASSERT_EQ(book.checks.size(), 1u);  // metadata disabled
  EXPECT_EQ(book.checks[0].spec->name, "headings");
  EXPECT_EQ(book.checks[0].severity.at("headings/duplicate"), Severity::kError);
  EXPECT_EQ(book.checks[0].severity.at("headings/max-depth"), std::nullopt);

  // required (inherited) and max_depth 3 (overridden, and switched off).
  const auto doc = Document::Parse(
      "d.md", "# T\n\n## A\n\n## A\n\n### B\n\n#### C\n\n##### D\n");
  const Verification v = Verify(book, *doc);
  std::vector<std::string> rules;
  for (const Finding& f : v.findings) {
    rules.push_back(f.rule + "@" + std::string(SeverityName(f.severity)));
  }
  EXPECT_THAT(rules, ElementsAre("headings/required@error",
                                 "headings/duplicate@error"));
  EXPECT_EQ(v.verdict, Verdict::kFail);
  ASSERT_EQ(v.checks.size(), 1u);
  EXPECT_EQ(v.checks[0].findings, 2);
}

TEST(RulebookTest, SeverityForAllRules) {
  TempDir dir;
  dir.Write("a.yaml",
            "name: a\nversion: 1\nchecks:\n  headings:\n    severity: info\n");
  const RulebookLoad load = LoadRulebook(dir.path() / "a.yaml");
  ASSERT_NE(load.rulebook, nullptr);
  const auto doc = Document::Parse("d.md", "# A\n\n# B\n");
  const Verification v = Verify(*load.rulebook, *doc);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(v.verdict, Verdict::kPass);
}

TEST(RulebookTest, ShaCoversTheExtendsChain) {
  TempDir dir;
  dir.Write("base.yaml", "name: base\nversion: 1\n");
  dir.Write("a.yaml", "name: a\nversion: 1\nextends: base.yaml\n");
  const std::string before =
      LoadRulebook(dir.path() / "a.yaml").rulebook->sha256;
  dir.Write("base.yaml", "name: base\nversion: 2\n");
  EXPECT_NE(LoadRulebook(dir.path() / "a.yaml").rulebook->sha256, before);
}

TEST(RulebookSetTest, MostSpecificRulebookWins) {
  TempDir dir;
  dir.Write("default.yaml", "name: default\nversion: 1\n");
  dir.Write("blog.yaml",
            "name: blog\nversion: 1\napplies_to: {paths: ['blog/**']}\n");
  dir.Write(
      "news.yaml",
      "name: news\nversion: 1\napplies_to: {paths: ['blog/news/*.md']}\n");
  dir.Write("landing.yaml",
            "name: landing\nversion: 1\n"
            "applies_to: {front_matter: {layout: landing}}\n");
  const auto load = RulebookSet::FromPath(dir.path());
  ASSERT_TRUE(load);
  const RulebookSet& set = **load;
  auto pick = [&](const std::string& path, const std::string& draft) {
    const auto doc = Document::Parse(path, draft);
    const auto s = set.Select(path, doc->front_matter());
    return s.rulebook ? s.rulebook->name : "error: " + s.error;
  };
  EXPECT_EQ(pick("docs/a.md", "# A\n"), "default");
  EXPECT_EQ(pick("site/blog/2024/a.md", "# A\n"), "blog");
  EXPECT_EQ(pick("./blog/news/a.md", "# A\n"), "news");
  EXPECT_EQ(pick("blog/news/a.md", "---\nlayout: landing\n---\n"), "landing");
  EXPECT_EQ(pick("docs/a.md", "---\nlayout: [landing, wide]\n---\n"),
            "landing");
}

TEST(RulebookSetTest, EquallySpecificMatchesAreAnError) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\napplies_to: {paths: ['*.md']}\n");
  dir.Write("b.yaml", "name: b\nversion: 1\napplies_to: {paths: ['*.md']}\n");
  const auto load = RulebookSet::FromPath(dir.path());
  ASSERT_TRUE(load);
  const auto s = (*load)->Select("x.md", FrontMatter());
  EXPECT_EQ(s.rulebook, nullptr);
  EXPECT_THAT(s.error, HasSubstr("equally specifically"));
  const auto none = (*load)->Select("x.txt", FrontMatter());
  EXPECT_THAT(none.error, HasSubstr("no rulebook applies"));
}

TEST(RulebookSetTest, TwoFallbacksAreRefused) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\n");
  dir.Write("b.yaml", "name: b\nversion: 1\n");
  const auto load = RulebookSet::FromPath(dir.path());
  EXPECT_FALSE(load);
  ASSERT_EQ(load.error().size(), 1u);
  EXPECT_THAT(load.error()[0].message, HasSubstr("both have no applies_to"));
}

TEST(RulebookSetTest, BadGlobGivesRe2Message) {
  TempDir dir;
  dir.Write("a.yaml",
            "name: a\nversion: 1\napplies_to:\n  paths: ['[z-a].md']\n");
  const auto load = RulebookSet::FromPath(dir.path() / "a.yaml");
  EXPECT_FALSE(load);
  EXPECT_THAT(ErrorStrings(load.error(), dir.path()),
              ElementsAre("a.yaml:4:11: applies_to.paths: bad glob "
                          "'[z-a].md': invalid character class range: z-a"));
}

TEST(RulebookSetTest, AnyErrorRefusesTheWholeSet) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\n");
  dir.Write("b.yaml",
            "name: b\nversion: 1\nbad: 1\napplies_to: {paths: [x]}\n");
  const auto load = RulebookSet::FromPath(dir.path());
  EXPECT_FALSE(load);
  EXPECT_EQ(load.error().size(), 1u);
}

TEST(RulebookSetTest, SingleFileAppliesToEverything) {
  TempDir dir;
  dir.Write("b.yaml",
            "name: b\nversion: 1\napplies_to: {paths: ['blog/**']}\n");
  const auto load = RulebookSet::FromPath(dir.path() / "b.yaml");
  ASSERT_TRUE(load);
  EXPECT_EQ((*load)->Select("docs/x.md", FrontMatter()).rulebook->name, "b");
}

TEST(RulebookSetTest, ExcludeTakesDraftsAwayFromARulebook) {
  TempDir dir;
  dir.Write("default.yaml",
            "name: default\nversion: 7\n"
            "checks:\n  metadata: {required: [title]}\n"
            "applies_to:\n  exclude:\n"
            "    paths: ['**/_includes/**']\n"
            "    front_matter: {headless: true}\n");
  dir.Write("blog.yaml",
            "name: blog\nversion: 1\n"
            "applies_to:\n  paths: ['blog/**']\n"
            "  exclude: ['**/_index.md', '**/_includes/**']\n");
  const auto load = RulebookSet::FromPath(dir.path());
  if (!load) {
    for (const ConfigError& e : load.error()) ADD_FAILURE() << e.ToString();
  }
  ASSERT_TRUE(load);
  auto select = [&](const std::string& path, const std::string& draft) {
    const auto doc = Document::Parse(path, draft);
    return (*load)->Select(path, doc->front_matter());
  };
  auto pick = [&](const std::string& path, const std::string& draft = "") {
    const auto s = select(path, draft);
    return s.rulebook ? s.rulebook->name : "error: " + s.error;
  };
  EXPECT_EQ(pick("blog/2024/post.md"), "blog");
  // kubernetes-contributor-site/blog/_index.md, the blog's list page: no
  // post, so the default rulebook's.
  EXPECT_EQ(pick("./blog/_index.md"), "default");
  EXPECT_EQ(pick("docs/index.md"), "default");
  // opentelemetry-docs/docs/languages/_includes/exporters/jaeger.md, a
  // Hugo partial, and kubernetes-contributor-site/includes/_index.md, a
  // headless bundle: every matching rulebook excludes them.
  const auto partial =
      select("docs/languages/_includes/exporters/jaeger.md", "## Jaeger\n");
  ASSERT_NE(partial.rulebook, nullptr);
  EXPECT_TRUE(partial.excluded);
  EXPECT_EQ(partial.rulebook->name, "excluded:default");
  EXPECT_EQ(partial.rulebook->version, "7");
  EXPECT_EQ(partial.rulebook->file, dir.path() / "default.yaml");
  EXPECT_EQ(partial.rulebook->sha256, (*load)->rulebooks()[1]->sha256);
  EXPECT_TRUE(partial.rulebook->checks.empty());
  // Not checked: a partial with no front matter passes.
  const auto doc = Document::Parse("x.md", "## Jaeger\n");
  const Verification v = Verify(*partial.rulebook, *doc);
  EXPECT_TRUE(v.findings.empty());
  EXPECT_EQ(v.verdict, Verdict::kPass);
  EXPECT_EQ(pick("includes/_index.md",
                 "---\nheadless: true\n_build: {render: false}\n---\n"),
            "excluded:default");
  EXPECT_FALSE(select("docs/a.md", "---\nheadless: false\n---\n").excluded);
  // Both rulebooks match and exclude it: the more specific one says so.
  EXPECT_EQ(pick("blog/_includes/a.md"), "excluded:blog");
}

TEST(RulebookSetTest, ExcludeAppliesToASingleRulebookFile) {
  TempDir dir;
  dir.Write("a.yaml",
            "name: a\nversion: 1\napplies_to: {exclude: '_partials/**'}\n");
  const auto load = RulebookSet::FromPath(dir.path() / "a.yaml");
  ASSERT_TRUE(load);
  EXPECT_EQ((*load)->Select("x.md", FrontMatter()).rulebook->name, "a");
  const auto s = (*load)->Select("site/_partials/x.md", FrontMatter());
  EXPECT_TRUE(s.excluded);
  EXPECT_EQ(s.rulebook->name, "excluded:a");
}

TEST(RulebookSetTest, ExcludeOnlyRulebookIsStillTheFallback) {
  TempDir dir;
  dir.Write("a.yaml", "name: a\nversion: 1\napplies_to: {exclude: [x.md]}\n");
  dir.Write("b.yaml", "name: b\nversion: 1\n");
  const auto load = RulebookSet::FromPath(dir.path());
  EXPECT_FALSE(load);
  ASSERT_EQ(load.error().size(), 1u);
  EXPECT_THAT(load.error()[0].message, HasSubstr("both have no applies_to"));
}

TEST(RulebookSetTest, BadExcludeIsRefused) {
  TempDir dir;
  dir.Write("a.yaml",
            "name: a\nversion: 1\napplies_to:\n  exclude:\n"
            "    paths: ['[z-a]']\n    front_matter: [a]\n    other: 1\n");
  dir.Write(
      "b.yaml",
      "name: b\nversion: 1\napplies_to: {exclude: [[x]], excludes: []}\n");
  EXPECT_THAT(
      LoadErrors(dir, "a.yaml"),
      ElementsAre("a.yaml:5:13: applies_to.exclude.paths: bad glob '[z-a]': "
                  "invalid character class range: z-a",
                  "a.yaml:6:19: applies_to.exclude.front_matter: expected a "
                  "map of key: value",
                  "a.yaml:7:5: applies_to.exclude: unknown key 'other' "
                  "(expected paths, front_matter)"));
  EXPECT_THAT(LoadErrors(dir, "b.yaml"),
              ElementsAre("b.yaml:3:24: applies_to.exclude: expected a path "
                          "glob",
                          "b.yaml:3:30: applies_to: unknown key 'excludes' "
                          "(expected paths, front_matter, exclude)"));
}

// The shipped rulebooks on paths and front matter of the shared corpus.
TEST(RulebookSetTest, ShippedRulebooksOnCorpusPaths) {
  const auto load = RulebookSet::FromPath(BooksDir());
  ASSERT_TRUE(load);
  auto pick = [&](const std::string& path, const std::string& draft) {
    const auto doc = Document::Parse(path, draft);
    const auto s = (*load)->Select(path, doc->front_matter());
    return s.rulebook ? s.rulebook->name : "error: " + s.error;
  };
  EXPECT_EQ(pick("./opentelemetry-docs/docs/languages/_includes/exporters/"
                 "jaeger.md",
                 "## Jaeger\n"),
            "excluded:default");
  EXPECT_EQ(pick("./kubernetes-contributor-site/includes/_index.md",
                 "---\nheadless: true\n_build:\n  render: false\n---\n"),
            "excluded:default");
  EXPECT_EQ(pick("./kubernetes-contributor-site/blog/_index.md",
                 "---\ntitle: \"Contributor Blog\"\n---\n"),
            "default");
  EXPECT_EQ(pick("./opentelemetry-docs/blog/2023/_index.md",
                 "---\ntitle: 2023\n---\n"),
            "default");
  EXPECT_EQ(pick("./opentelemetry-docs/blog/2022/welcome.md", "# A\n"), "blog");
}

// opentelemetry-docs/blog/2022/welcome.md and the other posts of both Hugo
// blogs have no description (Hugo takes the summary); a post with title,
// author and date meets the blog rulebook's metadata, and H4 is allowed
// (opentelemetry-docs/blog/2025/opentelemetry-for-legacy-app/index.md:88).
TEST(RulebookSetTest, ShippedBlogRulebookFitsRealPosts) {
  const RulebookLoad load =
      LoadRulebook(std::filesystem::path(BooksDir()) / "blog.yaml");
  ASSERT_NE(load.rulebook, nullptr);
  auto rules = [&](const std::string& draft) {
    const auto doc = Document::Parse("blog/2022/welcome.md", draft);
    std::vector<std::string> out;
    for (const Finding& f : Verify(*load.rulebook, *doc).findings) {
      if (f.rule.starts_with("metadata/") || f.rule.starts_with("headings/")) {
        out.push_back(f.rule);
      }
    }
    return out;
  };
  const std::string body =
      "Intro.\n\n## Setup\n\n### Collector\n\n#### Exporters\n\nText.\n";
  EXPECT_THAT(
      rules("---\ntitle: Welcome to the new blog\n"
            "author: '[Austin Parker](https://github.com/austinlparker)'"
            "\ndate: 2022-01-01\n---\n" +
            body),
      ::testing::IsEmpty());
  EXPECT_THAT(rules("---\ntitle: Welcome to the new blog\nauthor: A\n"
                    "publishDate: 2022-01-01\n---\n" +
                    body),
              ::testing::IsEmpty());
  EXPECT_THAT(
      rules("---\ntitle: Welcome to the new blog\nauthor: A\n---\n" + body),
      ElementsAre("metadata/missing-key"));
}

TEST(PathGlobTest, Semantics) {
  EXPECT_TRUE(PathGlob("*.md").Matches("a.md"));
  EXPECT_TRUE(PathGlob("*.md").Matches("deep/down/a.md"));
  EXPECT_FALSE(PathGlob("/*.md").Matches("deep/a.md"));
  EXPECT_TRUE(PathGlob("/*.md").Matches("./a.md"));
  EXPECT_TRUE(PathGlob("blog/**").Matches("blog/2024/x/a.md"));
  EXPECT_FALSE(PathGlob("blog/*").Matches("blog/2024/a.md"));
  EXPECT_TRUE(PathGlob("docs/**/index.md").Matches("docs/index.md"));
  EXPECT_TRUE(PathGlob("docs/**/index.md").Matches("docs/a/b/index.md"));
  EXPECT_TRUE(PathGlob("a?.md").Matches("ab.md"));
  EXPECT_FALSE(PathGlob("a?.md").Matches("a/.md"));
  EXPECT_TRUE(PathGlob("[!x]*.md").Matches("a.md"));
  EXPECT_FALSE(PathGlob("[!x]*.md").Matches("x.md"));
  EXPECT_TRUE(PathGlob("a+b(1).md").Matches("a+b(1).md"));
  EXPECT_EQ(PathGlob("blog/**").literal_length(), 5);
}

}  // namespace
}  // namespace proofgate
