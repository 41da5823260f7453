#include "checks/metadata/metadata_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checks/metadata/title_width.h"
#include "tests/check_harness.h"

namespace proofgate {
namespace {

using ::proofgate::testing::BuildCheck;
using ::proofgate::testing::Rules;
using ::proofgate::testing::RunCheck;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<Finding> Check(const std::string& markdown,
                           const std::string& settings = "") {
  return RunCheck("metadata", markdown, settings);
}

constexpr char kGoodDescription[] =
    "Install the service, configure it and send a first request.";

TEST(MetadataCheckTest, CompleteFrontMatterPasses) {
  EXPECT_THAT(Check(std::string("---\ntitle: Getting started fast\n"
                                "description: ") +
                    kGoodDescription + "\n---\n# Hi\n"),
              IsEmpty());
}

TEST(MetadataCheckTest, MissingTitleWithoutFrontMatter) {
  const auto f = Check("# Hi\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/missing-key"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 1, 1, 1}));
  EXPECT_THAT(f[0].message, HasSubstr("front matter block"));
  EXPECT_EQ(f[0].severity, Severity::kError);
}

TEST(MetadataCheckTest, MissingRequiredKeys) {
  const auto f = Check("---\ntitle: A long enough title\n---\n",
                       "required: [title, author, date]");
  ASSERT_THAT(Rules(f),
              ElementsAre("metadata/missing-key", "metadata/missing-key"));
  EXPECT_THAT(f[0].message, HasSubstr("'author'"));
  EXPECT_THAT(f[1].message, HasSubstr("'date'"));
}

TEST(MetadataCheckTest, EmptyRequiredValue) {
  const auto f = Check("---\ntitle:\nauthor: \"  \"\ntags: []\n---\n",
                       "required: [title, author, tags]");
  ASSERT_THAT(Rules(f),
              ElementsAre("metadata/missing-key", "metadata/missing-key",
                          "metadata/missing-key"));
  EXPECT_EQ(f[0].range.line, 2);
  EXPECT_THAT(f[0].message, HasSubstr("is empty"));
  EXPECT_EQ(f[1].range.line, 3);
  EXPECT_EQ(f[2].range.line, 4);
}

TEST(MetadataCheckTest, TitleTooLong) {
  const std::string title(61, 'x');
  const auto f =
      Check("---\ntitle: " + title + "\n---\n", "title_max_width_px: 0");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-length"));
  EXPECT_EQ(f[0].range, (SourceRange{2, 8, 2, 69}));
  EXPECT_THAT(f[0].message, HasSubstr("61 characters"));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
}

TEST(MetadataCheckTest, TitleLengthCountsCharactersNotBytes) {
  // 60 characters, 120 bytes: within the limit.
  std::string title;
  for (int i = 0; i < 60; ++i) title += "é";
  EXPECT_THAT(
      Check("---\ntitle: " + title + "\n---\n", "title_max_width_px: 0"),
      IsEmpty());
}

TEST(MetadataCheckTest, TitleTooShort) {
  const auto f = Check("---\ntitle: Hi\n---\n", "title_min: 3");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-length"));
  EXPECT_THAT(f[0].message, HasSubstr("only 2 characters"));
}

TEST(MetadataCheckTest, NoTitleMinimumByDefault) {
  // Reference pages are named after what they describe: the PPL command
  // "ad" (opensearch-docs/_sql-and-ppl/ppl/commands/ad.md), the processor
  // "Fail" (opensearch-docs/_ingest-pipelines/processors/fail.md), the
  // cmdlet "Copy-Item" (powershell-docs/7.6/Microsoft.PowerShell.Management/
  // Copy-Item.md), the concept "Traces" (opentelemetry-docs/docs/concepts/
  // signals/traces.md).
  for (const char* title : {"ad", "Fail", "Copy-Item", "Traces", "S3"}) {
    EXPECT_THAT(Check(std::string("---\ntitle: ") + title + "\n---\n"),
                IsEmpty())
        << title;
  }
}

TEST(MetadataCheckTest, LongTitleThatFitsTheWidthIsFine) {
  // powershell-docs/docs-conceptual/whats-new/
  // differences-from-windows-powershell.md: 61 characters, about 587 px,
  // so a search result shows it whole.
  const std::string title =
      "Differences between Windows PowerShell 5.1 and PowerShell 7.x";
  ASSERT_EQ(title.size(), 61u);
  ASSERT_LT(EstimateTitleWidthPx(title), 600);
  EXPECT_THAT(Check("---\ntitle: " + title + "\n---\n"), IsEmpty());
  // Without a width limit, the character limit alone decides.
  EXPECT_THAT(
      Rules(Check("---\ntitle: " + title + "\n---\n", "title_max_width_px: 0")),
      ElementsAre("metadata/title-length"));
}

TEST(MetadataCheckTest, TitleOverBothLimitsIsOneFinding) {
  // powershell-docs/docs-conceptual/developer/format/
  // typename-element-for-selectioncondition-for-entryselectedby-for-
  // widecontrol-format.md: over 60 characters and over 600 px got a
  // title-length and a title-width finding for the same title.
  const std::string title =
      "TypeName Element for SelectionCondition for EntrySelectedBy for "
      "WideControl";
  ASSERT_GT(EstimateTitleWidthPx(title), 600);
  const auto f = Check("---\ntitle: " + title + "\n---\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-length"));
  EXPECT_THAT(f[0].message, HasSubstr("75 characters and about"));
  EXPECT_THAT(f[0].message, HasSubstr("over the 600 px"));
  EXPECT_EQ(f[0].range, (SourceRange{2, 8, 2, 83}));
}

TEST(MetadataCheckTest, TitleWidth) {
  // 50 capital Ws: within 60 characters but 50 * 944/1000 * 20 = 944 px.
  const std::string title(50, 'W');
  const auto f = Check("---\ntitle: " + title + "\n---\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-width"));
  EXPECT_THAT(f[0].message, HasSubstr("about 944 px"));
  // 50 lower-case ls are narrow: 50 * 222/1000 * 20 = 222 px.
  EXPECT_THAT(Check("---\ntitle: " + std::string(50, 'l') + "\n---\n"),
              IsEmpty());
}

TEST(MetadataCheckTest, TitleWidthEstimate) {
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("Hello"),
                   (722 + 556 + 222 + 222 + 556) * 20 / 1000.0);
  EXPECT_DOUBLE_EQ(EstimateTitleWidthPx("日本", 10), 20.0);
}

// A link-out post's closing "(Medium)" names where its original lives
// (canonical_url); a cut that drops only it shows the whole subject, so it
// does not count (opentelemetry-docs/blog/2021/auto-instrumentation-k8s.md,
// judged false). One still too long without it is reported
// (opentelemetry-docs/blog/2021/gc-election.md, judged true).
TEST(MetadataCheckTest, LinkOutHostMarkerDoesNotCountInTheTitle) {
  const std::string subject =
      "Using OpenTelemetry auto-instrumentation/agents in Kubernetes";
  ASSERT_LT(EstimateTitleWidthPx(subject), 600);
  ASSERT_GT(EstimateTitleWidthPx(subject + " (Medium)"), 600);
  const std::string medium =
      "canonical_url: https://medium.com/opentelemetry/x\n";
  EXPECT_THAT(
      Check("---\ntitle: " + subject + " (Medium)\n" + medium + "---\n"),
      IsEmpty());
  // Without a canonical URL, or with one elsewhere, the marker counts.
  EXPECT_THAT(Rules(Check("---\ntitle: " + subject + " (Medium)\n---\n")),
              ElementsAre("metadata/title-length"));
  EXPECT_THAT(Rules(Check("---\ntitle: " + subject +
                          " (Medium)\ncanonical_url: https://example.com/x\n"
                          "---\n")),
              ElementsAre("metadata/title-length"));
  // Only a marker at the very end, naming a label of the host.
  EXPECT_THAT(
      Rules(Check("---\ntitle: " + subject + " (Blog)\n" + medium + "---\n")),
      ElementsAre("metadata/title-length"));
  const auto f = Check(
      "---\ntitle: Announcing the 2021 OpenTelemetry Governance Committee "
      "Election (Medium)\n" +
      medium + "---\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-length"));
  EXPECT_THAT(f[0].message,
              HasSubstr("The title (without its closing '(Medium)' marker) is "
                        "63 characters and about 626 px wide"));
}

// corpus/opentelemetry-docs/blog/2024/
// elastic-contributes-continuous-profiling-agent.md: a title just over the
// width shown never reads as "about 600 px wide, over the 600 px".
TEST(MetadataCheckTest, AWidthJustOverTheLimitIsRoundedUp) {
  const auto f = Check(
      "---\ntitle: Elastic Contributes its Continuous Profiling Agent to "
      "OpenTelemetry\n---\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-length"));
  EXPECT_THAT(f[0].message, HasSubstr("about 601 px wide in a search result, "
                                      "over the 600 px that are shown"));
}

TEST(MetadataCheckTest, UnpublishedDescriptionIsNotMeasured) {
  // The Rust blog's templates never show a post's description
  // (examples/rulebooks/rust-blog.yaml).
  const std::string doc =
      "+++\ntitle = \"Rust in 2016\"\n"
      "description = \"Our vision for Rust's next year\"\n+++\n";
  EXPECT_THAT(Rules(Check(doc)), ElementsAre("metadata/description-length"));
  EXPECT_THAT(Check(doc, "description_published: false"), IsEmpty());
  // Its type is still checked.
  EXPECT_THAT(Rules(Check("+++\ntitle = \"Rust in 2016\"\n"
                          "description = [\"a\"]\n+++\n",
                          "description_published: false")),
              ElementsAre("metadata/wrong-type"));
  std::vector<ConfigError> errors;
  EXPECT_EQ(BuildCheck("metadata", "description_published: sometimes", &errors),
            nullptr);
  EXPECT_EQ(errors.size(), 1u);
}

TEST(MetadataCheckTest, DescriptionLength) {
  const auto f = Check(
      "---\ntitle: A fine title here\ndescription: Short.\n"
      "---\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/description-length"));
  EXPECT_EQ(f[0].range, (SourceRange{3, 14, 3, 20}));
  const auto g = Check("---\ntitle: A fine title here\ndescription: " +
                       std::string(161, 'd') + "\n---\n");
  ASSERT_THAT(Rules(g), ElementsAre("metadata/description-length"));
  EXPECT_THAT(g[0].message, HasSubstr("161 characters"));
}

// A description a little under the minimum that says more than the title
// is kept (powershell-docs/7.6/Microsoft.PowerShell.Core/About/
// about_Built-in_Functions.md, 47 characters); one that repeats the title
// is not (powershell-docs/docs-conceptual/developer/help/how-to-add-
// related-links-to-a-cmdlet-help-topic.md).
TEST(MetadataCheckTest, DescriptionNearTheMinimum) {
  EXPECT_THAT(Check("---\ntitle: about_Built-in_Functions\n"
                    "description: Describes the built-in functions in "
                    "PowerShell.\n---\n"),
              IsEmpty());
  const std::string repeat = "How to add related links to a cmdlet help topic";
  EXPECT_THAT(Rules(Check("---\ntitle: " + repeat + "\ndescription: " + repeat +
                          "\n---\n")),
              ElementsAre("metadata/description-length"));
  // Further under the minimum it is too thin either way (33 characters).
  EXPECT_THAT(Rules(Check("---\ntitle: 2021 Awards\n"
                          "description: 2021 Contributor Award Recipients\n"
                          "---\n")),
              ElementsAre("metadata/description-length"));
}

TEST(MetadataCheckTest, DescriptionLengthLeavesOutHtmlTags) {
  // opentelemetry-docs/docs/languages/js/_index.md opens its description
  // with an icon; the text a reader sees is 94 characters (with the tag,
  // 181: "over the limit").
  const std::string md =
      "---\ntitle: JavaScript\ndescription: >-\n"
      "  <img width=\"35\" class=\"img-initial otel-icon\"\n"
      "  src=\"/img/logos/32x32/JS_SDK.svg\" alt=\"JavaScript\"> A "
      "language-specific\n"
      "  implementation of OpenTelemetry in JavaScript (for Node.js & the "
      "browser).\naliases: [nodejs]\n---\n";
  EXPECT_THAT(Check(md), IsEmpty());
  const auto f = Check(md, "description_max: 93");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/description-length"));
  EXPECT_THAT(f[0].message, HasSubstr("is 94 characters"));
  // A '<' that opens no tag is text.
  const auto g =
      Check("---\ntitle: Comparisons\ndescription: a < b <3 <!-- c -->d\n---\n",
            "description_min: 13");
  ASSERT_THAT(Rules(g), ElementsAre("metadata/description-length"));
  EXPECT_THAT(g[0].message, HasSubstr("only 10 characters"));
}

TEST(MetadataCheckTest, BlockScalarFindingsPointAtTheText) {
  // kubernetes-contributor-site/blog/2022/
  // 2022-03-15-k8s-triage-bot-helper-ci-job/K8s-ci-bot-make-update-helper.md
  // writes "title: >-" with the text on the next line; the finding pointed
  // at ">-", with nothing to read in the excerpt.
  const auto f = Check(
      "---\nlayout: blog\ntitle: >-\n"
      "    K8s CI Bot Helper Job: automating the make update step by hand\n"
      "date: 2022-04-26\n---\n",
      "title_max_width_px: 0");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-length"));
  EXPECT_EQ(f[0].range, (SourceRange{4, 5, 4, 67}));
  EXPECT_EQ(f[0].excerpt,
            "K8s CI Bot Helper Job: automating the make update step by hand");
  // Several lines, a blank one and a comment after the indicator: from the
  // first character of the first line to the end of the last.
  const auto g = Check(
      "---\ntitle: A good title\ndescription: |  # note\n  Short\n\n"
      "  text.\nweight: 3\n---\n");
  ASSERT_THAT(Rules(g), ElementsAre("metadata/description-length"));
  EXPECT_EQ(g[0].range, (SourceRange{4, 3, 6, 8}));
  EXPECT_EQ(g[0].excerpt, "Short");
}

TEST(MetadataCheckTest, RequiredAlternatives) {
  const std::string settings =
      "required: [title, [date, created_at, publishedAt]]";
  EXPECT_THAT(
      Check("---\ntitle: A fine title here\npublishedAt: 2024-01-01\n---\n",
            settings),
      IsEmpty());
  const auto f = Check("---\ntitle: A fine title here\n---\n", settings);
  ASSERT_THAT(Rules(f), ElementsAre("metadata/missing-key"));
  EXPECT_THAT(f[0].message,
              HasSubstr("none of 'date', 'created_at' or 'publishedAt'"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 1, 1, 1}));
  // One present but empty: pointed at, with the alternatives named.
  const auto g =
      Check("---\ntitle: A fine title here\ncreated_at:\n---\n", settings);
  ASSERT_THAT(Rules(g), ElementsAre("metadata/missing-key"));
  EXPECT_EQ(g[0].range.line, 3);
  EXPECT_THAT(g[0].message, HasSubstr("'created_at' is empty"));
  // An empty one does not hide a filled alternative.
  EXPECT_THAT(Check("---\ntitle: A fine title here\ndate: \"\"\n"
                    "publishedAt: 2024-01-01\n---\n",
                    settings),
              IsEmpty());
}

// Hugo reads front-matter keys in any case: "Author:" is the author
// (kubernetes-contributor-site/blog/2020/contributing-to-the-development-
// guide/index.md).
TEST(MetadataCheckTest, RequiredKeyInAnyCase) {
  EXPECT_THAT(Check("---\ntitle: Contributing to the Development Guide\n"
                    "Author: Erik L. Arneson\n---\nText.\n",
                    "required: [title, author]"),
              IsEmpty());
  const auto f = Check(
      "---\ntitle: Contributing to the Development Guide\n"
      "Author: \"\"\n---\nText.\n",
      "required: [title, author]");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/missing-key"));
  EXPECT_EQ(f[0].range.line, 3);
}

// A byline at the top of the body credits the author (kubernetes-
// contributor-site/blog/2022/enhancements-process-update.md and siblings).
TEST(MetadataCheckTest, BodyBylineCreditsTheAuthor) {
  const std::string settings = "required: [title, author]";
  const std::string fm =
      "---\ntitle: Enhancements Opt-in Process Change\n---\n";
  for (const char* byline :
       {"**Author:** Grace Nguyen", "**Author**: Pushkar Joglekar (VMware)",
        " **Authors:** Patrick Ohly (Intel)",
        "**Authors & Interviewers:** [Anubhav Vardhan](https://github.com/a)",
        "Author: Jane Doe", "*By:* Jane Doe", "By Chris Metz and Tim Bannister",
        "By Frederico Muñoz"}) {
    EXPECT_THAT(Check(fm + "\n" + byline + "\n\n## Context\n", settings),
                IsEmpty())
        << byline;
  }
  // After a logo image, still at the top.
  EXPECT_THAT(
      Check(fm + "<img src=\"logo.svg\" />\n\n**Author:** A B\n", settings),
      IsEmpty());
  // Not a byline: prose that mentions an author, or one deep in the body.
  EXPECT_THAT(
      Rules(Check(fm + "The author of this tool wrote it.\n", settings)),
      ElementsAre("metadata/missing-key"));
  EXPECT_THAT(Rules(Check(fm + "By default, the service logs.\n", settings)),
              ElementsAre("metadata/missing-key"));
  EXPECT_THAT(Rules(Check(fm + "By Monday we ship the release.\n", settings)),
              ElementsAre("metadata/missing-key"));
  EXPECT_THAT(
      Rules(Check(fm + "One.\n\nTwo.\n\nThree.\n\n**Author:** A\n", settings)),
      ElementsAre("metadata/missing-key"));
  // Only an author group is met by a byline.
  EXPECT_THAT(Rules(Check(fm + "**Author:** A B\n", "required: [title, date]")),
              ElementsAre("metadata/missing-key"));
}

// A link-out stub names its original, which credits the author
// (opentelemetry-docs/blog/2021/malabi.md, a Medium post).
TEST(MetadataCheckTest, LinkOutStubNeedsNoAuthor) {
  const std::string settings = "required: [title, author]";
  EXPECT_THAT(Check("---\ntitle: Trace-Based Testing with Malabi (Medium)\n"
                    "canonical_url: https://medium.com/opentelemetry/x\n---\n"
                    "For all the details, see the [original post][].\n",
                    settings),
              IsEmpty());
  EXPECT_THAT(Rules(Check("---\ntitle: Trace-Based Testing with Malabi\n"
                          "canonical_url: \"\"\n---\nText.\n",
                          settings)),
              ElementsAre("metadata/missing-key"));
}

// A page that only names its template has no text to title
// (rust-blog/releases/latest.md: `template = "latest.html"`).
TEST(MetadataCheckTest, TemplateStubNeedsNoTitle) {
  EXPECT_THAT(Check("+++\ntemplate = \"latest.html\"\n+++\n"), IsEmpty());
  EXPECT_THAT(Check("---\nlayout: redirect\n---\n\n"), IsEmpty());
  // With body text it is a page like any other.
  EXPECT_THAT(Rules(Check("+++\ntemplate = \"post.html\"\n+++\nText.\n")),
              ElementsAre("metadata/missing-key"));
  EXPECT_THAT(Rules(Check("---\nauthor: A\n---\n")),
              ElementsAre("metadata/missing-key"));
}

// Front matter that cannot be read is an input finding, not a missing
// title (powershell-docs/7.6/Microsoft.PowerShell.Core/ForEach-Object.md:
// yaml-cpp stops at its "- %" alias before the title).
TEST(MetadataCheckTest, UnreadFrontMatterIsNoMissingKey) {
  EXPECT_THAT(Check("---\naliases:\n- foreach\n- %\ntitle: ForEach-Object\n"
                    "---\nText.\n"),
              IsEmpty());
}

// A folder's README without front matter is the repository's notes, not a
// page of the site (corpus/README.md: "# Shared Markdown corpus (real
// third-party content, for tests and benchmarks)", the data set's own
// notes beside the four sites' pages).
TEST(MetadataCheckTest, NotPagesNeedNoTitle) {
  const std::string readme =
      "# Shared Markdown corpus (real third-party content, for tests and "
      "benchmarks)\n\nData only: the `.md` files below were copied.\n";
  const std::string settings = "not_pages: [README.md]";
  EXPECT_THAT(RunCheck("metadata", readme, settings, "README.md"), IsEmpty());
  EXPECT_THAT(RunCheck("metadata", readme, settings, "./docs/README.md"),
              IsEmpty());
  // Not named in not_pages, or no setting: a page without a title.
  EXPECT_THAT(
      Rules(RunCheck("metadata", readme, settings, "docs/readme-first.md")),
      ElementsAre("metadata/missing-key"));
  EXPECT_THAT(Rules(RunCheck("metadata", readme, "", "README.md")),
              ElementsAre("metadata/missing-key"));
  // With front matter the README is meant as a page, and is checked.
  EXPECT_THAT(Rules(RunCheck("metadata", "---\nweight: 1\n---\n" + readme,
                             settings, "README.md")),
              ElementsAre("metadata/missing-key"));
}

// astro-docs/reference/errors/session-without-supported-adapter-output-
// error.mdx: a page generated from the error's source, titled with the
// error message (75 characters, about 674 px) that readers search for.
TEST(MetadataCheckTest, GeneratedPageGetsNoLengthFindings) {
  const std::string generated =
      "---\n"
      "# NOTE: This file is auto-generated from 'scripts/error-docgen.mjs'\n"
      "# Do not make edits to it directly, they will be overwritten.\n"
      "\n"
      "title: Sessions cannot be used with an adapter that doesn't support "
      "server output.\n"
      "description: Sessions need server output.\n"
      "---\n"
      "Your adapter does not support server output.\n";
  EXPECT_THAT(Check(generated), IsEmpty());
  // The markers are words in a comment, in any case, and a setting.
  const std::string toml =
      "+++\n# DO NOT EDIT: generated by gen.py\ntitle = \"" +
      std::string(70, 'x') + "\"\n+++\nText.\n";
  EXPECT_THAT(Check(toml), IsEmpty());
  EXPECT_THAT(Rules(Check(toml, "generated_markers: []")),
              ElementsAre("metadata/title-length"));
  EXPECT_THAT(Check(toml, "generated_markers: [generated by]"), IsEmpty());
  // The same words in a value, not a comment, mark nothing.
  EXPECT_THAT(Rules(Check("---\ntitle: " + std::string(70, 'x') +
                          "\nnote: auto-generated\n---\nText.\n")),
              ElementsAre("metadata/title-length"));
  // A generated page still needs its required keys.
  EXPECT_THAT(Rules(Check("---\n# auto-generated\nweight: 1\n---\nText.\n")),
              ElementsAre("metadata/missing-key"));
  std::vector<ConfigError> errors;
  EXPECT_EQ(BuildCheck("metadata", "generated_markers: [a, \"\"]", &errors),
            nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "test.yaml:1:20: checks.metadata: generated_markers: a marker "
            "must not be empty");
}

TEST(MetadataCheckTest, NotPagesIsValidated) {
  std::vector<ConfigError> errors;
  EXPECT_EQ(BuildCheck("metadata", "not_pages: [README.md, \"[z-a]\", {a: b}]",
                       &errors),
            nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_THAT(errors[0].ToString(),
              HasSubstr("test.yaml:1:24: checks.metadata: not_pages: invalid "
                        "glob '[z-a]'"));
  EXPECT_EQ(errors[1].ToString(),
            "test.yaml:1:33: checks.metadata: not_pages: expected a path "
            "glob (a non-empty string)");
  EXPECT_EQ(BuildCheck("metadata", "not_pages: {a: b}", &errors), nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "test.yaml:1:12: checks.metadata: not_pages: expected a list of "
            "path globs");
}

TEST(MetadataCheckTest, RequiredIsValidated) {
  std::vector<ConfigError> errors;
  EXPECT_EQ(BuildCheck("metadata", "required: [title, [], {a: b}]", &errors),
            nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_THAT(errors[0].ToString(), HasSubstr("empty list of alternatives"));
  EXPECT_THAT(errors[1].ToString(),
              HasSubstr("expected a key or a list of alternative keys"));
}

TEST(MetadataCheckTest, DescriptionKeysFirstPresentWins) {
  const std::string md =
      "---\ntitle: A fine title here\nmeta_description: Short.\n---\n";
  EXPECT_THAT(Check(md), IsEmpty());
  EXPECT_THAT(Rules(Check(md,
                          "description_keys: [description, "
                          "meta_description]")),
              ElementsAre("metadata/description-length"));
}

TEST(MetadataCheckTest, WrongType) {
  const auto f = Check(
      "---\ntitle: A fine title here\ntags: blog\ndate: 2024-01-01\n---\n",
      "types: {tags: list, date: string}");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/wrong-type"));
  EXPECT_EQ(f[0].range.line, 3);
  EXPECT_THAT(f[0].message, HasSubstr("should be a list, but it is a string"));
}

TEST(MetadataCheckTest, TitleThatIsAListIsWrongType) {
  const auto f = Check("---\ntitle: [a, b]\n---\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/wrong-type"));
}

TEST(MetadataCheckTest, PlainNumberIsAcceptedAsString) {
  EXPECT_THAT(Check("---\ntitle: 2024\n---\n", "title_min: 0"), IsEmpty());
}

// The same checks over TOML (Hugo, Zola) and JSON (Hugo) front matter.
TEST(MetadataCheckTest, TomlFrontMatter) {
  EXPECT_THAT(Check(std::string("+++\ntitle = \"Getting started fast\"\n"
                                "description = \"") +
                    kGoodDescription + "\"\n+++\n# Hi\n"),
              IsEmpty());
  const auto missing = Check("+++\ntitle = \"A long enough title\"\n+++\n",
                             "required: [title, author]");
  ASSERT_THAT(Rules(missing), ElementsAre("metadata/missing-key"));
  EXPECT_EQ(missing[0].message,
            "The front matter has no 'author'; add 'author = ...' to it.");
  EXPECT_EQ(missing[0].range, (SourceRange{1, 1, 1, 1}));
  const auto empty = Check("+++\ntitle = \"  \"\n+++\n");
  ASSERT_THAT(Rules(empty), ElementsAre("metadata/missing-key"));
  EXPECT_EQ(empty[0].range, (SourceRange{2, 9, 2, 13}));
  const auto typed = Check(
      "+++\ntitle = \"A fine title here\"\ntags = \"blog\"\n"
      "date = 2024-01-01\nweight = 3\n+++\n",
      "types: {tags: list, date: string, weight: number}");
  ASSERT_THAT(Rules(typed), ElementsAre("metadata/wrong-type"));
  EXPECT_EQ(typed[0].range, (SourceRange{3, 8, 3, 14}));
  const auto long_title =
      Check("+++\ntitle = \"" + std::string(70, 'x') + "\"\n+++\n");
  // Over both the character and the width limit: one finding for the title.
  ASSERT_THAT(Rules(long_title), ElementsAre("metadata/title-length"));
  EXPECT_EQ(long_title[0].range, (SourceRange{2, 9, 2, 81}));
}

TEST(MetadataCheckTest, JsonFrontMatter) {
  EXPECT_THAT(Check(std::string("{\n  \"title\": \"Getting started fast\",\n"
                                "  \"description\": \"") +
                    kGoodDescription + "\"\n}\n# Hi\n"),
              IsEmpty());
  const auto missing = Check("{\"title\": \"A long enough title\"}\n",
                             "required: [title, author]");
  ASSERT_THAT(Rules(missing), ElementsAre("metadata/missing-key"));
  EXPECT_EQ(missing[0].message,
            "The front matter has no 'author'; add '\"author\": ...' to it.");
  // A null title points at its key.
  const auto null_title = Check("{\n  \"title\": null\n}\n");
  ASSERT_THAT(Rules(null_title), ElementsAre("metadata/missing-key"));
  EXPECT_EQ(null_title[0].range, (SourceRange{2, 3, 2, 10}));
  const auto list_title = Check("{\"title\": [\"a\", \"b\"]}\n");
  ASSERT_THAT(Rules(list_title), ElementsAre("metadata/wrong-type"));
  EXPECT_EQ(list_title[0].range, (SourceRange{1, 11, 1, 21}));
}

TEST(MetadataCheckTest, SettingsAreValidated) {
  std::vector<ConfigError> errors;
  EXPECT_EQ(
      BuildCheck("metadata", "title_min: 70\ntitle_max: 60\ntypes: {a: text}",
                 &errors),
      nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].ToString(),
            "test.yaml:3:12: checks.metadata: types.a: must be one of null, "
            "string, number, boolean, list, map");
  EXPECT_EQ(errors[1].ToString(),
            "test.yaml:1:12: checks.metadata: title_min: must not exceed "
            "title_max");
}

}  // namespace
}  // namespace proofgate
