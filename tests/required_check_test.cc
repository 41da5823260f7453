// Tests of the `required` check and of the `when` triggers it shares with
// `escalate`, through real rulebooks written to temporary files and real
// drafts parsed by Document.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "checks/document/document.h"
#include "checks/matching/templating.h"
#include "rules/rulebook.h"
#include "rules/verifier.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

fs::path WriteTemp(const std::string& name, const std::string& text) {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::path(testing::TempDir()) /
                       ("required_test_" + std::to_string(::getpid()) + "_" +
                        std::to_string(counter++));
  fs::create_directories(dir);
  const fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

// A rulebook whose only check is `required` with `rules` (YAML lines
// indented as under `rules:`).
std::string Book(const std::string& rules) {
  return "name: test\nversion: \"1\"\nchecks:\n  required:\n    rules:\n" +
         rules;
}

std::string Errors(const RulebookLoad& load) {
  std::string out;
  for (const ConfigError& e : load.errors) out += e.ToString() + "\n";
  return out;
}

std::vector<Finding> Scan(const std::string& rules, const std::string& draft,
                          const std::string& path = "draft.md") {
  RulebookLoad load = LoadRulebook(WriteTemp("book.yaml", Book(rules)));
  EXPECT_TRUE(load.errors.empty()) << Errors(load);
  if (!load.rulebook) return {};
  auto doc = Document::Parse(path, draft);
  return Verify(*load.rulebook, *doc).findings;
}

// The errors of loading a rulebook with `rules`, one per line.
std::string LoadErrors(const std::string& rules) {
  return Errors(LoadRulebook(WriteTemp("book.yaml", Book(rules))));
}

const char kDisclaimer[] = R"(      - id: investment-disclaimer
        when: {terms: [invest, investing, investment, returns]}
        must: {text: "Past performance does not guarantee future results"}
        severity: error
        message: "Investment content needs the standard risk disclaimer"
)";

// --- The contract's example ------------------------------------------------

TEST(RequiredCheckTest, MissingDisclaimerPointsAtFirstTrigger) {
  const auto findings =
      Scan(kDisclaimer, "# Fund\n\nWhy invest now? Investing pays.\n");
  ASSERT_EQ(findings.size(), 1u);
  const Finding& f = findings[0];
  EXPECT_EQ(f.rule, "required/investment-disclaimer");
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.range, (SourceRange{3, 5, 3, 11}));
  EXPECT_EQ(f.excerpt, "Why invest now? Investing pays.");
  EXPECT_EQ(f.suggestion, "Past performance does not guarantee future results");
  EXPECT_EQ(f.message,
            "Investment content needs the standard risk disclaimer. Triggered "
            "by \"invest\"; missing: \"Past performance does not guarantee "
            "future results\".");
  EXPECT_EQ(f.confidence, 1.0);
}

TEST(RequiredCheckTest, DisclaimerPresentPasses) {
  EXPECT_TRUE(Scan(kDisclaimer,
                   "We invest.\n\nPast performance does not guarantee\n"
                   "future results.\n")
                  .empty());
}

TEST(RequiredCheckTest, NoTriggerNoFinding) {
  // Word boundaries as in prohibited: "investigate" is not "invest"; case
  // matters unless ignore_case.
  EXPECT_TRUE(Scan(kDisclaimer, "We investigate. Investment banks.\n").empty());
}

TEST(RequiredCheckTest, DisclaimerOnlyInCodeCommentOrTemplatingDoesNotCount) {
  for (const std::string hidden :
       {"`Past performance does not guarantee future results`",
        "<!-- Past performance does not guarantee future results -->",
        "{{< note text=\"Past performance does not guarantee future "
        "results\" >}}",
        "{% comment %}Past performance does not guarantee future results{% "
        "endcomment %}",
        "```\nPast performance does not guarantee future results\n```"}) {
    const auto findings = Scan(kDisclaimer, "We invest.\n\n" + hidden + "\n");
    EXPECT_EQ(findings.size(), 1u) << hidden;
  }
}

TEST(RequiredCheckTest, TriggerInCodeDoesNotFire) {
  EXPECT_TRUE(
      Scan(kDisclaimer, "Call `invest()`.\n\n```\ninvest\n```\n").empty());
}

TEST(RequiredCheckTest, SuppressedWithReason) {
  const auto findings =
      Scan(kDisclaimer,
           "<!-- proofgate-disable-next-line required/investment-disclaimer "
           "reason=\"the page links the disclaimer\" -->\nWe invest.\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_TRUE(findings[0].suppressed);
  EXPECT_EQ(findings[0].suppression_reason, "the page links the disclaimer");
}

// --- when forms --------------------------------------------------------------

TEST(RequiredCheckTest, PatternsIgnoreCaseAndMinTerms) {
  const char rules[] = R"(      - id: advice
        when: {terms: [stocks, bonds], patterns: ['\bETFs?\b'], ignore_case: true, min_terms: 2}
        must: {text: "not financial advice", ignore_case: true}
)";
  EXPECT_TRUE(Scan(rules, "Stocks only, stocks again.\n").empty());
  const auto two = Scan(rules, "Stocks and ETFs.\n");
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].range, (SourceRange{1, 1, 1, 7}));
  EXPECT_TRUE(Scan(rules, "Stocks and ETFs. Not Financial Advice.\n").empty());
}

TEST(RequiredCheckTest, FrontMatterTrigger) {
  const char rules[] = R"(      - id: sponsored
        when: {front_matter: {sponsored: true}}
        must: {front_matter: sponsor}
)";
  const auto findings =
      Scan(rules, "---\ntitle: T\nsponsored: true\n---\nText.\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.line, 3);
  EXPECT_NE(findings[0].message.find("the front-matter key 'sponsor'"),
            std::string::npos);
  EXPECT_TRUE(
      Scan(rules, "---\nsponsored: true\nsponsor: Acme\n---\nText.\n").empty());
  EXPECT_TRUE(Scan(rules, "---\nsponsored: false\n---\nText.\n").empty());
}

TEST(RequiredCheckTest, PathTriggerPointsAtTheDraft) {
  const char rules[] = R"(      - id: markets
        when: {paths: ["markets/**"]}
        must: {section: Risks}
)";
  const auto findings = Scan(rules, "# A\n\nText.\n", "markets/a.md");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range, SourceRange{});
  EXPECT_TRUE(Scan(rules, "# A\n\nText.\n", "blog/a.md").empty());
  EXPECT_TRUE(
      Scan(rules, "# A\n\n## Risks\n\nText.\n", "markets/a.md").empty());
}

TEST(RequiredCheckTest, LinksToHostNeedsDisclosure) {
  const char rules[] = R"(      - id: affiliate-disclosure
        when: {links_to: [amazon.com, .amzn.to]}
        must: {pattern: '(?i)\baffiliate link', suggest: "This post contains affiliate links."}
)";
  const auto findings =
      Scan(rules, "Buy it [here](https://amazon.com/dp/1?tag=x).\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range.column, 8);
  EXPECT_EQ(findings[0].suggestion, "This post contains affiliate links.");
  EXPECT_NE(findings[0].message.find("a link to amazon.com"),
            std::string::npos);
  // Exact host: aws.amazon.com is not amazon.com; .amzn.to covers
  // subdomains.
  EXPECT_TRUE(Scan(rules, "See [AWS](https://aws.amazon.com/s3/).\n").empty());
  EXPECT_EQ(Scan(rules, "[x](https://www.amzn.to/a)\n").size(), 1u);
  EXPECT_TRUE(
      Scan(rules, "[x](https://amazon.com/a) is an Affiliate link.\n").empty());
}

// --- must forms --------------------------------------------------------------

TEST(RequiredCheckTest, MustWithinSection) {
  const char rules[] = R"(      - id: risks
        when: {terms: [leverage]}
        must: {text: "you can lose money", section: "Risks"}
)";
  EXPECT_EQ(Scan(rules,
                 "Use leverage. You can lose money.\n\n## Risks\n\n"
                 "None.\n")
                .size(),
            1u);
  EXPECT_TRUE(
      Scan(rules, "Use leverage.\n\n## risks\n\nyou can lose money\n").empty());
  // A subsection of Risks is inside it; the next H2 is not.
  EXPECT_TRUE(Scan(rules,
                   "leverage\n\n## Risks\n\n### Detail\n\nyou can "
                   "lose money\n")
                  .empty());
  EXPECT_EQ(Scan(rules,
                 "leverage\n\n## Risks\n\n## Other\n\nyou can lose "
                 "money\n")
                .size(),
            1u);
}

TEST(RequiredCheckTest, MustWithinWordsOfEveryTrigger) {
  const char rules[] = R"(      - id: near
        when: {terms: [crypto]}
        must: {text: "high risk", within_words: 3}
)";
  EXPECT_TRUE(Scan(rules, "crypto is a high risk asset\n").empty());
  // The second trigger is far from the only "high risk": it is the one
  // reported.
  const auto findings =
      Scan(rules, "crypto: high risk.\n\nOne two three four five crypto.\n");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].range, (SourceRange{3, 25, 3, 31}));
  EXPECT_NE(findings[0].message.find("within 3 words of it"),
            std::string::npos);
}

TEST(RequiredCheckTest, SectionAloneMustExist) {
  const char rules[] = R"(      - id: sources
        when: {terms: [study]}
        must: {section: Sources}
)";
  EXPECT_EQ(Scan(rules, "A study.\n").size(), 1u);
  EXPECT_TRUE(Scan(rules, "A study.\n\n## Sources\n\nX.\n").empty());
}

// --- Validation: every problem at file:line:col
// --------------------------------

TEST(RequiredCheckTest, ValidationErrorsAreLocated) {
  EXPECT_NE(
      LoadErrors("      - id: a\n        when: {terms: [x], colour: red}\n"
                 "        must: {text: y}\n")
          .find(":7:28: checks.required: rules[0].when: unknown key "
                "'colour'"),
      std::string::npos)
      << LoadErrors(
             "      - id: a\n        when: {terms: [x], colour: red}\n"
             "        must: {text: y}\n");
  EXPECT_NE(LoadErrors("      - id: a\n        when: {patterns: ['(a']}\n"
                       "        must: {text: y}\n")
                .find(":7:27: checks.required: rules[0].when: invalid RE2 "
                      "pattern: missing ): (a"),
            std::string::npos);
  EXPECT_NE(LoadErrors("      - id: a\n        when: {paths: ['[z-a]']}\n"
                       "        must: {text: y}\n")
                .find(":7:24: checks.required: rules[0].when.paths: invalid "
                      "glob '[z-a]'"),
            std::string::npos);
  EXPECT_NE(
      LoadErrors("      - id: a\n        when: {links_to: ['https://x']}\n"
                 "        must: {text: y}\n")
          .find(":7:27: checks.required: rules[0].when.links_to: "
                "expected a host name"),
      std::string::npos);
  EXPECT_NE(LoadErrors("      - id: a\n        when: {terms: [x]}\n"
                       "        must: {text: y, near: 3}\n")
                .find(":8:25: checks.required: rules[0].must: unknown key "
                      "'near'"),
            std::string::npos);
  EXPECT_NE(LoadErrors("      - id: a\n        when: {front_matter: {a: b}}\n"
                       "        must: {text: y, within_words: 3}\n")
                .find("rules[0].must.within_words: needs when.terms or "
                      "when.patterns"),
            std::string::npos);
  EXPECT_NE(LoadErrors("      - id: a\n        when: {terms: [x]}\n"
                       "        must: {text: y, within_words: 0}\n")
                .find(":8:39: checks.required: rules[0].must.within_words: "
                      "expected a number of words from 1 to 1000"),
            std::string::npos);
  EXPECT_NE(LoadErrors("      - id: A\n        when: {terms: [x]}\n"
                       "        must: {text: y}\n")
                .find(":6:13: checks.required: rules[0].id: expected "
                      "lower-case"),
            std::string::npos);
  EXPECT_NE(LoadErrors("      - id: a\n        when: {terms: [x]}\n")
                .find(":6:9: checks.required: rules[0]: missing key 'must'"),
            std::string::npos);
  EXPECT_NE(
      LoadErrors("      - id: a\n        when: {terms: [x], min_terms: 2}\n"
                 "        must: {text: y}\n")
          .find(":7:39: checks.required: rules[0].when.min_terms: "
                "expected a number from 1"),
      std::string::npos);
  EXPECT_NE(LoadErrors("      - id: a\n        when: {terms: [x]}\n"
                       "        must: {text: y, front_matter: z}\n")
                .find("rules[0].must: front_matter stands alone"),
            std::string::npos);
  EXPECT_NE(LoadErrors("      - id: a\n        when: {terms: [x]}\n"
                       "        must: {text: y}\n      - id: a\n"
                       "        when: {terms: [x]}\n        must: {text: y}\n")
                .find(":9:13: checks.required: rules[1].id: the id 'a' is "
                      "already used"),
            std::string::npos);
}

TEST(MaskTemplatingTest, MasksTagsKeepsOffsets) {
  EXPECT_EQ(MaskTemplating("a {{< x >}}b{% y %} c {{ z }}"),
            "a " + std::string(9, ' ') + "b" + std::string(7, ' ') + " c " +
                std::string(7, ' '));
  EXPECT_EQ(MaskTemplating("a{% comment %}b{% endcomment %}c"),
            "a" + std::string(30, ' ') + "c");
  EXPECT_EQ(MaskTemplating("a {{ open"), "a        ");
  EXPECT_EQ(MaskTemplating("{ a } {b}"), "{ a } {b}");
}

}  // namespace
}  // namespace proofgate
