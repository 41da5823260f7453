#include "checks/headings/headings_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "checks/document/admonition.h"
#include "tests/check_harness.h"

namespace proofgate {
namespace {

using ::proofgate::testing::BuildCheck;
using ::proofgate::testing::Rules;
using ::proofgate::testing::RunCheck;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<Finding> Check(const std::string& markdown,
                           const std::string& settings = "",
                           const std::string& path = "draft.md") {
  return RunCheck("headings", markdown, settings, path);
}

TEST(HeadingsCheckTest, WellFormedOutlineHasNoFindings) {
  EXPECT_THAT(Check("# Title\n\n## A\n\n### A.1\n\n## B\n"), IsEmpty());
}

TEST(HeadingsCheckTest, MultipleH1) {
  const auto f = Check("# One\n\ntext\n\n# Two\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/multiple-h1"));
  EXPECT_EQ(f[0].range, (SourceRange{5, 1, 5, 6}));
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].suggestion, "## Two");
  EXPECT_EQ(f[0].excerpt, "# Two");
  EXPECT_EQ(f[0].confidence, 1.0);
  EXPECT_THAT(f[0].message, ::testing::HasSubstr("line 1"));
}

TEST(HeadingsCheckTest, SkippedLevel) {
  const auto f = Check("# T\n\n## A\n\n#### Deep\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/skipped-level"));
  EXPECT_EQ(f[0].range, (SourceRange{5, 1, 5, 10}));
  EXPECT_EQ(f[0].suggestion, "### Deep");
  EXPECT_THAT(f[0].message, ::testing::HasSubstr("from H2 to H4"));
}

TEST(HeadingsCheckTest, GoingBackUpIsNotASkip) {
  EXPECT_THAT(Check("# T\n\n## A\n\n### B\n\n## C\n\n### D\n"), IsEmpty());
}

TEST(HeadingsCheckTest, FirstNotH1WithoutTitle) {
  const auto f = Check("intro\n\n## Start\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/first-not-h1"));
  EXPECT_EQ(f[0].range, (SourceRange{3, 1, 3, 9}));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
}

TEST(HeadingsCheckTest, FrontMatterTitleStandsInForH1) {
  EXPECT_THAT(Check("---\ntitle: Hello\n---\n\n## Start\n\n### Sub\n"),
              IsEmpty());
}

// A site's template decides the level of a front-matter title (the Rust
// blog renders it as an <h2>, Kubernetes event pages start at H3): unless
// the rulebook names the level, the body may start at H3, not deeper.
TEST(HeadingsCheckTest, FirstBodyHeadingFollowsAFrontMatterTitleFreely) {
  EXPECT_THAT(Check("---\ntitle: Hello\n---\n\n### Deep start\n"), IsEmpty());
  // The message names the title: no H2 is written in the draft.
  const auto deeper = Check("---\ntitle: Hello\n---\n\n#### Deeper\n");
  ASSERT_THAT(Rules(deeper), ElementsAre("headings/skipped-level"));
  EXPECT_THAT(
      deeper[0].message,
      ::testing::HasSubstr("jumps from the page title (counted as H2) to H4"));
  const auto f = Check("---\ntitle: Hello\n---\n\n### Too deep\n",
                       "front_matter_title_level: 1");
  ASSERT_THAT(Rules(f), ElementsAre("headings/skipped-level"));
  EXPECT_EQ(f[0].range.line, 5);
  EXPECT_THAT(f[0].message, ::testing::HasSubstr(
                                "from the page title (counted as H1) to H3"));
  // After a written heading, the written level.
  const auto later = Check("---\ntitle: Hello\n---\n\n## Start\n\n#### Deep\n");
  ASSERT_THAT(Rules(later), ElementsAre("headings/skipped-level"));
  EXPECT_THAT(later[0].message, ::testing::HasSubstr("jumps from H2 to H4"));
}

TEST(HeadingsCheckTest, EmptyFrontMatterTitleDoesNotCount) {
  const auto f = Check("---\ntitle: \"\"\n---\n## Start\n");
  EXPECT_THAT(Rules(f), ElementsAre("headings/first-not-h1"));
}

TEST(HeadingsCheckTest, FrontMatterTitleKeyIsConfigurable) {
  EXPECT_THAT(Rules(Check("---\nheadline: Hi\n---\n## Start\n")),
              ElementsAre("headings/first-not-h1"));
  EXPECT_THAT(Check("---\nheadline: Hi\n---\n## Start\n",
                    "front_matter_title: headline"),
              IsEmpty());
  EXPECT_THAT(
      Rules(Check("---\ntitle: Hi\n---\n## Start\n", "front_matter_title: ''")),
      ElementsAre("headings/first-not-h1"));
}

TEST(HeadingsCheckTest, EmptyHeading) {
  const auto f = Check("# T\n\n##\n\n## ok\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/empty"));
  EXPECT_EQ(f[0].range.line, 3);
}

TEST(HeadingsCheckTest, DuplicateUnderSameParent) {
  const auto f = Check("# T\n\n## Setup\n\n## Usage\n\n## setup\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/duplicate"));
  EXPECT_EQ(f[0].range, (SourceRange{7, 1, 7, 9}));
  EXPECT_THAT(f[0].message, ::testing::HasSubstr("line 3"));
}

TEST(HeadingsCheckTest, SameTextUnderDifferentParentsIsFine) {
  EXPECT_THAT(Check("# T\n\n## Linux\n\n### Install\n\n## macOS\n\n"
                    "### Install\n"),
              IsEmpty());
}

TEST(HeadingsCheckTest, MaxDepth) {
  const auto f = Check("# T\n\n## A\n\n### B\n\n#### C\n", "max_depth: 3");
  ASSERT_THAT(Rules(f), ElementsAre("headings/max-depth"));
  EXPECT_EQ(f[0].range.line, 7);
}

TEST(HeadingsCheckTest, SetextHeadingsCount) {
  const auto f = Check("Title\n=====\n\nOther\n=====\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/multiple-h1"));
  EXPECT_EQ(f[0].range, (SourceRange{4, 1, 5, 6}));
}

TEST(HeadingsCheckTest, HeadingsInCodeBlocksDoNotCount) {
  EXPECT_THAT(Check("# T\n\n```\n# not a heading\n#### nor this\n```\n"),
              IsEmpty());
}

TEST(HeadingsCheckTest, RequiredSectionsPresentInOrder) {
  EXPECT_THAT(Check("# T\n\n## Overview\n\n## Steps\n\n## Next steps\n",
                    "required: [Overview, Next steps]"),
              IsEmpty());
}

TEST(HeadingsCheckTest, RequiredSectionMissing) {
  const auto f =
      Check("# T\n\n## Overview\n", "required: [Overview, Next steps]");
  ASSERT_THAT(Rules(f), ElementsAre("headings/required"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 1, 1, 1}));
  EXPECT_EQ(f[0].suggestion, "## Next steps");
  EXPECT_THAT(f[0].message, ::testing::HasSubstr("'Next steps' is missing"));
}

TEST(HeadingsCheckTest, RequiredSectionOutOfOrder) {
  const auto f = Check("# T\n\n## Next steps\n\n## Overview\n",
                       "required: [Overview, Next steps]");
  ASSERT_THAT(Rules(f), ElementsAre("headings/required"));
  EXPECT_EQ(f[0].range.line, 3);
  EXPECT_THAT(f[0].message, ::testing::HasSubstr("out of order"));
}

TEST(HeadingsCheckTest, HeadingTextIncludesCodeAndDropsMarkup) {
  const auto doc = Document::Parse("d.md", "# The `run` *command* ##\n");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].text, "The run command");
}

// ------------------------------------------------------------- scopes

TEST(HeadingsCheckTest, SameHeadingOncePerTabIsNotADuplicate) {
  // The tabs of opentelemetry-docs/docs/languages/java/intro.md (lines
  // 135-155), each given the same heading.
  EXPECT_THAT(Check("---\ntitle: Intro to OpenTelemetry Java\n---\n"
                    "## Dependencies\n\n"
                    "{{< tabpane text=true >}} {{% tab \"Gradle\" %}}\n\n"
                    "### Add the BOM\n\n"
                    "{{% /tab %}} {{% tab Maven %}}\n\n"
                    "### Add the BOM\n\n"
                    "{{% /tab %}} {{< /tabpane >}}\n"),
              IsEmpty());
}

TEST(HeadingsCheckTest, MdxTabItemsAreScopesToo) {
  // astro-docs/reference/font-provider-reference.mdx, lines 255-279, with
  // a heading in each <TabItem>.
  EXPECT_THAT(Check("---\ntitle: Font provider API\n---\n"
                    "## Defining the source\n\n"
                    "<Tabs>\n<TabItem label=\"Relative path\">\n\n"
                    "#### Example\n\n</TabItem>\n"
                    "<TabItem label=\"URL\">\n\n#### Example\n\n</TabItem>\n"
                    "</Tabs>\n",
                    "", "font-provider-reference.mdx"),
              IsEmpty());
}

TEST(HeadingsCheckTest, SameHeadingTwiceInOneTabIsStillADuplicate) {
  const auto f = Check(
      "---\ntitle: T\n---\n"
      "{{< tabpane text=true >}} {{% tab Maven %}}\n\n"
      "## Setup\n\n## Setup\n\n{{% /tab %}} {{< /tabpane >}}\n");
  EXPECT_THAT(Rules(f), ElementsAre("headings/duplicate"));
}

TEST(HeadingsCheckTest, HeadingsInTabsAreNotOutline) {
  // opentelemetry-docs/docs/zero-code/java/agent/annotations.md, lines
  // 15-43: an H3 inside the Gradle tab, under an H2; here under an H1 it
  // would skip a level, were it a section of the page.
  EXPECT_THAT(Check("# Annotations\n\n"
                    "{{< tabpane text=true >}} {{% tab \"Maven\" %}}\n\n"
                    "Text.\n\n"
                    "{{% /tab %}} {{% tab \"Gradle\" %}}\n\n"
                    "### Gradle\n\n"
                    "{{% /tab %}} {{< /tabpane >}}\n\n"
                    "## Creating spans around methods with `@WithSpan`\n"),
              IsEmpty());
}

TEST(HeadingsCheckTest, HeadingsInAsidesAreNotOutline) {
  // A heading inside a Starlight aside (the aside's text from
  // astro-docs/recipes/docker.mdx, lines 43-44).
  EXPECT_THAT(Check("---\ntitle: Build your Astro site with Docker\n---\n"
                    "## Creating a Dockerfile\n\n"
                    ":::tip[Keep this in mind]\n"
                    "##### Alpine images\n"
                    "These are just examples of Dockerfiles. You can "
                    "customize them to your needs.\n:::\n",
                    "max_depth: 4", "docker.mdx"),
              IsEmpty());
}

TEST(HeadingsCheckTest, HeadingsInGitHubAlertsAreNotOutline) {
  // powershell-docs/7.6/CimCmdlets/Register-CimIndicationEvent.md, lines
  // 85-88, with the note titled by a heading.
  EXPECT_THAT(Check("# Register-CimIndicationEvent\n\n"
                    "> [!NOTE]\n"
                    "> #### Run as Administrator\n"
                    "> For this example, you must run PowerShell as an "
                    "Administrator.\n\n"
                    "## Example 2: Register the events using a query\n"),
              IsEmpty());
}

TEST(HeadingsCheckTest, CalloutLabelHeadingsAreNotOutline) {
  // Admonitions styled as headings, with sentences from
  // opentelemetry-docs/docs/zero-code/java/spring-boot-starter/
  // annotations.md (line 88) and powershell-docs (Register-CimIndicationEvent,
  // line 86).
  EXPECT_THAT(Check("---\ntitle: Annotations\n---\n"
                    "## Setup\n\n"
                    "##### Note\n\n"
                    "To be able to use the OpenTelemetry annotations, you "
                    "have to add the Spring Boot Starter AOP dependency to "
                    "your project.\n\n"
                    "### Dependencies\n\n"
                    "#### Important:\n\n"
                    "For this example, you must run PowerShell as an "
                    "Administrator.\n\n"
                    "#### Important:\n\nAgain.\n",
                    "max_depth: 3"),
              IsEmpty());
}

TEST(HeadingsCheckTest, MarkerHeadingIsNotOutline) {
  EXPECT_THAT(Check("---\ntitle: T\n---\n## Setup\n\nText.\n\n"
                    "###### sbb-itb-4f1a2b3\n\n## Usage\n",
                    "max_depth: 4"),
              IsEmpty());
  // A section titled with code keeps its findings.
  EXPECT_THAT(Rules(Check("---\ntitle: T\n---\n## Setup\n\n"
                          "#### `e2e-test-1`\n")),
              ElementsAre("headings/skipped-level"));
}

TEST(HeadingsCheckTest, JsxHeadingElementsAreOutline) {
  // astro-docs/reference/cli-reference.mdx, lines 189-205: <h3>Flags</h3>
  // between the H2 and the H4s.
  EXPECT_THAT(Check("---\ntitle: CLI Commands\n---\n"
                    "## `astro dev`\n\n"
                    "<h3>Flags</h3>\n\n"
                    "<p><Since v=\"7.0.0\" /></p>\n\n"
                    "#### `--ignore-lock`\n",
                    "", "cli-reference.mdx"),
              IsEmpty());
}

TEST(HeadingsCheckTest, ImageHeadingWithAltTextIsNotEmpty) {
  EXPECT_THAT(
      Check("# T\n\n## <img src=\"/img/logos/opentelemetry.svg\" "
            "alt=\"OpenTelemetry\">\n\n## ![Jaeger](/img/jaeger.png)\n"),
      IsEmpty());
  EXPECT_THAT(Rules(Check("# T\n\n## <img src=\"/img/x.svg\">\n")),
              ElementsAre("headings/empty"));
}

TEST(HeadingsCheckTest, SkippedLevelSuggestionKeepsCode) {
  // astro-docs/reference/cli-reference.mdx, lines 189 and 205.
  const auto f = Check(
      "---\ntitle: CLI Commands\n---\n"
      "## `astro dev`\n\n#### `--ignore-lock` ####\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/skipped-level"));
  EXPECT_EQ(f[0].suggestion, "### `--ignore-lock`");
}

TEST(HeadingsCheckTest, MultipleH1SuggestionKeepsLinksAndCode) {
  // opentelemetry-docs/blog/2023/otel-in-focus-08.md, line 87, as an H1.
  const auto f = Check("# Title\n\n# [JavaScript](/docs/languages/js/) `v1`\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/multiple-h1"));
  EXPECT_EQ(f[0].suggestion, "## [JavaScript](/docs/languages/js/) `v1`");
}

TEST(HeadingsCheckTest, SecondH1NamesTheFirstBodyH1EvenWithATitle) {
  // opensearch-docs/_analyzers/supported-analyzers/stop.md: a front-matter
  // title, the H1 on line 8 and a second on line 121 (here 6 and 8). The
  // front-matter title is not counted as an H1 here (Jekyll and docfx pages
  // also have one in the body), so the first H1 named is the body's.
  const auto f = Check(
      "---\ntitle: Stop\n---\n\n\n# Stop analyzer\n\n"
      "# Specifying stopwords\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/multiple-h1"));
  EXPECT_THAT(f[0].message, ::testing::HasSubstr("the first is on line 6"));
}

TEST(HeadingsCheckTest, RealOutlineSkipsAgreeWithMd001) {
  // opensearch-docs/_api-reference/common-parameters.md, lines 9-19:
  // markdownlint's MD001 reports line 19 too.
  const auto f = Check(
      "---\ntitle: Common REST parameters\n---\n"
      "# Common REST parameters \n\n"
      "## Human-readable output\n\n"
      "#### Example request\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/skipped-level"));
  EXPECT_EQ(f[0].range.line, 8);
}

// project-goals-2026-04.md (Rust blog): each goal quotes its owners'
// GitHub comments, and each comment brings its own "#### autodiff".
TEST(HeadingsCheckTest, HeadingsInBlockQuotesAreQuotedNotOutline) {
  EXPECT_THAT(Check("# T\n\n## Goal\n\n"
                    "> #### autodiff\n>\n> first update\n\n"
                    "> #### autodiff\n>\n> second update\n\n"
                    "> ###### Deep\n"),
              IsEmpty());
}

TEST(AdmonitionLabelTest, NamesWithBlanksCaseAndPunctuation) {
  EXPECT_TRUE(IsAdmonitionLabel("Note"));
  EXPECT_TRUE(IsAdmonitionLabel("  ATTENTION:  "));
  EXPECT_TRUE(IsAdmonitionLabel("\t Attention!\r\n"));
  EXPECT_TRUE(IsAdmonitionLabel("   \t\t   Important:   \n\n"));
  EXPECT_FALSE(IsAdmonitionLabel("Attention!!"));
  EXPECT_FALSE(IsAdmonitionLabel("Attentions:"));
  EXPECT_FALSE(IsAdmonitionLabel("Note well"));
  EXPECT_FALSE(IsAdmonitionLabel("Notes on the release"));
  EXPECT_FALSE(IsAdmonitionLabel(""));
}

TEST(HeadingsCheckTest, AdmonitionHeadingsStayScoped) {
  // "> [!NOTE]" is a scope, not a quote: its repeated heading is still
  // one box's duplicate.
  EXPECT_THAT(Rules(Check("# T\n\n> [!NOTE]\n> ## Same\n>\n> ## Same\n")),
              ElementsAre("headings/duplicate"));
}

// create-controller.md (OpenSearch): each "Example response" answers the
// "Example request: <variant>" just above it.
TEST(HeadingsCheckTest, ResponsePairedWithDistinctRequestIsNoDuplicate) {
  EXPECT_THAT(Check("# T\n\n## Example request: Create\n\n## Example response\n"
                    "\n## Example request: Delete\n\n## Example response\n"),
              IsEmpty());
  // update-model.md: "Example requests: Updating the guardrails".
  EXPECT_THAT(Check("# T\n\n## Example requests: A\n\n## Example response\n"
                    "\n## Example request: B\n\n## Example response\n"),
              IsEmpty());
}

// delimited-payload.md (OpenSearch, _analyzers/token-filters/): "##
// Example without a stored payload" / "## Generated tokens", then "##
// Example with a stored payload" / "## Generated tokens"; each "Generated
// tokens" shows the tokens of the example just above it.
TEST(HeadingsCheckTest, ExampleNamedInWordsPairsLikeASeries) {
  EXPECT_THAT(Check("# T\n\n## Example without a stored payload\n\n"
                    "## Generated tokens\n\n## Example with a stored payload\n"
                    "\n## Generated tokens\n"),
              IsEmpty());
  // path-hierarchy.md, pattern.md: "Example using ..." is of the series.
  EXPECT_THAT(Check("# T\n\n## Example using a group parameter\n\n## Output\n"
                    "\n## Example: Default settings\n\n## Output\n"),
              IsEmpty());
  // "Example request" / "Example response" name no variant: a bare third
  // "Example response" (ad/api.md:430) is still a duplicate.
  EXPECT_THAT(Rules(Check("# T\n\n## Example request\n\n## Example response\n"
                          "\n## Example response\n")),
              ElementsAre("headings/duplicate"));
}

// execute-tool.md (OpenSearch, _ml-commons-plugin/api/): "### Example 1:
// Simple tool execution" / "### Example response", then "### Example 2:
// Complex tool execution" / "### Example response".
TEST(HeadingsCheckTest, NumberedExamplesAreOneSeries) {
  EXPECT_THAT(Check("# T\n\n## Example 1: Simple tool execution\n\n"
                    "## Example response\n\n## Example 2: Complex tool "
                    "execution\n\n## Example response\n"),
              IsEmpty());
  // A number alone before the colon is no series label.
  EXPECT_THAT(Rules(Check("# T\n\n## 1: A\n\n## Response\n\n## 2: B\n\n"
                          "## Response\n")),
              ElementsAre("headings/duplicate"));
}

// community_id.md (OpenSearch): each "#### Response" follows its own bold
// step label.
TEST(HeadingsCheckTest, ResponseLedByItsOwnStepLabelIsNoDuplicate) {
  EXPECT_THAT(Check("# T\n\n## Using\n\n**Step 2: Test the pipeline**\n\nrun\n"
                    "\n### Response\n\n**Step 3: Ingest a document.**\n"
                    "\n### Response\n"),
              IsEmpty());
  // The same step label, or only one of them led: still a duplicate.
  EXPECT_THAT(Rules(Check("# T\n\n## Using\n\n**Step 2**\n\n### Response\n"
                          "\n**Step 2**\n\n### Response\n\n### Response\n")),
              ElementsAre("headings/duplicate", "headings/duplicate"));
}

TEST(HeadingsCheckTest, PairingNeedsASeriesOfDistinctVariants) {
  // get-message.md: the request headings repeat too.
  EXPECT_THAT(Rules(Check("# T\n\n## Example request\n\n## Example response\n"
                          "\n## Example request\n\n## Example response\n")),
              ElementsAre("headings/duplicate", "headings/duplicate"));
  // ml.md (PPL): "Parameters" after each algorithm, no series label.
  EXPECT_THAT(Rules(Check("# T\n\n## Anomaly detection\n\n## Parameters\n"
                          "\n## K-means clustering\n\n## Parameters\n")),
              ElementsAre("headings/duplicate"));
}

// otel-in-focus-04.md (OpenTelemetry blog): H5 link labels under an H2,
// after the writer told markdownlint the levels are deliberate.
TEST(HeadingsCheckTest, MarkdownlintHeadingIncrementWaiverDeclaresLevels) {
  const std::string body =
      "## Releases\n\n<!-- markdownlint-disable heading-increment -->\n\n"
      "##### [Go](/docs/go/)\n\n<!-- markdownlint-enable MD001 -->\n\n"
      "## News\n\n##### Late\n";
  const auto f = Check("---\ntitle: T\n---\n\n" + body, "max_depth: 4");
  ASSERT_THAT(Rules(f),
              ElementsAre("headings/skipped-level", "headings/max-depth"));
  EXPECT_EQ(f[0].range.line, 15);
  // Other rules named, or one line only: no waiver of the levels.
  EXPECT_THAT(
      Rules(Check("# T\n\n<!-- markdownlint-disable MD013 -->\n\n### A\n"
                  "\n<!-- markdownlint-disable-next-line -->\n##### B\n")),
      ElementsAre("headings/skipped-level", "headings/skipped-level"));
  EXPECT_THAT(Check("<!-- markdownlint-disable-file -->\n# T\n\n### A\n"),
              IsEmpty());
}

// Rust-1.14.md (Rust blog): the site renders the title as an <h2>, and the
// post starts at H3.
TEST(HeadingsCheckTest, FrontMatterTitleLevelSetsWhereTheBodyStarts) {
  const std::string post =
      "+++\ntitle = \"Announcing Rust 1.14\"\n+++\n\n"
      "### What's in 1.14.0 stable\n\n##### Deep\n";
  EXPECT_THAT(Rules(Check(post, "front_matter_title_level: 1")),
              ElementsAre("headings/skipped-level", "headings/skipped-level"));
  const auto f = Check(post, "front_matter_title_level: 2");
  ASSERT_THAT(Rules(f), ElementsAre("headings/skipped-level"));
  EXPECT_EQ(f[0].range.line, 7);
}

// Found by verifier_fuzz: a rule list that goes on after a line break
// ("heading-increment\r\n  MD013") once made the directive reader spin.
TEST(HeadingsCheckTest, WaiverNamesAcrossLineBreaksAreRead) {
  EXPECT_THAT(
      Rules(
          Check("<!-- markdownlint-disable\r\n\n MD001\n-->\n# T\n\n### A\n")),
      IsEmpty());
  EXPECT_THAT(
      Rules(Check("<!-- markdownlint-disable MD013\n\r\n -->\n# T\n\n### A\n")),
      ElementsAre("headings/skipped-level"));
}

TEST(HeadingsCheckTest, SettingsAreValidated) {
  std::vector<ConfigError> errors;
  EXPECT_EQ(BuildCheck("headings", "max_depth: 9\nbogus: 1", &errors), nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].ToString(),
            "test.yaml:1:12: checks.headings: max_depth: must be from 1 to "
            "6, got 9");
  EXPECT_EQ(errors[1].ToString(),
            "test.yaml:2:1: checks.headings: unknown key 'bogus'");
  errors.clear();
  EXPECT_EQ(BuildCheck("headings", "front_matter_title_level: 6", &errors),
            nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "test.yaml:1:27: checks.headings: front_matter_title_level: must "
            "be from 0 to 5, got 6");
}

}  // namespace
}  // namespace proofgate
