// The terminology check: preferred terms with their exact replacement and
// fix, consistency within a draft, what is never scanned, settings errors.
#include <gtest/gtest.h>

#include <string>

#include "tests/check_harness.h"

namespace proofgate {
namespace {

using testing::BookErrors;
using testing::Rules;
using testing::RunCheck;

constexpr const char* kPreferred =
    "preferred:\n  JavaScript: [Javascript, javascript, Java Script]\n";

TEST(TerminologyCheckTest, PreferredTermWithExactRangeAndFix) {
  const auto found =
      RunCheck("terminology", "# T\n\nWrite Javascript today.\n", kPreferred);
  ASSERT_EQ(Rules(found), std::vector<std::string>{"terminology/preferred"});
  const Finding& f = found[0];
  EXPECT_EQ(f.range, (SourceRange{3, 7, 3, 17}));
  EXPECT_EQ(f.suggestion, "JavaScript");
  EXPECT_EQ(f.message, "Write \"JavaScript\", not \"Javascript\".");
  ASSERT_TRUE(f.fix.has_value());
  EXPECT_EQ(f.fix->range, f.range);
  EXPECT_EQ(f.fix->original, "Javascript");
  EXPECT_EQ(f.fix->text, "JavaScript");
}

TEST(TerminologyCheckTest, PreferredTermIsCaseSensitiveAndOnWordBoundaries) {
  EXPECT_TRUE(RunCheck("terminology",
                       "# T\n\nJavaScript and Javascripts and JAVASCRIPT.\n",
                       kPreferred)
                  .empty());
  // Headings and link text are scanned; a link's URL is not.
  const auto found = RunCheck(
      "terminology",
      "# Java Script\n\nSee [the javascript guide](https://javascript.info).\n",
      kPreferred);
  EXPECT_EQ(found.size(), 2u);
}

TEST(TerminologyCheckTest, NeverCodeUrlsOrFrontMatter) {
  const auto found =
      RunCheck("terminology",
               "---\njavascript: true\ntitle: Javascript\n---\n"
               "# T\n\nUse `javascript` and https://javascript.info"
               " and <https://a.example/javascript>.\n\n"
               "```\nJavascript\n```\n",
               kPreferred);
  EXPECT_TRUE(found.empty()) << found.size();
}

TEST(TerminologyCheckTest, PathsHostsAndTemplatingAreNames) {
  EXPECT_TRUE(RunCheck("terminology",
                       "# T\n\nSee javascript/guide, javascript.info, "
                       "@javascript, my-javascript and "
                       "{{% tab lang=javascript %}} here.\n",
                       kPreferred)
                  .empty());
}

TEST(TerminologyCheckTest, MarkupInsideTheMatchMeansNoFix) {
  const auto found =
      RunCheck("terminology", "# T\n\nJava\\ Script is fun.\n", kPreferred);
  for (const Finding& f : found) EXPECT_FALSE(f.fix.has_value());
}

TEST(TerminologyCheckTest, FirstUsedFormWins) {
  const auto found =
      RunCheck("terminology",
               "# T\n\nSend an email. The e-mail arrives. E-mails are fast.\n",
               "consistency: true\n");
  ASSERT_EQ(Rules(found),
            (std::vector<std::string>{"terminology/inconsistent",
                                      "terminology/inconsistent"}));
  EXPECT_EQ(found[0].suggestion, "email");
  EXPECT_EQ(found[0].range, (SourceRange{3, 20, 3, 26}));
  EXPECT_NE(found[0].message.find("first writes \"email\" (line 3)"),
            std::string::npos)
      << found[0].message;
  EXPECT_EQ(found[1].suggestion, "Emails");  // the case of what it replaces
  ASSERT_TRUE(found[1].fix.has_value());
  EXPECT_EQ(found[1].fix->text, "Emails");
}

TEST(TerminologyCheckTest, UsAndUkSpellingAndInflections) {
  const auto found =
      RunCheck("terminology",
               "# T\n\nWe organize files. They were organised by colour and "
               "color.\n",
               "consistency: true\n");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].suggestion, "organized");
  EXPECT_EQ(found[1].suggestion, "colour");
}

TEST(TerminologyCheckTest, NamesKeepTheirSpelling) {
  EXPECT_TRUE(RunCheck("terminology",
                       "# T\n\nThe colour is set in the Color Picker. Set "
                       "**Username** and the username.\n\nUse the UserName "
                       "parameter or the user name.\n",
                       "consistency: true\n")
                  .size() == 1u);  // only "user name" after "username"
}

// docs/languages/erlang/sampling.md (OpenTelemetry): "## Default
// behavior" in prose, then "Custom samplers can be created by implementing
// the [`otel_sampler` behaviour](...)", the Erlang construct, which the
// front matter lists in "cSpell:ignore: behaviour defmodule healthcheck".
TEST(TerminologyCheckTest, SpellingTheSpellCheckerAcceptsKeepsIt) {
  const std::string body =
      "## Default behavior\n\nCustom samplers can be created by implementing "
      "the [`otel_sampler` behaviour](https://hexdocs.pm/x.html).\n";
  EXPECT_TRUE(RunCheck("terminology",
                       "---\ntitle: Sampling\n# For the writing of behaviour, "
                       "see the Erlang reference\ncSpell:ignore: behaviour "
                       "defmodule healthcheck\n---\n\n" +
                           body,
                       "consistency: true\n")
                  .empty());
  // In an HTML comment, separated by commas, in any case: "colour" is
  // neither counted nor reported; other families are still checked.
  const auto found = RunCheck(
      "terminology",
      "# T\n\n<!-- cspell:words Colour, behaviour -->\n\nThe colour and the "
      "color. We organize, they organise.\n",
      "consistency: true\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].range.line, 5);
  EXPECT_EQ(found[0].suggestion, "organize");
  // Without the directive the same page is inconsistent.
  EXPECT_EQ(RunCheck("terminology", "---\ntitle: S\n---\n\n" + body,
                     "consistency: true\n")
                .size(),
            1u);
}

TEST(TerminologyCheckTest, PreferredFormOfAFamilyWins) {
  const auto found =
      RunCheck("terminology", "# T\n\nAn e-mail first, then an email.\n",
               "preferred: {email: [e-mail]}\n"
               "consistency: true\n");
  ASSERT_EQ(Rules(found), std::vector<std::string>{"terminology/preferred"});
  EXPECT_EQ(found[0].suggestion, "email");
}

TEST(TerminologyCheckTest, ConsistencyIsOffByDefault) {
  EXPECT_TRUE(RunCheck("terminology", "# T\n\nemail and e-mail\n", "").empty());
}

TEST(TerminologyCheckTest, BadSettingsPointAtTheValue) {
  EXPECT_EQ(BookErrors("terminology", "    preferred: [JavaScript]\n"),
            std::vector<std::string>{
                "book.yaml:5:16: checks.terminology: preferred: expected a "
                "map, preferred term -> list of variants, such as "
                "{JavaScript: [Javascript, javascript]}"});
  EXPECT_EQ(BookErrors("terminology",
                       "    preferred:\n      JavaScript: [JavaScript]\n"),
            std::vector<std::string>{
                "book.yaml:6:20: checks.terminology: preferred.JavaScript: a "
                "variant must differ from its preferred term"});
  EXPECT_EQ(BookErrors("terminology", "    consistency: maybe\n"),
            std::vector<std::string>{
                "book.yaml:5:18: checks.terminology: consistency: expected "
                "true or false"});
  EXPECT_EQ(BookErrors("terminology", "    preferd: {}\n").size(), 1u);
}

}  // namespace
}  // namespace proofgate
