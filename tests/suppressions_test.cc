#include "rules/suppressions.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "rules/rulebook.h"
#include "rules/verifier.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

// A finding of `rule` at the start of `line`.
Finding At(const std::string& rule, int line) {
  Finding f;
  f.rule = rule;
  f.range = {line, 1, line, 2};
  return f;
}

// A finding about the draft as a whole (1:1, empty).
Finding Whole(const std::string& rule) {
  Finding f;
  f.rule = rule;
  return f;
}

struct Outcome {
  std::vector<Finding> findings;  // after Apply
  std::vector<Finding> problems;
};

Outcome Suppress(const std::string& draft, std::vector<Finding> findings) {
  const auto doc = Document::Parse("a.md", draft);
  const Suppressions s = Suppressions::Parse(*doc);
  s.Apply(findings);
  return {std::move(findings), s.problems()};
}

// For each finding: its reason when suppressed, "-" when not.
std::vector<std::string> Reasons(const Outcome& o) {
  std::vector<std::string> out;
  for (const Finding& f : o.findings) {
    out.push_back(f.suppressed ? f.suppression_reason : "-");
  }
  return out;
}

using Strings = std::vector<std::string>;

// ---------------------------------------------------------------------------
// Range semantics

TEST(SuppressionsTest, DisableRunsFromItsLineToTheEnd) {
  const Outcome o = Suppress(
      "# Title\n"                                                         // 1
      "\n"                                                                // 2
      "<!-- proofgate-disable headings/skipped-level reason=\"r\" -->\n"  // 3
      "\n"                                                                // 4
      "### Deep\n",                                                       // 5
      {At("headings/skipped-level", 1), At("headings/skipped-level", 3),
       At("headings/skipped-level", 5), At("headings/duplicate", 5),
       Whole("headings/skipped-level")});
  EXPECT_TRUE(o.problems.empty());
  // Not at the top (the H1 comes first): line 1 and the whole draft stay.
  EXPECT_EQ(Reasons(o), (Strings{"-", "r", "r", "-", "-"}));
}

TEST(SuppressionsTest, EnableEndsTheRangeOnItsOwnLine) {
  const Outcome o = Suppress(
      "# Title\n"                                                     // 1
      "<!-- proofgate-disable headings/duplicate reason=\"r\" -->\n"  // 2
      "text\n"                                                        // 3
      "<!-- proofgate-enable headings/duplicate -->\n"                // 4
      "text\n",                                                       // 5
      {At("headings/duplicate", 1), At("headings/duplicate", 2),
       At("headings/duplicate", 3), At("headings/duplicate", 4),
       At("headings/duplicate", 5)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"-", "r", "r", "r", "-"}));
}

TEST(SuppressionsTest, DisableAndEnableCanShareALineWithContent) {
  const Outcome o = Suppress(
      "# Title\n"
      "\n"
      "### Deep <!-- proofgate-disable headings/skipped-level "
      "reason=\"r\" -->\n"
      "\n"
      "Text <!-- proofgate-enable headings/skipped-level --> more.\n"
      "\n"
      "### Again\n",
      {At("headings/skipped-level", 3), At("headings/skipped-level", 5),
       At("headings/skipped-level", 7)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"r", "r", "-"}));
}

TEST(SuppressionsTest, EnablingACheckEndsDisablesOfItsRules) {
  const Outcome o = Suppress(
      "# Title\n"
      "<!-- proofgate-disable headings/duplicate reason=\"a\" -->\n"
      "<!-- proofgate-disable headings/max-depth reason=\"b\" -->\n"
      "<!-- proofgate-enable headings -->\n"
      "text\n",
      {At("headings/duplicate", 3), At("headings/max-depth", 4),
       At("headings/duplicate", 5), At("headings/max-depth", 5)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"a", "b", "-", "-"}));
}

TEST(SuppressionsTest, DisableAtTheTopCoversTheWholeDraft) {
  const std::string top =
      "---\n"                                                              // 1
      "title: x\n"                                                         // 2
      "---\n"                                                              // 3
      "\n"                                                                 // 4
      "<!-- a plain comment -->\n"                                         // 5
      "<!-- proofgate-disable headings/required reason=\"landing\" -->\n"  // 6
      "<!-- proofgate-disable metadata reason=\"generated\" -->\n"         // 7
      "# Title\n";                                                         // 8
  const Outcome o = Suppress(
      top, {Whole("headings/required"), At("metadata/missing-key", 2),
            Whole("metadata/missing-key"), At("headings/required", 8)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o),
            (Strings{"landing", "generated", "generated", "landing"}));

  // Re-enabled later: the lines from 1 stay covered, the draft as a whole
  // no longer is.
  const Outcome reenabled =
      Suppress(top + "<!-- proofgate-enable metadata -->\ntext\n",
               {At("metadata/missing-key", 2), Whole("metadata/missing-key"),
                At("metadata/missing-key", 10)});
  EXPECT_EQ(Reasons(reenabled), (Strings{"generated", "-", "-"}));
}

TEST(SuppressionsTest, DisableNextLineCoversOnlyTheNextLineWithContent) {
  const Outcome o = Suppress(
      "# Title\n"  // 1
      "<!-- proofgate-disable-next-line headings/skipped-level "
      "reason=\"r\" -->\n"  // 2
      "\n"                  // 3
      "### Deep\n"          // 4
      "### Deeper\n",       // 5
      {At("headings/skipped-level", 2), At("headings/skipped-level", 3),
       At("headings/skipped-level", 4), At("headings/skipped-level", 5)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"-", "-", "r", "-"}));
}

TEST(SuppressionsTest, DisableNextLineDirectivesStack) {
  const Outcome o = Suppress(
      "# Title\n"
      "<!-- proofgate-disable-next-line headings/skipped-level "
      "reason=\"a\" -->\n"
      "<!-- proofgate-disable-next-line headings/max-depth reason=\"b\" -->\n"
      "###### Deep\n",
      {At("headings/skipped-level", 4), At("headings/max-depth", 4)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"a", "b"}));
}

TEST(SuppressionsTest, DisableNextLineWithNothingAfterIsInvalid) {
  const Outcome o = Suppress(
      "# Title\n\n<!-- proofgate-disable-next-line headings reason=\"r\" "
      "-->\n\n",
      {});
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].rule, "suppression/invalid");
  EXPECT_EQ(o.problems[0].message,
            "This proofgate-disable-next-line comment is ignored: no line "
            "with content follows it.");
}

TEST(SuppressionsTest, TheLastWrittenReasonWins) {
  const Outcome o = Suppress(
      "# Title\n"
      "<!-- proofgate-disable headings reason=\"broad\" -->\n"
      "<!-- proofgate-disable-next-line headings/duplicate "
      "reason=\"narrow\" -->\n"
      "## Same\n"
      "## Same\n",
      {At("headings/duplicate", 4), At("headings/duplicate", 5)});
  EXPECT_EQ(Reasons(o), (Strings{"narrow", "broad"}));
}

TEST(SuppressionsTest, CommentsInCodeAreNotDirectives) {
  const Outcome o = Suppress(
      "# Title\n"
      "\n"
      "```html\n"
      "<!-- proofgate-disable headings reason=\"r\" -->\n"
      "```\n"
      "\n"
      "Inline `<!-- proofgate-disable headings reason=\"r\" -->` code.\n"
      "## A\n",
      {At("headings/duplicate", 8)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"-"}));
}

// ---------------------------------------------------------------------------
// Rules and reasons

TEST(SuppressionsTest, SeveralRulesBySpacesAndCommas) {
  const Outcome o = Suppress(
      "Text\n"
      "<!-- proofgate-disable headings/duplicate,headings/empty , metadata "
      "exec/brand reason=\"r\" -->\n"
      "text\n",
      {At("headings/duplicate", 3), At("headings/empty", 3),
       At("metadata/wrong-type", 3), At("exec/brand/tone", 3),
       At("exec/other/tone", 3), At("headings/max-depth", 3)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"r", "r", "r", "r", "-", "-"}));
}

TEST(SuppressionsTest, ReasonUnescapesQuotesAndFoldsSpaces) {
  const Outcome o = Suppress(
      "Text\n"
      "<!-- proofgate-disable headings reason=\"quoted \\\"best\\\" from\n"
      "   the customer, C:\\\\docs \\n\" -->\n"
      "text\n",
      {At("headings/duplicate", 4)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o),
            (Strings{"quoted \"best\" from the customer, C:\\docs \\n"}));
}

TEST(SuppressionsTest, MissingReasonIsAnErrorAndWaivesNothing) {
  const Outcome o = Suppress(
      "Text\n"
      "<!-- proofgate-disable headings/duplicate -->\n"
      "<!-- proofgate-disable-next-line headings/empty reason=\"\" -->\n"
      "<!-- proofgate-disable headings/max-depth reason=\"  \" -->\n"
      "text\n",
      {At("headings/duplicate", 5), At("headings/empty", 5),
       At("headings/max-depth", 5)});
  EXPECT_EQ(Reasons(o), (Strings{"-", "-", "-"}));
  ASSERT_EQ(o.problems.size(), 3u);
  const Finding& f = o.problems[0];
  EXPECT_EQ(f.rule, "suppression/missing-reason");
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_DOUBLE_EQ(f.confidence, 1.0);
  EXPECT_EQ(f.range, (SourceRange{2, 1, 2, 46}));
  EXPECT_EQ(f.excerpt, "<!-- proofgate-disable headings/duplicate -->");
  EXPECT_EQ(f.message,
            "This proofgate-disable has no reason, so it waives nothing; say "
            "why the rule does not apply here, for the editor and the proof "
            "record.");
  EXPECT_EQ(f.suggestion,
            "<!-- proofgate-disable headings/duplicate reason=\"why the rule "
            "does not apply here\" -->");
  EXPECT_EQ(o.problems[1].rule, "suppression/missing-reason");
  EXPECT_EQ(o.problems[1].range.line, 3);
  EXPECT_EQ(o.problems[2].rule, "suppression/missing-reason");
}

TEST(SuppressionsTest, BareDisableIsNotAllowed) {
  const Outcome o =
      Suppress("Text\n<!-- proofgate-disable reason=\"everything\" -->\ntext\n",
               {At("headings/duplicate", 3)});
  EXPECT_EQ(Reasons(o), (Strings{"-"}));
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].rule, "suppression/invalid");
  EXPECT_EQ(o.problems[0].severity, Severity::kWarning);
  EXPECT_EQ(o.problems[0].message,
            "This proofgate-disable comment is ignored: it names no rule; "
            "name the rules to waive (such as headings/skipped-level), since "
            "waiving every rule is not allowed.");
}

TEST(SuppressionsTest, UnknownRuleDropsOnlyThatName) {
  const Outcome o = Suppress(
      "Text\n"
      "<!-- proofgate-disable headings/skiped-level headings/duplicate "
      "reason=\"r\" -->\n"
      "text\n",
      {At("headings/duplicate", 3), At("headings/skipped-level", 3)});
  EXPECT_EQ(Reasons(o), (Strings{"r", "-"}));
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].rule, "suppression/invalid");
  EXPECT_EQ(o.problems[0].range.line, 2);
  EXPECT_EQ(o.problems[0].message,
            "In this proofgate-disable comment, unknown rule "
            "'headings/skiped-level' (rules of headings: headings/multiple-h1, "
            "headings/first-not-h1, headings/skipped-level, headings/empty, "
            "headings/duplicate, headings/max-depth, headings/required); that "
            "name is ignored.");
}

TEST(SuppressionsTest, UnknownCheckIsInvalid) {
  const Outcome o = Suppress(
      "Text\n<!-- proofgate-disable nosuch/rule reason=\"r\" -->\ntext\n", {});
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_EQ(o.problems[0].message.rfind(
                "In this proofgate-disable comment, unknown rule or check "
                "'nosuch/rule' (checks: headings, ",
                0),
            0u)
      << o.problems[0].message;
}

TEST(SuppressionsTest, PluginRuleNamesAreCheckedForShapeOnly) {
  const Outcome o = Suppress(
      "Text\n"
      "<!-- proofgate-disable exec/brand-voice/tone exec/Brand "
      "reason=\"r\" -->\n"
      "text\n",
      {At("exec/brand-voice/tone", 3)});
  EXPECT_EQ(Reasons(o), (Strings{"r"}));
  ASSERT_EQ(o.problems.size(), 1u);
  EXPECT_NE(o.problems[0].message.find("'exec/Brand' is not a plug-in rule"),
            std::string::npos);
}

TEST(SuppressionsTest, ProblemsWithInputOrChecksCannotBeWaived) {
  const Outcome o = Suppress(
      "Text\n"
      "<!-- proofgate-disable headings exec metadata input/invalid-utf8 "
      "exec/failed suppression reason=\"r\" -->\n"
      "text\n",
      {At("input/invalid-utf8", 3), At("exec/failed", 3),
       At("headings/internal-error", 3), At("suppression/invalid", 3),
       At("metadata/missing-key", 3)});
  EXPECT_EQ(Reasons(o), (Strings{"-", "-", "-", "-", "r"}));
  ASSERT_EQ(o.problems.size(), 3u);
  EXPECT_EQ(o.problems[0].message,
            "In this proofgate-disable comment, 'input/invalid-utf8' cannot be "
            "suppressed: it reports that the draft could not be read or a "
            "check could not run, which no reason can waive; that name is "
            "ignored.");
  EXPECT_NE(o.problems[1].message.find("'exec/failed' cannot be suppressed"),
            std::string::npos);
  EXPECT_NE(o.problems[2].message.find("'suppression' cannot be suppressed"),
            std::string::npos);
  EXPECT_FALSE(IsSuppressible("input/nul-byte"));
  EXPECT_TRUE(IsSuppressible("exec/brand/failed"));
}

// ---------------------------------------------------------------------------
// Malformed directives

TEST(SuppressionsTest, MalformedDirectivesAreInvalidAndIgnored) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<!-- proofgate-enable headings/duplicate -->",
       "This proofgate-enable of 'headings/duplicate' has no open "
       "proofgate-disable above it to end."},
      {"<!-- proofgate-enable -->",
       "This proofgate-enable comment is ignored: it names no rule to "
       "enable."},
      {"<!-- proofgate-disabled headings reason=\"r\" -->",
       "Unknown directive 'proofgate-disabled'; proofgate understands "
       "proofgate-disable, proofgate-enable and "
       "proofgate-disable-next-line."},
      {"<!-- proofgate-disable headings reason='r' -->",
       "This proofgate-disable comment is ignored: write the reason in "
       "double quotes: reason=\"...\"."},
      {"<!-- proofgate-disable headings reason=\"r -->",
       "This proofgate-disable comment is ignored: the reason has no "
       "closing quote."},
      {"<!-- proofgate-disable reason=\"r\" headings -->",
       "This proofgate-disable comment is ignored: unexpected text after the "
       "reason: 'headings' (the rules come first, then reason=\"...\")."},
      {"<!-- proofgate-disable headings because=\"r\" -->",
       "This proofgate-disable comment is ignored: 'because=\"r\"' is not a "
       "rule; the only attribute is reason=\"...\"."},
  };
  for (const auto& [directive, message] : cases) {
    const Outcome o = Suppress("Text\n" + directive + "\ntext\n",
                               {At("headings/duplicate", 3)});
    EXPECT_EQ(Reasons(o), (Strings{"-"})) << directive;
    ASSERT_EQ(o.problems.size(), 1u) << directive;
    EXPECT_EQ(o.problems[0].rule, "suppression/invalid");
    EXPECT_EQ(o.problems[0].message, message);
    EXPECT_EQ(o.problems[0].range.line, 2);
  }
}

TEST(SuppressionsTest, OrdinaryCommentsAreIgnored) {
  const Outcome o = Suppress(
      "Text\n<!-- proofgate is great; disable nothing -->\n<!-- TODO -->\n",
      {At("headings/duplicate", 3)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"-"}));
}

// ---------------------------------------------------------------------------
// markdownlint's directives

// opentelemetry-docs/blog/2023/otel-in-focus-05.md puts H5 link labels
// under an H2 on purpose, and says so to markdownlint just above them.
TEST(SuppressionsTest, MarkdownlintDisableWaivesTheEquivalentRule) {
  const Outcome o = Suppress(
      "## Releases and Updates\n"                          // 1
      "\n"                                                 // 2
      "<!-- markdownlint-disable heading-increment -->\n"  // 3
      "\n"                                                 // 4
      "##### [Specification](/docs/specs/otel/)\n"         // 5
      "\n"                                                 // 6
      "##### [Collector](/docs/collector/)\n",             // 7
      {At("headings/skipped-level", 1), At("headings/skipped-level", 5),
       At("headings/max-depth", 5), At("headings/duplicate", 7),
       Whole("headings/skipped-level")});
  EXPECT_TRUE(o.problems.empty());
  // max-depth has no markdownlint equivalent; only MD001 was named.
  EXPECT_EQ(Reasons(o), (Strings{"-", "markdownlint-disable heading-increment",
                                 "-", "-", "-"}));
}

TEST(SuppressionsTest, MarkdownlintNamesAliasesAndRanges) {
  const Outcome o = Suppress(
      "# A\n"                                                       // 1
      "<!-- markdownlint-disable MD024 single-h1 MD038 -->\n"       // 2
      "# B\n"                                                       // 3
      "<!-- markdownlint-enable no-duplicate-heading -->\n"         // 4
      "## C\n"                                                      // 5
      "<!-- markdownlint-disable-next-line Header-Increment -->\n"  // 6
      "#### D\n"                                                    // 7
      "#### E <!-- markdownlint-disable-line MD001 -->\n"           // 8
      "#### F\n",                                                   // 9
      {At("headings/duplicate", 3), At("headings/multiple-h1", 3),
       At("headings/duplicate", 5), At("headings/multiple-h1", 5),
       At("headings/skipped-level", 7), At("headings/skipped-level", 8),
       At("headings/skipped-level", 9)});
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o),
            (Strings{"markdownlint-disable MD024 single-h1 MD038",
                     "markdownlint-disable MD024 single-h1 MD038", "-",
                     "markdownlint-disable MD024 single-h1 MD038",
                     "markdownlint-disable-next-line Header-Increment",
                     "markdownlint-disable-line MD001", "-"}));
}

TEST(SuppressionsTest, MarkdownlintBareDisableAndCaptureRestore) {
  const Outcome o = Suppress(
      "# A\n"                                                  // 1
      "<!-- markdownlint-capture -->\n"                        // 2
      "<!-- markdownlint-disable -->\n"                        // 3
      "### B\n"                                                // 4
      "<!-- markdownlint-restore -->\n"                        // 5
      "#### C\n"                                               // 6
      "<!-- markdownlint-disable no-shortcut-ref-link -->\n",  // 7
      {At("headings/skipped-level", 4), At("headings/duplicate", 4),
       At("links/bare-url", 4), At("headings/skipped-level", 6)});
  // Other markdownlint rules and directives are no problem of proofgate's.
  EXPECT_TRUE(o.problems.empty());
  EXPECT_EQ(Reasons(o), (Strings{"markdownlint-disable", "markdownlint-disable",
                                 "-", "-"}));
}

TEST(SuppressionsTest, RulesListsBothRules) {
  ASSERT_EQ(SuppressionRules().size(), 2u);
  EXPECT_EQ(SuppressionRules()[0].id, "suppression/missing-reason");
  EXPECT_EQ(SuppressionRules()[0].default_severity, Severity::kError);
  EXPECT_EQ(SuppressionRules()[1].id, "suppression/invalid");
  EXPECT_EQ(SuppressionRules()[1].default_severity, Severity::kWarning);
}

// ---------------------------------------------------------------------------
// Through the verifier: the verdict effect

class VerifySuppressionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("proofgate-suppressions-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "book.yaml") << "name: test\n"
                                         "version: \"1\"\n"
                                         "checks:\n"
                                         "  headings:\n"
                                         "    front_matter_title: \"\"\n";
    RulebookLoad load = LoadRulebook(dir_ / "book.yaml");
    for (const ConfigError& e : load.errors) ADD_FAILURE() << e.ToString();
    book_ = load.rulebook;
    ASSERT_NE(book_, nullptr);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Verification Run(const std::string& draft) {
    const auto doc = Document::Parse("a.md", draft);
    return Verify(*book_, *doc);
  }

  fs::path dir_;
  std::shared_ptr<const Rulebook> book_;
};

TEST_F(VerifySuppressionsTest, WithoutSuppressionTheDraftFails) {
  const Verification v = Run("# Title\n\n### Deep\n");
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "headings/skipped-level");
  EXPECT_FALSE(v.findings[0].suppressed);
  EXPECT_EQ(v.verdict, Verdict::kFail);
}

TEST_F(VerifySuppressionsTest, SuppressedFindingStaysButPasses) {
  const Verification v =
      Run("# Title\n"
          "\n"
          "<!-- proofgate-disable-next-line headings/skipped-level "
          "reason=\"mirrors the printed manual\" -->\n"
          "### Deep\n");
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "headings/skipped-level");
  EXPECT_EQ(v.findings[0].range.line, 4);
  EXPECT_TRUE(v.findings[0].suppressed);
  EXPECT_EQ(v.findings[0].suppression_reason, "mirrors the printed manual");
  EXPECT_EQ(v.verdict, Verdict::kPass);
}

TEST_F(VerifySuppressionsTest, MissingReasonFailsTheDraft) {
  const Verification v =
      Run("# Title\n"
          "\n"
          "<!-- proofgate-disable-next-line headings/skipped-level -->\n"
          "### Deep\n");
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(v.findings[0].rule, "suppression/missing-reason");  // line 3
  EXPECT_EQ(v.findings[1].rule, "headings/skipped-level");      // line 4
  EXPECT_FALSE(v.findings[1].suppressed);
  EXPECT_EQ(v.verdict, Verdict::kFail);
}

TEST_F(VerifySuppressionsTest, InvalidDirectiveWarnsWithoutFailing) {
  const Verification v =
      Run("# Title\n"
          "\n"
          "<!-- proofgate-enable headings -->\n");
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "suppression/invalid");
  EXPECT_EQ(v.verdict, Verdict::kPass);  // a warning: fail_on is error
}

TEST_F(VerifySuppressionsTest, RuleOfACheckNotInTheRulebookIsAccepted) {
  // metadata is a known check, just not in this rulebook: no problem, and
  // nothing to waive.
  const Verification v =
      Run("<!-- proofgate-disable metadata/missing-key reason=\"no front "
          "matter here\" -->\n"
          "# Title\n");
  EXPECT_TRUE(v.findings.empty());
  EXPECT_EQ(v.verdict, Verdict::kPass);
}

TEST_F(VerifySuppressionsTest, DisableAtTheTopWaivesADraftLevelFinding) {
  std::ofstream(dir_ / "required.yaml") << "name: required\n"
                                           "version: \"1\"\n"
                                           "checks:\n"
                                           "  headings:\n"
                                           "    required: [Summary]\n";
  RulebookLoad load = LoadRulebook(dir_ / "required.yaml");
  ASSERT_NE(load.rulebook, nullptr);
  const auto doc = Document::Parse(
      "a.md",
      "<!-- proofgate-disable headings/required reason=\"landing page\" -->\n"
      "# Title\n");
  const Verification v = Verify(*load.rulebook, *doc);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "headings/required");
  EXPECT_TRUE(v.findings[0].suppressed);
  EXPECT_EQ(v.verdict, Verdict::kPass);
}

}  // namespace
}  // namespace proofgate
