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

// corpus-formats/rust-blog/Rust-1.64.0.md:291 and Rust-1.65.0.md:227: a
// release's notes state the release's own measured improvements.
TEST(ClaimsStatisticTest, ReleaseNotesStateTheirOwnChanges) {
  const std::string item =
      "* Windows builds now use profile-guided optimization, providing "
      "performance improvements of 10-20% for compiling code.\n";
  EXPECT_THAT(Check("---\ntitle: Announcing Rust 1.64.0\n---\n\n" + item),
              IsEmpty());
  EXPECT_THAT(Check("---\ntitle: Acme 2.3 is now available\n---\n\n- This "
                    "provides a 3-10% improvement in compile times.\n"),
              IsEmpty());
  // Not a release's notes, or a comparison with others: still a claim.
  EXPECT_THAT(Rules(Check("---\ntitle: Why Rust\n---\n\n" + item)),
              ElementsAre("claims/unsupported-statistic"));
  EXPECT_THAT(Rules(Check("---\ntitle: Announcing Acme 2.0\n---\n\n"
                          "Acme 2.0 builds 40% faster than Gradle.\n")),
              ElementsAre("claims/unsupported-statistic"));
}

// corpus-formats/rust-blog/inside-rust/compiler-team-reorg.md:15: the
// authors' rough estimate of their own project's growth.
TEST(ClaimsStatisticTest, RoughEstimateOfOwnGrowth) {
  EXPECT_THAT(Check("Since then the project has grown a lot - the compiler "
                    "receives roughly twice as many contributions, more "
                    "members take on work such as triage.\n"),
              IsEmpty());
  // Compared with something else, or not approximate: still a claim.
  EXPECT_THAT(Rules(Check("Since then the project has grown: the compiler is "
                          "roughly twice as fast as GCC.\n")),
              ElementsAre("claims/unsupported-statistic"));
  EXPECT_THAT(Rules(Check("Since then the project has grown: the compiler "
                          "receives twice as many contributions.\n")),
              ElementsAre("claims/unsupported-statistic"));
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
      "Satisfaction guaranteed in one week.\n\n"
      "Our engine is second to none.\n\n"
      "All customers love it.\n");
  ASSERT_THAT(Rules(f), ::testing::Each("claims/superlative"));
  EXPECT_THAT(Phrases(f), ElementsAre("the fastest", "#1", "world's leading",
                                      "Satisfaction guaranteed",
                                      "second to none", "All customers"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 9, 1, 20}));
  EXPECT_EQ(f[0].confidence, 0.6);
  EXPECT_EQ(f[1].range, (SourceRange{3, 13, 3, 15}));
  EXPECT_EQ(f[2].range, (SourceRange{5, 12, 5, 27}));
  EXPECT_EQ(f[3].range, (SourceRange{7, 1, 7, 24}));
}

TEST(ClaimsSuperlativeTest, OneFindingPerRulePerSentence) {
  const auto f = Check("Acme is the fastest and the most secure database.\n");
  EXPECT_THAT(Phrases(f), ElementsAre("the fastest"));
}

TEST(ClaimsSuperlativeTest, HundredPercentIsASuperlativeNotAStatistic) {
  const auto f = Check("Acme is 100% bug-free by design.\n");
  ASSERT_THAT(Rules(f), ElementsAre("claims/superlative"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 9, 1, 22}));
  // The prohibited check's absolute-claims list owns "100% secure": one
  // span, one finding.
  EXPECT_THAT(Check("Acme is 100% secure by design. Acme has 100% uptime.\n"),
              IsEmpty());
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
  const auto f =
      Check("| Claim |\n|---|\n| It may always work. Fine. Fine. See [3]. |\n",
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
      "Studies show Acme is the fastest database: 10x faster, always, for "
      "99% of customers.\n");
  const Verification v = Verify(*load.rulebook, *doc);
  ASSERT_EQ(v.findings.size(), 4u);
  for (const Finding& f : v.findings) {
    EXPECT_LT(f.confidence, load.rulebook->routing.min_confidence) << f.rule;
    EXPECT_GT(f.confidence, 0.0);
  }
  EXPECT_EQ(v.verdict, Verdict::kReview);
}

// ---- precision on real content (sentences from ../shared/corpus) ----

TEST(ClaimsPrecisionTest, NegatedSuperlativesAndStatistics) {
  // kubernetes-contributor-site/blog/2026/wg-device-management-spotlight.md:139
  // opentelemetry-docs/docs/concepts/sampling/index.md:14
  EXPECT_THAT(Check("It finds some solution, but it's not necessarily the best "
                    "one on the market.\n\n"
                    "You do not need 100% of your traces to observe your "
                    "systems.\n"),
              IsEmpty());
  // Not negated: opensearch-docs/_migrate-or-upgrade/rolling-upgrade/
  // index.md:286 (judged a true claim).
  EXPECT_THAT(Phrases(Check("By preserving quorum, rolling restarts ensure "
                            "zero downtime and full data continuity.\n")),
              ElementsAre("zero downtime"));
}

TEST(ClaimsPrecisionTest, TechnicalComparisonsAreNotMarketSuperlatives) {
  EXPECT_THAT(
      Check(
          // opentelemetry-docs/docs/collector/deploy/other/agent-to-gateway/
          // _index.md:412
          "OTLP provides the best compatibility across the OpenTelemetry "
          "ecosystem.\n\n"
          // powershell-docs/7.6/Microsoft.PowerShell.Core/About/
          // about_Thread_Jobs.md:149
          "Thread jobs provide the best performance when the work they "
          "perform is greater than the overhead.\n\n"
          // powershell-docs/docs-conceptual/developer/format/
          // creating-custom-controls.md:8
          "Custom controls are the most flexible components of a formatting "
          "file.\n\n"
          // powershell-docs/docs-conceptual/security/remoting/
          // PS-remoting-second-hop.md:37
          "You should enable CredSSP only in the most trusted "
          "environments.\n\n"
          // Generic and definitional (earlier review of marketing copy).
          "The best pattern is the one that your team can keep.\n\n"
          // rust-blog/Rust-1.12.1.md:100 (aspiration)
          "We want Rust to be the most reliable programming platform in the "
          "world.\n\n"
          // kubernetes-contributor-site/blog/2025/k8s-steering-spotlight.md:24
          "What does it take to lead one of the world's largest open source "
          "communities?\n\n"
          // powershell-docs/docs-conceptual/learn/ps101/
          // 05-formatting-aliases-providers-comparison.md:92
          "The number one thing to be aware of is the format objects.\n"),
      IsEmpty());
  // powershell-docs/docs-conceptual/learn/shell/optimize-shell.md:27 and
  // opentelemetry-docs/docs/platforms/mainframe.md:10 (true claims).
  EXPECT_THAT(Phrases(Check("PowerShell is a modern command shell that "
                            "includes the best features of other popular "
                            "shells.\n\n"
                            "Mainframes continue to run a large share of the "
                            "world’s most critical workloads.\n")),
              ElementsAre("the best", "world’s most critical"));
}

TEST(ClaimsPrecisionTest, SomeoneElsesWordsAndExamples) {
  EXPECT_THAT(
      Check(
          // opentelemetry-docs/blog/2023/end-user-q-and-a-04.md:302
          "\"It can get really noisy and not the best,\" says Jacob. \"The "
          "collector is the fastest tool to run this.\"\n\n"
          // opentelemetry-docs/blog/2024/humans-of-otel-eu-2024.md:464
          "**VIJAY SAMUEL:** I feel metrics are the most powerful tool.\n\n"
          "**ANA:** Hi.\n\n**BO:** The fastest database ever built.\n\n"
          "It doubled our revenue.\n\n"
          "> Acme cut our costs by 40%.\n\n"
          // opensearch-docs/_query-dsl/minimum-should-match.md:13
          "The following example requires a document to match at least two "
          "out of three search terms:\n\n"
          // opensearch-docs/_aggregations/bucket/multi-terms.md:33
          "The following example identifies the most popular product "
          "categories.\n\n"
          "| Example | Claim |\n|---|---|\n| Acme | 3x faster builds |\n"),
      IsEmpty());
}

TEST(ClaimsPrecisionTest, WordsThatAreNotStatistics) {
  EXPECT_THAT(
      Check(
          // powershell-docs/docs-conceptual/lang-spec/chapter-02.md:1087
          "Single quotes need not be doubled-up.\n\n"
          // opensearch-docs/_api-reference/index-apis/split.md:25
          "The value defaults to one that permits repeated doubling up to a "
          "maximum of 1,024 shards.\n\n"
          // powershell-docs/7.6/Microsoft.PowerShell.Core/About/
          // about_Operators.md:490
          "You can escape them by doubling the curly braces.\n\n"
          // opentelemetry-docs/_index.md:77
          "OpenTelemetry is 100% open source and vendor-neutral.\n\n"
          // rust-blog/Project-Goals-Dec-Update.md:253
          "3 out of 14 challenges have been solved.\n\n"
          "## Top 10 reasons 90% of teams switch\n"),
      IsEmpty());
  EXPECT_THAT(Phrases(Check("Signups doubled after the launch. Nine out of "
                            "ten admins agree.\n")),
              ElementsAre("doubled", "Nine out of ten"));
}

TEST(ClaimsPrecisionTest, StatisticsThePageItselfBacks) {
  EXPECT_THAT(
      Check(
          // opentelemetry-docs/blog/2024/gc-election-results.md:17-18
          "701 contributors were eligible to vote, and 299 of them cast "
          "their ballot. With a participation rate of 43%, it represents a "
          "significant increase.\n\n"
          // opentelemetry-docs/blog/2026/2025-year-in-review/index.md:129
          "- **Commits** increased 43% from 1,340 to 1,913.\n\n"
          "## Output\n\n"
          // powershell-docs/docs-conceptual/dev-cross-plat/performance/
          // script-authoring-considerations.md:668
          "```Output\nWrapped = 15,968.78 ms\nUnwrapped = 42.92 ms\n```\n\n"
          "The unwrapped example is **372 times faster**.\n\n"
          "## Above\n\n"
          // opentelemetry-docs/blog/2023/histograms-vs-summaries/index.md:67
          "In the histogram example above, we had a potential relative "
          "error of 17% where the summary is within 0.5%.\n"),
      IsEmpty());
  // A survey-results post: it says how many responded
  // (opentelemetry-docs/blog/2024/otel-get-started-survey/index.md:26).
  EXPECT_THAT(Check("The 104 responses we received will help.\n\n"
                    "Respondents use containers, with 79.8% of respondents "
                    "using Kubernetes.\n"),
              IsEmpty());
  // A lead-in with a source covers its list; a table row's link its cells
  // (opensearch-docs/_about/version-history.md:13).
  EXPECT_THAT(Check("Comparing [the releases](https://x.dev/compare), we saw "
                    "a trend:\n\n- Commits grew 50%.\n\n"
                    "| Version | Highlights |\n|---|---|\n"
                    "| [3.8](https://x.dev/3.8) | Up to 4.2x faster "
                    "ingestion |\n"),
              IsEmpty());
  // Without any of that, each figure of a sentence is its own finding; a
  // range is one span at its start
  // (opensearch-docs/_search-plugins/searching-data/
  // retrieve-specific-fields.md:276).
  const auto f = Check(
      "This approach reduces storage requirements by approximately 40% while "
      "incurring less than a 1% loss in search relevance.\n\n"
      "It reduces response payload size by 30--40%.\n");
  EXPECT_THAT(Phrases(f), ElementsAre("40%", "1%", "30--40%"));
}

TEST(ClaimsPrecisionTest, ConcededCommonKnowledgeIsNotAnAppeal) {
  // rust-blog/inside-rust/ffi-unwind-design-meeting.md:40.
  EXPECT_THAT(Check("It is well known that Rust does not have exceptions as "
                    "such. But Rust _does_ support unwinding!\n"),
              IsEmpty());
  // Not turned against: still an appeal to unnamed evidence
  // (opentelemetry-docs/blog/2024/otel-arrow-production/index.md:347).
  EXPECT_THAT(Phrases(Check("It is well known that larger batch sizes "
                            "improve compression, while at the same time "
                            "they raise memory usage. Usually, backends "
                            "limit request size.\n")),
              ElementsAre("It is well known"));
}

TEST(ClaimsPrecisionTest, HedgedComparisonOnAPageWithItsOwnData) {
  // rust-blog/Rust-Survey-2021/index.md:68, a survey-results post.
  const std::string survey = "We received 9,354 responses to the survey.\n\n";
  EXPECT_THAT(
      Check(survey + "2021 was arguably one of the most significant years in "
                     "Rust's history - with the 2021 edition, and a larger "
                     "community than ever, Rust seems to be on a solid "
                     "path.\n"),
      IsEmpty());
  // Not hedged (rust-blog/Rust-Survey-2023-Results/index.md:38), or no
  // data of its own: still a claim.
  EXPECT_THAT(Phrases(Check(survey + "More people are using Rust than ever "
                                     "before!\n")),
              ElementsAre("More people are using Rust than ever before"));
  EXPECT_THAT(Phrases(Check("Rust arguably has a larger community than "
                            "ever.\n")),
              ElementsAre("larger community than ever"));
}

TEST(ClaimsRecallTest, MoneyCountsRatesWordsGuaranteesAndUnnamedData) {
  const auto f = Check(
      "Teams save up to $26,100 over five years.\n\n"
      "Fines of up to $50,000 per violation apply.\n\n"
      "Acme passed 947.6 million downloads.\n\n"
      "It parses 114 ms for 5 MB on a laptop.\n\n"
      "Acme has an 82% success rate.\n\n"
      "The majority of contributors prefer Acme.\n\n"
      "Acme guarantees full transparency.\n\n"
      "The app fully adheres to Apple and Google policies.\n\n"
      "Metrics consistently show that Acme wins.\n");
  EXPECT_THAT(
      Phrases(f),
      ElementsAre("$26,100", "$50,000", "947.6 million downloads",
                  "114 ms for 5 MB", "82%",
                  "The majority of contributors prefer",
                  "guarantees full transparency", "fully adheres to Apple",
                  "Metrics consistently show"));
  // Prices, versions and dashboards are not claims.
  EXPECT_THAT(Check("The plan costs $10 per month.\n\n"
                    "The metrics show the number of requests.\n\n"
                    "Upgrade to version 2.19.1 by 2025.\n"),
              IsEmpty());
}

TEST(ClaimsRecallTest, OwnSiteLinksAreNotSources) {
  const std::string md =
      "Acme cuts hosting costs by 40% ([pricing](https://www.acme.com/p)).\n";
  EXPECT_THAT(Check(md), IsEmpty());
  EXPECT_THAT(Rules(Check(md, "own_hosts: [\".acme.com\"]")),
              ElementsAre("claims/unsupported-statistic"));
}

TEST(ClaimsRecallTest, TheWholeFieldAsComparisonAndFirsts) {
  const auto f = Check(
      // rust-blog/Rust-Survey-2023-Results/index.md:38
      "More people are using Rust than ever before!\n\n"
      // rust-blog/2025-state-of-rust-survey-results/index.md:234
      "While we still do better than many other tech communities, we need "
      "to keep working.\n\n"
      // astro-docs/concepts/why-astro.mdx:65 and :40
      "Astro makes tradeoffs and delivers features that other frameworks "
      "cannot.\n\n"
      "Astro can deliver unmatched performance features.\n\n"
      // rust-blog/six-years-of-rust.md:41
      "Official support helps make Rust people's first choice for new "
      "projects.\n\n"
      // astro-docs/concepts/islands.mdx:25
      "Astro became popular as the first mainstream JavaScript web "
      "framework with selective hydration built-in.\n");
  EXPECT_THAT(Rules(f), ::testing::Each("claims/superlative"));
  EXPECT_THAT(
      Phrases(f),
      ElementsAre("More people are using Rust than ever before",
                  "better than many other tech communities",
                  "that other frameworks cannot", "unmatched performance",
                  "people's first choice", "the first mainstream JavaScript"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 1, 1, 44}));
}

TEST(ClaimsRecallTest, PromisesWithNoException) {
  // opentelemetry-docs/blog/2025/obi-announcing-first-release.md:34-107
  const auto f = Check(
      "You can instrument all applications with zero effort.\n\n"
      "Your applications never get slower by adding telemetry.\n\n"
      "Automatic trace context propagation for all programming "
      "languages.\n\n"
      "No new application dependencies - no new security "
      "vulnerabilities.\n\n"
      "You can drop it into a running cluster and be certain it will not "
      "destabilize it.\n\n"
      "No effort, no downtime, every reason to give it a shot.\n");
  EXPECT_THAT(Phrases(f), ElementsAre("zero effort", "never get slower",
                                      "all programming languages",
                                      "no new security vulnerabilities",
                                      "be certain it will", "No effort"));
  EXPECT_EQ(f[0].range, (SourceRange{1, 42, 1, 53}));
  // Qualified, or facts of a project's history: rust-blog/
  // Rust-Once-Run-Everywhere.md:103, rust-blog/
  // Fearless-Concurrency-In-Firefox-Quantum.md:21,
  // powershell-docs/docs-conceptual/security/securing-restricted-sessions.md:21
  EXPECT_THAT(Check("Almost all programming languages can call C.\n\n"
                    "It's the first major component of Servo to be "
                    "integrated with Firefox.\n\n"
                    "JEA is the most secure option and should be your first "
                    "choice.\n\n"
                    "It's easier than ever to write futures.\n\n"
                    "Set `unmatched: heuristic` to group paths.\n"),
              IsEmpty());
}

TEST(ClaimsRecallTest, SpeedsInWordsAndSmallCostFigures) {
  // kubernetes-contributor-site/blog/2023/2023-03-01-introducing-kwok/
  // index.md:14, after the post's "**Author:**" byline (not a transcript).
  const auto kwok = Check(
      "**Author:** Shiming Zhang (DaoCloud)\n\n"
      "KWOK is a toolkit that lets you create a cluster of thousands of "
      "nodes in seconds.\n\n"
      "## Why\n\n"
      "- **Speed**: You can create clusters almost instantly.\n"
      "- **Compatibility**: KWOK works with kubectl.\n"
      "- **Portability**: KWOK runs anywhere.\n");
  ASSERT_THAT(Phrases(kwok), ElementsAre("thousands of nodes in seconds"));
  EXPECT_EQ(kwok[0].range, (SourceRange{3, 53, 3, 82}));
  // opentelemetry-docs/blog/2024/elastic-contributes-continuous-profiling-
  // agent.md:83: a home page in the paragraph backs no figure.
  EXPECT_THAT(
      Phrases(Check("It is [based on eBPF](https://ebpf.io/). It runs with low "
                    "overhead, low CPU (~1%), and memory usage.\n")),
      ElementsAre("1%"));
  // A CPU setting is no claim.
  EXPECT_THAT(Check("Set the CPU limit to 50% of a core.\n"), IsEmpty());
}

TEST(ClaimsPrecisionTest, ASourceInTheParagraphOrTheNextBacksAFigure) {
  EXPECT_THAT(
      Check(
          // rust-blog/Fearless-Concurrency-In-Firefox-Quantum.md:36
          "You can read more in [Lin Clark's post](https://hacks.mozilla.org/"
          "2017/08/inside-a-super-fast-css-engine-quantum-css-aka-stylo/). "
          "It uses parallelism. That leads to a 30% page load speedup for "
          "Amazon's homepage.\n\n"
          // rust-blog/parallel-rustc/index.md:189
          "## Performance effects\n\n"
          "Compilation times are typically 0% to 2% slower than with the "
          "serial front-end.\n\n"
          "Our [measurements](https://github.com/rust-lang/compiler-team/"
          "issues/681) show it.\n"),
      IsEmpty());
  // A list item is its own claim: the next item's link does not back it
  // (rust-blog/six-years-of-rust.md:41).
  EXPECT_THAT(Phrases(Check("- Support helps make Rust people's first choice "
                            "for projects.\n"
                            "- cURL supports [TLS](https://example.org/tls) "
                            "in Rust.\n")),
              ElementsAre("people's first choice"));
}

TEST(ClaimsRecallTest, TheMetaDescriptionIsRead) {
  const std::string md =
      "---\n"
      "title: Acme\n"
      "description: Acme is the fastest database on the market, 3x faster.\n"
      "summary: The fastest database on the market.\n"
      "---\n"
      "Body.\n";
  EXPECT_THAT(Check(md), IsEmpty());  // off unless a rulebook names keys
  const auto f = Check(md, "front_matter_keys: [description]");
  ASSERT_THAT(Phrases(f), ElementsAre("the fastest", "3x faster"));
  EXPECT_EQ(f[0].range, (SourceRange{3, 22, 3, 33}));
  EXPECT_EQ(f[1].range, (SourceRange{3, 58, 3, 67}));
  EXPECT_THAT(f[0].message,
              HasSubstr("(In the front matter's 'description'.)"));
  // Quoted, allowed, or not a string: nothing.
  EXPECT_THAT(Check("---\ndescription: '\"The fastest database on the "
                    "market,\" says Jo.'\n---\nBody.\n",
                    "front_matter_keys: [description]"),
              IsEmpty());
  EXPECT_THAT(Check("---\ndescription: [the fastest database on the "
                    "market]\n---\nBody.\n",
                    "front_matter_keys: [description]"),
              IsEmpty());
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

TEST(ClaimsSettingsTest, FrontMatterKeysMustBeNames) {
  EXPECT_THAT(RulebookErrors("    front_matter_keys: {a: b}\n"),
              ElementsAre(AllOf(StartsWith("book.yaml:5:"),
                                HasSubstr("front_matter_keys"))));
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
      "Studies show Acme is the fastest database. It is 40% cheaper for "
      "customers. "
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
