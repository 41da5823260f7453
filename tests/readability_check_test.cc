// The readability check: word counts, syllables, the Flesch formulas on
// published worked examples, the passive heuristic, each rule, metrics.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "checks/readability/flesch.h"
#include "checks/readability/passive_voice.h"
#include "checks/readability/reader_words.h"
#include "checks/readability/syllables.h"
#include "daemon/drafts/draft_check.h"
#include "daemon/spool/proof_record.h"
#include "rules/rulebook_set.h"
#include "rules/verifier.h"
#include "tests/check_harness.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

using testing::BookErrors;
using testing::BuildCheck;
using testing::Rules;
using testing::RunCheck;

TEST(ReaderWordsTest, CountsWordsAsAReaderDoes) {
  EXPECT_EQ(
      ReaderWords("Don't use v1.2 or C++ - it's 3.5 times slower.").size(), 9u);
  // URLs and templating are not read as words; a lone dash is none.
  EXPECT_EQ(ReaderWords("See https://example.com/a — {{< ref x >}} now").size(),
            2u);
  EXPECT_EQ(ReaderWords("{% include a.html %}").size(), 0u);
}

TEST(SyllablesTest, VowelGroupsWithTheUsualCorrections) {
  EXPECT_EQ(CountSyllables("cat"), 1);
  EXPECT_EQ(CountSyllables("the"), 1);
  EXPECT_EQ(CountSyllables("make"), 1);
  EXPECT_EQ(CountSyllables("table"), 2);
  EXPECT_EQ(CountSyllables("used"), 1);
  EXPECT_EQ(CountSyllables("created"), 2);  // "ea" read as one group
  EXPECT_EQ(CountSyllables("pages"), 2);
  EXPECT_EQ(CountSyllables("being"), 2);
  EXPECT_EQ(CountSyllables("playing"), 2);
  EXPECT_EQ(CountSyllables("well-known"), 2);
  EXPECT_EQ(CountSyllables("2026"), 1);
  EXPECT_EQ(CountSyllables("sentence."), 2);
}

TextCounts Count(std::string_view sentence) { return CountSentence(sentence); }

// Worked examples of the Flesch reading-ease and Flesch-Kincaid articles
// (Wikipedia, "Flesch-Kincaid readability tests"): "The cat sat on the
// mat." scores 116; "This sentence, taken as a reading passage unto
// itself, is being used to prove a point." about 69 (16 words, 23
// syllables); "The Australian platypus is seemingly a hybrid of a mammal
// and reptilian creature." grade 11.3 (13 words, 24 syllables).
TEST(FleschTest, PublishedWorkedExamples) {
  const TextCounts cat = Count("The cat sat on the mat.");
  EXPECT_EQ(cat.words, 6);
  EXPECT_EQ(cat.syllables, 6);
  EXPECT_NEAR(FleschReadingEase(cat), 116.1, 0.05);

  const TextCounts point = Count(
      "This sentence, taken as a reading passage unto itself, is being used "
      "to prove a point.");
  EXPECT_EQ(point.words, 16);
  EXPECT_EQ(point.syllables, 23);
  EXPECT_NEAR(FleschReadingEase(point), 69.0, 0.05);

  const TextCounts platypus = Count(
      "The Australian platypus is seemingly a hybrid of a mammal and "
      "reptilian creature.");
  EXPECT_EQ(platypus.words, 13);
  EXPECT_EQ(platypus.syllables, 24);
  EXPECT_NEAR(FleschKincaidGrade(platypus), 11.3, 0.05);

  EXPECT_EQ(FleschReadingEase(TextCounts{}), 0);
  EXPECT_EQ(FleschKincaidGrade(TextCounts{}), 0);
}

TEST(PassiveVoiceTest, BeAndAParticiple) {
  EXPECT_TRUE(IsPassive("The file is created by the installer."));
  EXPECT_TRUE(IsPassive("It was written in Rust."));
  EXPECT_TRUE(IsPassive("The value is not always set."));
  EXPECT_TRUE(IsPassive("Errors were quickly reported."));
  EXPECT_TRUE(IsPassive("The change isn't built yet."));
  EXPECT_FALSE(IsPassive("The installer creates the file."));
  EXPECT_FALSE(IsPassive("You need a key."));
  EXPECT_FALSE(IsPassive("This is indeed fast."));
  EXPECT_FALSE(IsPassive("It is, admittedly, done."));  // a clause break
  EXPECT_FALSE(IsPassive("There are a hundred ways."));
}

std::string Words(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += i == 0 ? "Word" : " word";
  return out + ".";
}

TEST(ReadabilityCheckTest, SentenceLengthWithExactRange) {
  const std::string text = "# T\n\nShort one. " + Words(31) + "\n";
  const auto found = RunCheck("readability", text,
                              "max_sentence_words: 30\nmin_words: 0\n"
                              "min_flesch_reading_ease: 0\n"
                              "max_grade_level: 0\nmax_passive_percent: 0\n");
  ASSERT_EQ(Rules(found),
            std::vector<std::string>{"readability/sentence-length"});
  EXPECT_EQ(found[0].range.line, 3);
  EXPECT_EQ(found[0].range.column, 12);
  EXPECT_EQ(found[0].range.end_column, 12 + 31 * 5);
  EXPECT_NE(found[0].message.find("31 words"), std::string::npos);
}

// Found by verifier_fuzz (minimised): hard line breaks, an escaped '&',
// entities and a "www." the autolink extension tries and gives up on made
// the long sentence's start map after its end ("2:11-2:10"). A range
// never ends before it starts.
TEST(ReadabilityCheckTest, ALongSentenceRangeNeverEndsBeforeItStarts) {
  const std::string text =
      "\\\nl\\& Redwww. (e t f C\\\n&nbsp; f s d p o i e m\\\n"
      "&nbsp; n k e t p e k e m\\\n&nbsp; s k c m d p r a t r f Q\\\n"
      "&nbsp; y r r e";
  const auto found = RunCheck("readability", text, "max_sentence_words: 20\n");
  ASSERT_FALSE(found.empty());
  for (const Finding& f : found) {
    EXPECT_TRUE(f.range.end_line > f.range.line ||
                (f.range.end_line == f.range.line &&
                 f.range.end_column >= f.range.column))
        << f.rule << " " << f.range.line << ":" << f.range.column << "-"
        << f.range.end_line << ":" << f.range.end_column;
  }
}

TEST(ReadabilityCheckTest, ListsTablesQuotesAndCodeAreNotProse) {
  const std::string long_one = Words(45);
  const std::string text = "# T\n\n- " + long_one + "\n\n> " + long_one +
                           "\n\n| a |\n|---|\n| " + long_one + " |\n\n```\n" +
                           long_one + "\n```\n";
  EXPECT_TRUE(
      RunCheck("readability", text, "max_sentence_words: 40\n").empty());
}

TEST(ReadabilityCheckTest, CodeSpanStartingASentenceEndsTheOneBefore) {
  const std::string text =
      "# T\n\n" + Words(20) + " `List[T]` is " + Words(20) + "\n";
  EXPECT_TRUE(
      RunCheck("readability", text, "max_sentence_words: 30\n").empty());
}

TEST(ReadabilityCheckTest, ParagraphLength) {
  std::string paragraph;
  for (int i = 0; i < 16; ++i) paragraph += Words(10) + " ";
  const auto found = RunCheck("readability", "# T\n\n" + paragraph + "\n",
                              "max_paragraph_words: 150\nmin_words: 1000\n");
  ASSERT_EQ(Rules(found),
            std::vector<std::string>{"readability/paragraph-length"});
  EXPECT_EQ(found[0].range.line, 3);
  EXPECT_NE(found[0].message.find("160 words"), std::string::npos);
}

TEST(ReadabilityCheckTest, DraftLevelRulesNeedEnoughWords) {
  std::string hard;
  for (int i = 0; i < 30; ++i) {
    hard += "Comprehensive instrumentation was automatically configured. ";
  }
  const std::string settings =
      "max_sentence_words: 0\nmax_paragraph_words: 0\n"
      "min_flesch_reading_ease: 30\nmax_grade_level: 16\n"
      "max_passive_percent: 10\nmin_words: 100\n";
  const auto found = RunCheck("readability", "# T\n\n" + hard + "\n", settings);
  EXPECT_EQ(Rules(found),
            (std::vector<std::string>{"readability/reading-ease",
                                      "readability/grade-level",
                                      "readability/passive-voice"}));
  for (const Finding& f : found) EXPECT_EQ(f.range, SourceRange{});
  EXPECT_TRUE(RunCheck("readability",
                       "# T\n\nComprehensive instrumentation was configured.\n",
                       settings)
                  .empty());
}

TEST(ReadabilityCheckTest, MetricsEvenWhenNothingIsFound) {
  const auto check = BuildCheck("readability", "");
  ASSERT_NE(check, nullptr);
  const auto doc = Document::Parse("d.md", "# T\n\nThe cat sat on the mat.\n");
  std::vector<Finding> found;
  std::vector<Metric> metrics;
  check->RunMeasured(*doc, found, metrics);
  EXPECT_TRUE(found.empty());
  std::map<std::string, double> m;
  for (const Metric& x : metrics) m[x.name] = x.value;
  EXPECT_EQ(m["words"], 6);
  EXPECT_EQ(m["sentences"], 1);
  EXPECT_NEAR(m["flesch_reading_ease"], 116.1, 0.05);
  EXPECT_EQ(m["passive_percent"], 0);
  EXPECT_TRUE(m.count("flesch_kincaid_grade"));
  EXPECT_TRUE(m.count("long_sentences"));
}

TEST(ReadabilityCheckTest, SuppressedWithAReason) {
  const std::string text =
      "# T\n\n<!-- proofgate-disable readability/sentence-length "
      "reason=\"legal wording\" -->\n" +
      Words(45) + "\n";
  testing::TempDir dir;
  const RulebookLoad load = testing::LoadBookWithCheck(
      dir, "readability", "    max_sentence_words: 40\n");
  ASSERT_NE(load.rulebook, nullptr);
  const auto doc = Document::Parse("d.md", text);
  const Verification v = Verify(*load.rulebook, *doc);
  ASSERT_EQ(Rules(v.findings),
            std::vector<std::string>{"readability/sentence-length"});
  EXPECT_TRUE(v.findings[0].suppressed);
  EXPECT_EQ(v.findings[0].suppression_reason, "legal wording");
  EXPECT_EQ(v.verdict, Verdict::kPass);
  ASSERT_EQ(v.checks.size(), 1u);
  EXPECT_FALSE(v.checks[0].metrics.empty());
}

TEST(ReadabilityCheckTest, BadSettingsPointAtTheValue) {
  EXPECT_EQ(BookErrors("readability", "    max_sentence_words: many\n"),
            std::vector<std::string>{
                "book.yaml:5:25: checks.readability: max_sentence_words: "
                "expected a whole number from 0 to 1000, got 'many'"});
  const auto errors = BookErrors("readability",
                                 "    min_flesch_reading_ease: 200\n"
                                 "    max_grade_level: x\n"
                                 "    max_passive_percent: -1\n"
                                 "    min_words: 1.5\n"
                                 "    max_paragraph_words: []\n"
                                 "    typo: 1\n");
  // One error per key, each at its value's line and column.
  std::set<std::string> at;
  for (const std::string& e : errors) at.insert(e.substr(0, e.find(": ")));
  EXPECT_EQ(at, (std::set<std::string>{"book.yaml:5:30", "book.yaml:6:22",
                                       "book.yaml:7:26", "book.yaml:8:16",
                                       "book.yaml:9:26", "book.yaml:10:5"}));
}

// The proof record of a draft that passes under the shipped default
// rulebook still says what readability measured.
TEST(ReadabilityProofRecordTest, MetricsInEveryProofRecord) {
  const auto load = RulebookSet::FromPath(BooksDir() + "/default.yaml");
  ASSERT_TRUE(load);
  testing::TempDir dir;
  const auto file = dir.Write("a.md",
                              "---\ntitle: Cats\n---\n\n## Mats\n\n"
                              "The cat sat on the mat.\n");
  const DraftResult result = VerifyDraft(file.string(), **load, {});
  ASSERT_EQ(result.verification.verdict, Verdict::kPass);
  const nlohmann::json record = ProofRecordJson(result, ProofContext{});
  bool seen = false;
  for (const nlohmann::json& check : record["checks"]) {
    if (check["name"] != "readability") continue;
    seen = true;
    EXPECT_EQ(check["status"], "passed");
    EXPECT_EQ(check["metrics"]["words"], 6);
    EXPECT_EQ(check["metrics"]["flesch_reading_ease"], 116.1);
  }
  EXPECT_TRUE(seen) << record.dump();
}

}  // namespace
}  // namespace proofgate
