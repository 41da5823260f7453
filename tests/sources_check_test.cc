// The sources check: unattributed quotes, orphan footnotes, uncited
// front-matter sources, untrusted citations; ranges, suppression and
// settings errors with file:line:col.
#include <gtest/gtest.h>

#include <string>

#include "checks/document/document.h"
#include "rules/verifier.h"
#include "tests/check_harness.h"

namespace proofgate {
namespace {

using testing::BookErrors;
using testing::Rules;
using testing::RunCheck;

const std::vector<std::string> kQuote = {"sources/unattributed-quote"};
const std::vector<std::string> kFootnote = {"sources/orphan-footnote"};

// --- sources/unattributed-quote ---------------------------------------

TEST(SourcesCheckTest, InlineQuoteSaidBySomeoneWithoutSource) {
  const auto found = RunCheck(
      "sources",
      "# T\n\n\"We will ship the new engine before the end of the year,\" "
      "said Jane Doe.\n");
  ASSERT_EQ(Rules(found), kQuote);
  // The quoted passage, its marks included.
  EXPECT_EQ(found[0].range, (SourceRange{3, 1, 3, 58}));
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  EXPECT_DOUBLE_EQ(found[0].confidence, 0.9);
}

TEST(SourcesCheckTest, InlineQuoteForms) {
  // Speaker before the quote, "according to", curly quotes, a pronoun.
  for (const char* text : {
           "# T\n\nJane Doe said: \"the new engine ships before the end of "
           "the year\".\n",
           "# T\n\nAccording to Acme, “the new engine ships before the end "
           "of the year”.\n",
           "# T\n\n\"The new engine ships before the end of the year,\" she "
           "added.\n",
       }) {
    EXPECT_EQ(Rules(RunCheck("sources", text)), kQuote) << text;
  }
}

TEST(SourcesCheckTest, QuoteWithALinkOrCitationNearbyIsSourced) {
  for (const char* text : {
           "# T\n\n\"We will ship the new engine before the end of the "
           "year,\" said [Jane Doe](https://example.com/keynote).\n",
           "# T\n\n\"We will ship the new engine before the end of the "
           "year,\" said Jane Doe. Watch [the keynote](https://e.com/k).\n",
           "# T\n\n\"We will ship the new engine before the end of the "
           "year,\" said Jane Doe[^1].\n\n[^1]: Keynote, 2024.\n",
           "# T\n\n\"We will ship the new engine before the end of the "
           "year,\" said Jane Doe (Doe, 2024).\n",
       }) {
    EXPECT_TRUE(RunCheck("sources", text).empty()) << text;
  }
}

TEST(SourcesCheckTest, NotQuotations) {
  for (const char* text : {
           // A quoted UI string and an error message: no speaker.
           "# T\n\nClick \"Save and publish all of the changes now\" to "
           "finish.\n",
           "# T\n\nThe error says \"could not open the file for reading "
           "here\", so check it.\n",
           // Too short to be a quotation.
           "# T\n\n\"Ship it,\" said Jane.\n",
           // In code.
           "# T\n\n`\"We will ship the new engine before the year,\" said "
           "Jane`\n",
           // Callouts and an unattributed block quote.
           "# T\n\n> **Note**\n> Back up the database before you upgrade "
           "the engine.\n",
           "# T\n\n> [!NOTE]\n> Back up the database before you upgrade.\n",
           "# T\n\n> Back up the database before you upgrade the engine.\n",
           // The author ("I'm often asked:").
           "# T\n\nI'm often asked: \"How do you find what the commands are "
           "in this shell?\"\n",
       }) {
    EXPECT_TRUE(RunCheck("sources", text).empty()) << text;
  }
}

TEST(SourcesCheckTest, AttributedBlockQuote) {
  const char* text =
      "# T\n\n> Within the last three years we turned the tool into a "
      "daily part of our work.\n>\n> — Jane Doe\n";
  const auto found = RunCheck("sources", text);
  ASSERT_EQ(Rules(found), kQuote);
  EXPECT_EQ(found[0].range.line, 3);
  EXPECT_EQ(found[0].range.column, 3);
  // A lead-in names the speaker.
  EXPECT_EQ(Rules(RunCheck("sources",
                           "# T\n\nAs Jane Doe put it:\n\n> The tool became "
                           "a daily part of our work.\n")),
            kQuote);
  // Sourced in the attribution line.
  EXPECT_TRUE(RunCheck("sources",
                       "# T\n\n> The tool became a daily part of our work.\n"
                       ">\n> — Jane Doe, [keynote](https://e.com/k)\n")
                  .empty());
}

TEST(SourcesCheckTest, AnonymousAndOwnResearchQuotesAreNotReported) {
  // Attributed to a role, not someone: an anonymous interviewee.
  EXPECT_TRUE(RunCheck("sources",
                       "# T\n\n> \"Rust was the replacement for C I had been "
                       "looking for.\" -- Principal Firmware Engineer\n")
                  .empty());
  // The page reports its own interviews.
  EXPECT_TRUE(RunCheck("sources",
                       "# T\n\nWe interviewed 70 users.\n\n> The tool became "
                       "a daily part of our work.\n>\n> — Jane Doe\n")
                  .empty());
  // The attribution cites the work.
  EXPECT_TRUE(RunCheck("sources",
                       "# T\n\n> Whatever remains, however improbable, must "
                       "be the truth.\n>\n> -- Doyle, \"The Blanched "
                       "Soldier\"\n")
                  .empty());
}

// --- sources/orphan-footnote ------------------------------------------

TEST(SourcesCheckTest, UndefinedFootnoteReference) {
  const auto found = RunCheck(
      "sources", "# T\n\nA claim[^1] and another[^2].\n\n[^1]: Src.\n");
  ASSERT_EQ(Rules(found), kFootnote);
  EXPECT_EQ(found[0].range, (SourceRange{3, 24, 3, 28}));
  EXPECT_EQ(found[0].severity, Severity::kError);
  EXPECT_EQ(found[0].message,
            "The footnote reference '[^2]' has no definition: add '[^2]: "
            "...' with its source, or remove the reference.");
}

TEST(SourcesCheckTest, UnreferencedFootnoteDefinition) {
  const auto found = RunCheck(
      "sources",
      "# T\n\nA claim[^a].\n\n[^a]: Used.\n[^unused]: https://example.com\n");
  ASSERT_EQ(Rules(found), kFootnote);
  EXPECT_EQ(found[0].range, (SourceRange{6, 1, 6, 10}));
  EXPECT_EQ(found[0].message,
            "The footnote '[^unused]' is defined but never referenced: cite "
            "it in the text with '[^unused]', or remove it.");
}

TEST(SourcesCheckTest, FootnotesThatAreFine) {
  for (const char* text : {
           // Both ends, labels compared case-insensitively.
           "# T\n\nA claim[^Note].\n\n[^note]: Source.\n",
           // Code is not a reference or a definition.
           "# T\n\nMatch `[^a-z]` here.\n\n```\n[^x]: not a definition\n```\n",
           "# T\n\nUse the class `[^abc]` in a pattern:\n\n    [^abc]: x\n",
       }) {
    EXPECT_TRUE(RunCheck("sources", text).empty()) << text;
  }
  // With `footnotes: false`, nothing about them.
  EXPECT_TRUE(RunCheck("sources", "# T\n\nA claim[^9].\n", "footnotes: false\n")
                  .empty());
}

// --- sources/uncited-source -------------------------------------------

TEST(SourcesCheckTest, UncitedFrontMatterSource) {
  const char* text =
      "---\ntitle: T\nsources:\n  - https://example.com/report/\n"
      "  - {title: Data, url: \"https://data.example.org/set\"}\n---\n"
      "# T\n\nSee [the report](https://EXAMPLE.com/report#summary).\n";
  const auto found = RunCheck("sources", text);
  ASSERT_EQ(Rules(found), std::vector<std::string>{"sources/uncited-source"});
  EXPECT_EQ(found[0].range, (SourceRange{5, 24, 5, 54}));
  EXPECT_EQ(found[0].message,
            "The source 'https://data.example.org/set' is listed in the front "
            "matter's 'sources' but never cited: link it where the text "
            "relies on it, or drop it from the list.");
  // Another key, through front_matter_key.
  EXPECT_TRUE(RunCheck("sources", text, "front_matter_key: refs\n").empty());
}

// --- sources/untrusted-source -----------------------------------------

TEST(SourcesCheckTest, CitationsOutsideTheAllowListOrInTheDenyList) {
  const char* text =
      "# T\n\nAccording to [the survey](https://blog.example.net/s), most "
      "agree.\n\nRead [the docs](https://docs.example.net/x).\n\n"
      "A figure[^1].\n\n[^1]: See [the filing](https://www.sec.gov/f).\n";
  const auto found = RunCheck("sources", text, "trusted_sources: [.sec.gov]\n");
  ASSERT_EQ(Rules(found), std::vector<std::string>{"sources/untrusted-source"});
  EXPECT_EQ(found[0].range, (SourceRange{3, 14, 3, 54}));
  EXPECT_DOUBLE_EQ(found[0].confidence, 0.5);
  const auto denied =
      RunCheck("sources", text, "untrusted_sources: [www.sec.gov]\n");
  ASSERT_EQ(Rules(denied),
            std::vector<std::string>{"sources/untrusted-source"});
  EXPECT_EQ(denied[0].range.line, 9);
  // The site's own hosts are never judged; without lists, nothing is.
  EXPECT_TRUE(RunCheck("sources", text,
                       "trusted_sources: [.sec.gov]\nown_hosts: "
                       "[blog.example.net]\n")
                  .empty());
  EXPECT_TRUE(RunCheck("sources", text).empty());
  // "Source:" before a code span names where code lives.
  EXPECT_TRUE(RunCheck("sources",
                       "# T\n\nThe checker runs on save. Source: "
                       "[`scripts/check/`](https://github.com/a/b).\n",
                       "trusted_sources: [.sec.gov]\n")
                  .empty());
}

TEST(SourcesCheckTest, UntrustedSourceRoutesToReviewAndSuppresses) {
  testing::TempDir dir;
  const RulebookLoad load = testing::LoadBookWithCheck(
      dir, "sources", "    trusted_sources: [.sec.gov]\n");
  ASSERT_NE(load.rulebook, nullptr);
  const std::string text =
      "# T\n\nAccording to [a blog](https://blog.example.net/s), it "
      "grew.\n";
  const Verification v = Verify(*load.rulebook, *Document::Parse("d.md", text));
  ASSERT_EQ(Rules(v.findings),
            std::vector<std::string>{"sources/untrusted-source"});
  EXPECT_EQ(v.verdict, Verdict::kReview);
  const Verification waived = Verify(
      *load.rulebook,
      *Document::Parse("d.md",
                       "# T\n\n<!-- proofgate-disable sources/untrusted-source "
                       "reason=\"approved by compliance\" -->\n" +
                           text.substr(5)));
  ASSERT_EQ(waived.findings.size(), 1u);
  EXPECT_TRUE(waived.findings[0].suppressed);
  EXPECT_EQ(waived.verdict, Verdict::kPass);
}

TEST(SourcesCheckTest, OrphanFootnoteFailsAndSuppresses) {
  testing::TempDir dir;
  const RulebookLoad load =
      testing::LoadBookWithCheck(dir, "sources", "    {}\n");
  ASSERT_NE(load.rulebook, nullptr) << load.errors.size();
  EXPECT_EQ(Verify(*load.rulebook, *Document::Parse("d.md", "# T\n\nA[^1].\n"))
                .verdict,
            Verdict::kFail);
  const Verification v = Verify(
      *load.rulebook,
      *Document::Parse("d.md",
                       "# T\n\n<!-- proofgate-disable sources/orphan-footnote "
                       "reason=\"added by the site build\" -->\nA[^1].\n"));
  ASSERT_EQ(Rules(v.findings), kFootnote);
  EXPECT_TRUE(v.findings[0].suppressed);
  EXPECT_EQ(v.verdict, Verdict::kPass);
}

TEST(SourcesCheckTest, QuoteAndUncitedSourceSuppressNextLine) {
  testing::TempDir dir;
  const RulebookLoad load =
      testing::LoadBookWithCheck(dir, "sources", "    quote_min_words: 6\n");
  ASSERT_NE(load.rulebook, nullptr);
  const std::string text =
      "---\ntitle: T\nsources:\n"
      "  # proofgate-disable-next-line sources/uncited-source "
      "reason=\"print edition\"\n"
      "  - https://example.com/print\n---\n# T\n\n"
      "<!-- proofgate-disable-next-line sources/unattributed-quote "
      "reason=\"said to our reporter\" -->\n"
      "\"We will ship the new engine before the end of the year,\" said "
      "Jane Doe.\n";
  const Verification v = Verify(*load.rulebook, *Document::Parse("d.md", text));
  ASSERT_EQ(Rules(v.findings),
            (std::vector<std::string>{"sources/uncited-source",
                                      "sources/unattributed-quote"}));
  EXPECT_FALSE(v.findings[0].suppressed);  // YAML comments are no directive
  EXPECT_TRUE(v.findings[1].suppressed);
  EXPECT_EQ(v.findings[1].suppression_reason, "said to our reporter");
}

// --- settings -----------------------------------------------------------

TEST(SourcesCheckTest, BadSettingsPointAtTheValue) {
  EXPECT_EQ(BookErrors("sources", "    quote_min_words: 0\n"),
            std::vector<std::string>{
                "book.yaml:5:22: checks.sources: quote_min_words: must be from "
                "1 to 100, got 0"});
  const auto errors = BookErrors("sources",
                                 "    quotes: maybe\n"
                                 "    front_matter_key: \"\"\n"
                                 "    trusted_sources: [\"https://x.com/\"]\n"
                                 "    untrusted_sources: .example.com\n"
                                 "    typo: 1\n");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].substr(0, 15), "book.yaml:5:13:");
  EXPECT_EQ(errors[1].substr(0, 15), "book.yaml:6:23:");
  EXPECT_EQ(errors[2].substr(0, 15), "book.yaml:7:23:");
  EXPECT_EQ(errors[3].substr(0, 15), "book.yaml:8:24:");
  EXPECT_NE(errors[4].find("typo"), std::string::npos);
  EXPECT_EQ(BookErrors("sources",
                       "    trusted_sources: [.sec.gov]\n"
                       "    untrusted_sources: [.sec.gov]\n"),
            std::vector<std::string>{
                "book.yaml:6:24: checks.sources: untrusted_sources: "
                "'.sec.gov' is in both trusted_sources and "
                "untrusted_sources"});
}

}  // namespace
}  // namespace proofgate
