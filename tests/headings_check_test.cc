#include "checks/headings/headings_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/check_harness.h"

namespace proofgate {
namespace {

using ::proofgate::testing::BuildCheck;
using ::proofgate::testing::Rules;
using ::proofgate::testing::RunCheck;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<Finding> Check(const std::string& markdown,
                           const std::string& settings = "") {
  return RunCheck("headings", markdown, settings);
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

TEST(HeadingsCheckTest, FrontMatterTitleCountsForSkippedLevel) {
  const auto f = Check("---\ntitle: Hello\n---\n\n### Too deep\n");
  ASSERT_THAT(Rules(f), ElementsAre("headings/skipped-level"));
  EXPECT_EQ(f[0].range.line, 5);
  EXPECT_THAT(f[0].message, ::testing::HasSubstr("from H1 to H3"));
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

TEST(HeadingsCheckTest, SettingsAreValidated) {
  std::vector<ConfigError> errors;
  EXPECT_EQ(BuildCheck("headings", "max_depth: 9\nbogus: 1", &errors), nullptr);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].ToString(),
            "test.yaml:1:12: checks.headings: max_depth: must be from 1 to "
            "6, got 9");
  EXPECT_EQ(errors[1].ToString(),
            "test.yaml:2:1: checks.headings: unknown key 'bogus'");
}

}  // namespace
}  // namespace proofgate
