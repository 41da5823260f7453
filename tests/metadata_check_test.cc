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
  const auto f = Check("---\ntitle: Hi\n---\n");
  ASSERT_THAT(Rules(f), ElementsAre("metadata/title-length"));
  EXPECT_THAT(f[0].message, HasSubstr("only 2 characters"));
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
