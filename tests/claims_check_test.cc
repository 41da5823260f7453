#include "checks/claims/claims_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "rules/rulebook.h"
#include "rules/verifier.h"
#include "tests/check_harness.h"
#include "tests/temp_dir.h"

namespace proofgate {
namespace {

using ::proofgate::testing::BookErrors;
using ::proofgate::testing::BuildCheck;
using ::proofgate::testing::LoadBookWithCheck;
using ::proofgate::testing::Rules;
using ::proofgate::testing::RunCheck;
using ::proofgate::testing::TempDir;
using ::testing::AllOf;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

std::vector<Finding> Check(const std::string& markdown,
                           const std::string& settings = "") {
  return RunCheck("claims", markdown, settings);
}

// The matched phrase of `f`, as the message quotes it.
std::string Phrase(const Finding& f) {
  const size_t open = f.message.find('\'');
  const size_t close = f.message.find("' ", open + 1);
  return f.message.substr(open + 1, close - open - 1);
}

std::vector<std::string> Phrases(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(Phrase(f));
  return out;
}

// Writes a rulebook with `claims_yaml` under `checks.claims` and loads it.
RulebookLoad LoadBook(const TempDir& dir, const std::string& claims_yaml) {
  return LoadBookWithCheck(dir, "claims", claims_yaml);
}

std::vector<std::string> RulebookErrors(const std::string& claims_yaml) {
  return BookErrors("claims", claims_yaml);
}

// ---- claims/unsupported-statistic ----

TEST(ClaimsStatisticTest, PercentageInAClaim) {
  const auto f =
      Check("# T\n\nAcme cuts hosting costs by 40% for most teams.\n");
  ASSERT_THAT(Rules(f), ElementsAre("claims/unsupported-statistic"));
  EXPECT_EQ(f[0].range, (SourceRange{3, 28, 3, 31}));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].confidence, 0.6);
  EXPECT_EQ(f[0].excerpt, "Acme cuts hosting costs by 40% for most teams.");
  EXPECT_THAT(f[0].message, StartsWith("'40%' is a statistic"));
}

TEST(ClaimsStatisticTest, MultiplesRatiosAndDoubling) {
  const auto f = Check(
      "Builds run 3x faster with Acme.\n\n"
      "In our survey, 4 of 5 developers chose Acme.\n\n"
      "Signups doubled after the launch.\n\n"
      "Nine out of ten admins agree. It is ten times more fun. It is twice "
      "as fast. Costs fell 5-fold.\n");
  EXPECT_THAT(Phrases(f),
              ElementsAre("3x faster", "4 of 5 developers", "doubled",
                          "Nine out of ten", "ten times more", "twice as fast",
                          "5-fold"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 12, 1, 21}));
  EXPECT_EQ(f[1].range, (SourceRange{3, 16, 3, 33}));
  EXPECT_EQ(f[2].range, (SourceRange{5, 9, 5, 16}));
  EXPECT_EQ(f[3].range, (SourceRange{7, 1, 7, 16}));
}

TEST(ClaimsStatisticTest, TechnicalNumbersAreNotClaims) {
  EXPECT_THAT(Check("Set the disk watermark to 85%.\n\n"
                    "The query returns 2.5% of documents.\n\n"
                    "When CPU usage exceeds 90% of the limit, scale out.\n\n"
                    "Step 2 of 5: install the agent.\n\n"
                    "Retry the request 3 times before failing.\n\n"
                    "Sample 1 in 100 requests.\n\n"
                    "Use a 2 x 2 grid. Double-click the icon. Java doubles "
                    "are 64-bit.\n"),
              IsEmpty());
}

TEST(ClaimsStatisticTest, SourceNearbySilences) {
  EXPECT_THAT(
      Check("Traffic grew 40% last year, see [the report](https://r.dev).\n\n"
            "Traffic grew 40% last year. The [report](https://r.dev) says "
            "so.\n\n"
            "Traffic grew 40% last year.[^1] More text.\n\n"
            "Traffic grew 40% last year [3].\n\n"
            "Traffic grew 40% last year (Smith et al., 2024).\n\n"
            "Traffic grew 40% last year (Source: internal analytics).\n\n"
            "Traffic grew 40% last year.\n\n"
            "See [analytics](https://a.dev).\n\n"
            "[^1]: Internal analytics, 2024.\n"),
      IsEmpty());
}

TEST(ClaimsStatisticTest, SourceUnderTheNextHeadingIsNotNearby) {
  // The next sentence reads on across a paragraph break, but not across a
  // heading: there it belongs to another section.
  EXPECT_THAT(Check("Builds run 3x faster now.\n\n"
                    "See [the report](https://example.com/r).\n"),
              IsEmpty());
  const auto f = Check(
      "Builds run 3x faster now.\n\n## Next steps\n\n"
      "See [the docs](https://example.com/d).\n");
  ASSERT_THAT(Rules(f), ElementsAre("claims/unsupported-statistic"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 12, 1, 21}));
}

TEST(ClaimsStatisticTest, SourceTwoSentencesLaterIsNotNearby) {
  const auto f = Check(
      "Traffic grew 40% last year. It was a good year. See "
      "[the report](https://r.dev).\n");
  ASSERT_THAT(Rules(f), ElementsAre("claims/unsupported-statistic"));
  // ...but it is in the paragraph: lower confidence, and the message says
  // where to look.
  EXPECT_THAT(f[0].confidence, DoubleNear(0.4, 1e-9));
  EXPECT_THAT(f[0].message, HasSubstr("cites a source elsewhere"));
}

TEST(ClaimsStatisticTest, CanBeTurnedOff) {
  EXPECT_THAT(Check("Acme cuts hosting costs by 40%.\n", "statistics: false"),
              IsEmpty());
}

// ---- claims/superlative ----

TEST(ClaimsSuperlativeTest, MarketingSuperlatives) {
  const auto f = Check(
      "Acme is the fastest database for analytics.\n\n"
      "Acme is the #1 choice of data teams.\n\n"
      "We are the world's leading provider of search.\n\n"
      "Guaranteed results in one week.\n\n"
      "Our industry-leading, best-in-class engine is unparalleled.\n\n"
      "All customers love it.\n");
  ASSERT_THAT(Rules(f), ::testing::Each("claims/superlative"));
  EXPECT_THAT(Phrases(f), ElementsAre("the fastest", "#1", "world's leading",
                                      "Guaranteed results", "industry-leading",
                                      "All customers"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 9, 1, 20}));
  EXPECT_EQ(f[0].confidence, 0.6);
  EXPECT_EQ(f[1].range, (SourceRange{3, 13, 3, 15}));
  EXPECT_EQ(f[2].range, (SourceRange{5, 12, 5, 27}));
  EXPECT_EQ(f[3].range, (SourceRange{7, 1, 7, 19}));
}

TEST(ClaimsSuperlativeTest, OneFindingPerRulePerSentence) {
  const auto f = Check("Acme is the fastest and the most secure database.\n");
  EXPECT_THAT(Phrases(f), ElementsAre("the fastest"));
}

TEST(ClaimsSuperlativeTest, HundredPercentIsASuperlativeNotAStatistic) {
  const auto f = Check("Acme is 100% secure by design.\n");
  ASSERT_THAT(Rules(f), ElementsAre("claims/superlative"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 9, 1, 20}));
}

TEST(ClaimsSuperlativeTest, HedgedOrQuestionLowersConfidence) {
  const auto f = Check(
      "Acme may be the fastest database.\n\n"
      "Is Acme the best database?\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_THAT(f[0].confidence, DoubleNear(0.4, 1e-9));
  EXPECT_THAT(f[1].confidence, DoubleNear(0.4, 1e-9));
}

TEST(ClaimsSuperlativeTest, AdviceAndTechnicalUsesAreNotClaims) {
  EXPECT_THAT(Check("The best way to start is the tutorial.\n\n"
                    "Follow best practices for indexing.\n\n"
                    "Delivery is best-effort. Pick the best-matching field.\n\n"
                    "For the best results, use SSDs.\n\n"
                    "See step #1 below. Fixed in issue #1.\n\n"
                    "Ordering is guaranteed within a partition.\n\n"
                    "This isn't 100% reliable.\n\n"
                    "Trim the leading slash. All clients reconnect.\n\n"
                    "We wish you all the best!\n"),
              IsEmpty());
}

TEST(ClaimsSuperlativeTest, BareAbsolutesOnlyWhenEnabled) {
  const std::string md =
      "Acme is always fast.\n\n"
      "Always set a password. Never commit secrets.\n\n"
      "It almost always works, but not every time.\n";
  EXPECT_THAT(Check(md), IsEmpty());
  const auto f = Check(md, "absolutes: true");
  ASSERT_THAT(Rules(f), ElementsAre("claims/superlative"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 9, 1, 15}));
  EXPECT_THAT(f[0].confidence, DoubleNear(0.4, 1e-9));
  EXPECT_THAT(f[0].message, HasSubstr("states an absolute"));
}

TEST(ClaimsSuperlativeTest, CanBeTurnedOff) {
  EXPECT_THAT(Check("Acme is the fastest database.\n", "superlatives: false"),
              IsEmpty());
}

// ---- claims/weasel-source ----

TEST(ClaimsWeaselTest, UnnamedEvidence) {
  const auto f = Check(
      "Studies show that remote teams ship sooner.\n\n"
      "It is well known that caches help.\n\n"
      "Many experts believe in Acme. Research has shown it works.\n");
  ASSERT_THAT(Rules(f), ::testing::Each("claims/weasel-source"));
  EXPECT_THAT(Phrases(f),
              ElementsAre("Studies show", "It is well known",
                          "Many experts believe", "Research has shown"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 1, 1, 13}));
  EXPECT_EQ(f[0].confidence, 0.7);
  EXPECT_EQ(f[1].range, (SourceRange{3, 1, 3, 17}));
}

TEST(ClaimsWeaselTest, NamedOrLinkedEvidenceIsFine) {
  EXPECT_THAT(Check("Research by Stanford shows remote teams ship sooner.\n\n"
                    "Studies show it, see [the study](https://s.dev/study).\n\n"
                    "Well-known ports are below 1024.\n"),
              IsEmpty());
}

TEST(ClaimsWeaselTest, CanBeTurnedOff) {
  EXPECT_THAT(Check("Studies show it.\n", "weasel_sources: false"), IsEmpty());
}

// ---- confidence ----

TEST(ClaimsConfidenceTest, NamedAttributionWithoutLink) {
  const auto f =
      Check("According to Gartner, 75% of companies will adopt Acme.\n");
  ASSERT_THAT(Rules(f), ElementsAre("claims/unsupported-statistic"));
  EXPECT_THAT(f[0].confidence, DoubleNear(0.4, 1e-9));
}

TEST(ClaimsConfidenceTest, TableCell) {
  const auto f = Check("| Claim |\n|---|\n| Acme is 40% faster |\n");
  ASSERT_THAT(Rules(f), ElementsAre("claims/unsupported-statistic"));
  EXPECT_EQ(f[0].range, (SourceRange{3, 11, 3, 14}));
  EXPECT_THAT(f[0].confidence, DoubleNear(0.5, 1e-9));
}

TEST(ClaimsConfidenceTest, FlooredAtOneTenth) {
  // Absolute 0.4, hedged -0.2, source elsewhere in the cell -0.2, table
  // cell -0.1: floored at 0.1.
  const auto f = Check(
      "| Claim |\n|---|\n| It may always work. Fine. Fine. See "
      "[x](https://x.dev). |\n",
      "absolutes: true");
  ASSERT_THAT(Rules(f), ElementsAre("claims/superlative"));
  EXPECT_THAT(f[0].confidence, DoubleNear(0.1, 1e-9));
}

TEST(ClaimsConfidenceTest, ClaimsSendADraftToReviewNotFail) {
  TempDir dir;
  const RulebookLoad load = LoadBook(dir, "    absolutes: true\n");
  ASSERT_NE(load.rulebook, nullptr);
  const auto doc = Document::Parse(
      "d.md",
      "Studies show Acme is the fastest: 10x faster, always, for 99% of "
      "customers.\n");
  const Verification v = Verify(*load.rulebook, *doc);
  ASSERT_EQ(v.findings.size(), 3u);
  for (const Finding& f : v.findings) {
    EXPECT_LT(f.confidence, load.rulebook->routing.min_confidence) << f.rule;
    EXPECT_GT(f.confidence, 0.0);
  }
  EXPECT_EQ(v.verdict, Verdict::kReview);
}

// ---- allow ----

TEST(ClaimsAllowTest, ExactPhraseIgnoresCaseAndSpacing) {
  const std::string settings = "allow: [\"the fastest   database\"]";
  EXPECT_THAT(Check("Acme is THE fastest\ndatabase for you.\n", settings),
              IsEmpty());
  EXPECT_THAT(Rules(Check("Acme is the fastest engine.\n", settings)),
              ElementsAre("claims/superlative"));
}

TEST(ClaimsAllowTest, PatternBetweenSlashes) {
  const std::string settings = "allow: [\"/[0-9]+% faster/\"]";
  EXPECT_THAT(Check("Acme is 40% faster than before.\n", settings), IsEmpty());
  EXPECT_THAT(Rules(Check("Acme is 40% cheaper than before.\n", settings)),
              ElementsAre("claims/unsupported-statistic"));
}

TEST(ClaimsAllowTest, SilencesTheWholeSentenceOnly) {
  const auto f = Check("Acme is the fastest database. Studies show it.\n",
                       "allow: \"the fastest database\"");
  ASSERT_THAT(Rules(f), ElementsAre("claims/weasel-source"));
}

// ---- settings ----

TEST(ClaimsSettingsTest, ErrorsPointIntoTheRulebook) {
  EXPECT_THAT(
      RulebookErrors(
          "    statistics: maybe\n"
          "    allow: [\"ok phrase\", \"/[unclosed/\", \"\", \"//\", "
          "[x]]\n"
          "    colour: x\n"),
      ElementsAre(
          "book.yaml:5:17: checks.claims: statistics: expected true or false",
          AllOf(StartsWith("book.yaml:6:26: checks.claims: allow: invalid "
                           "RE2 pattern /[unclosed/: "),
                HasSubstr("missing ]")),
          "book.yaml:6:41: checks.claims: allow: an allowed phrase cannot be "
          "empty",
          "book.yaml:6:45: checks.claims: allow: the pattern between the "
          "slashes is empty",
          "book.yaml:6:51: checks.claims: allow: expected a phrase or "
          "/pattern/ in the list",
          "book.yaml:7:5: checks.claims: unknown key 'colour'"));
}

TEST(ClaimsSettingsTest, AllowMustBeAList) {
  EXPECT_THAT(RulebookErrors("    allow: {a: b}\n"),
              ElementsAre("book.yaml:5:12: checks.claims: allow: expected a "
                          "list of phrases or /patterns/"));
}

TEST(ClaimsSettingsTest, EveryCategoryOffIsAnError) {
  EXPECT_THAT(RulebookErrors("    statistics: false\n"
                             "    superlatives: false\n"
                             "    weasel_sources: false\n"),
              ElementsAre("book.yaml:5:17: checks.claims: statistics: every "
                          "category (statistics, superlatives, absolutes, "
                          "weasel_sources) is off; turn the check off with "
                          "'enabled: false' instead"));
}

TEST(ClaimsSettingsTest, ValidSettingsLoad) {
  EXPECT_THAT(RulebookErrors("    statistics: true\n    superlatives: true\n"
                             "    absolutes: false\n    weasel_sources: true\n"
                             "    allow: [\"99.9% uptime\", \"/(?i)acme/\"]\n"),
              IsEmpty());
}

// ---- Document::footnote_references, which the check relies on ----

TEST(FootnoteReferencesTest, RecordedWithLabelAndRange) {
  const auto doc =
      Document::Parse("d.md",
                      "A claim[^note] and [^missing].\n\n> quoted[^2]\n\n"
                      "[^note]: The source.\n[^2]: Another.\n");
  const auto& refs = doc->footnote_references();
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0].label, "note");
  EXPECT_EQ(refs[0].range, (SourceRange{1, 8, 1, 15}));
  EXPECT_EQ(refs[1].label, "2");
  EXPECT_EQ(refs[1].range, (SourceRange{3, 9, 3, 13}));
}

// ---- contract ----

TEST(ClaimsCheckTest, RunIsConstAndThreadSafe) {
  const auto check = BuildCheck("claims", "absolutes: true");
  ASSERT_NE(check, nullptr);
  const auto doc = Document::Parse(
      "d.md",
      "Studies show Acme is the fastest. It is 40% cheaper for customers. "
      "It always works.\n\nAcme doubled revenue.\n");
  std::vector<Finding> expected;
  check->Run(*doc, expected);
  ASSERT_EQ(expected.size(), 5u);
  std::vector<std::vector<Finding>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back([&check, &doc, &r] {
      for (int i = 0; i < 20; ++i) {
        r.clear();
        check->Run(*doc, r);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(Rules(r), Rules(expected));
}

TEST(ClaimsCheckTest, RegisteredWithEveryRule) {
  const CheckSpec* spec = FindCheck("claims");
  ASSERT_NE(spec, nullptr);
  std::vector<std::string> ids;
  for (const RuleInfo& r : spec->rules) {
    ids.push_back(r.id);
    EXPECT_EQ(r.default_severity, Severity::kWarning);
  }
  EXPECT_THAT(ids, ElementsAre("claims/unsupported-statistic",
                               "claims/superlative", "claims/weasel-source"));
}

}  // namespace
}  // namespace proofgate
