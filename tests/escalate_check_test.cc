// Tests of the `escalate` check, of rulebook owners, and of where both show:
// verdicts, proof records (JSON and HTML), queue items and reports.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "checks/document/document.h"
#include "daemon/drafts/finding_effect.h"
#include "daemon/queue/queue_view.h"
#include "daemon/spool/proof_html.h"
#include "daemon/spool/proof_record.h"
#include "rules/rulebook.h"
#include "rules/verifier.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

fs::path TempDir() {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::path(testing::TempDir()) /
                       ("escalate_test_" + std::to_string(::getpid()) + "_" +
                        std::to_string(counter++));
  fs::create_directories(dir);
  return dir;
}

void Write(const fs::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

std::string Errors(const RulebookLoad& load) {
  std::string out;
  for (const ConfigError& e : load.errors) out += e.ToString() + "\n";
  return out;
}

const char kBook[] = R"(name: finance
version: "3"
owner: {name: Compliance desk, contact: compliance@example.com}
checks:
  escalate:
    rules:
      - id: legal
        when: {terms: [lawsuit, class action, settlement]}
        reviewer: legal
      - id: pricing
        when: {patterns: ['\bprice (increase|change)s?\b'], ignore_case: true}
        reviewer: compliance
        severity: info
        message: "Price changes need compliance sign-off"
)";

std::shared_ptr<const Rulebook> Load(const std::string& text) {
  const fs::path dir = TempDir();
  Write(dir / "book.yaml", text);
  RulebookLoad load = LoadRulebook(dir / "book.yaml");
  EXPECT_TRUE(load.errors.empty()) << Errors(load);
  return load.rulebook;
}

Verification VerifyText(const Rulebook& book, const std::string& draft) {
  auto doc = Document::Parse("post.md", draft);
  return Verify(book, *doc);
}

TEST(EscalateCheckTest, FindingNamesReviewerAndRoutesToReview) {
  auto book = Load(kBook);
  ASSERT_TRUE(book);
  const Verification v =
      VerifyText(*book, "# News\n\nWe settled the lawsuit.\n");
  ASSERT_EQ(v.findings.size(), 1u);
  const Finding& f = v.findings[0];
  EXPECT_EQ(f.rule, "escalate/legal");
  EXPECT_EQ(f.reviewer, "legal");
  EXPECT_EQ(f.severity, Severity::kWarning);
  EXPECT_EQ(f.confidence, 0.0);
  EXPECT_EQ(f.range, (SourceRange{3, 16, 3, 23}));
  EXPECT_EQ(f.message,
            "This topic needs review by legal before publication. Triggered "
            "by \"lawsuit\"; reviewer: legal.");
  EXPECT_EQ(v.verdict, Verdict::kReview);
}

TEST(EscalateCheckTest, CleanDraftPasses) {
  auto book = Load(kBook);
  ASSERT_TRUE(book);
  const Verification v = VerifyText(*book, "# News\n\nA class on actions.\n");
  EXPECT_TRUE(v.findings.empty());
  EXPECT_EQ(v.verdict, Verdict::kPass);
}

TEST(EscalateCheckTest, SeveralRulesFireAndInfoStillRoutes) {
  auto book = Load(kBook);
  ASSERT_TRUE(book);
  const Verification v =
      VerifyText(*book, "A price increase.\n\nA class action, a settlement.\n");
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(v.findings[0].rule, "escalate/pricing");
  EXPECT_EQ(v.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(v.findings[1].message,
            "This topic needs review by legal before publication. Triggered "
            "by \"class action\" (and 1 more); reviewer: legal.");
  EXPECT_EQ(v.verdict, Verdict::kReview);
  EXPECT_EQ(ReviewersOf(v.findings),
            (std::vector<std::string>{"compliance", "legal"}));
  EXPECT_EQ(EffectOnVerdict(v.findings[0], book->routing),
            FindingEffect::kReview);
}

TEST(EscalateCheckTest, CannotBeSuppressed) {
  auto book = Load(kBook);
  ASSERT_TRUE(book);
  const Verification v = VerifyText(
      *book,
      "<!-- proofgate-disable-next-line escalate/legal reason=\"fine\" -->\n"
      "A lawsuit.\n");
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(v.findings[0].rule, "suppression/invalid");
  EXPECT_NE(v.findings[0].message.find("an escalation always needs its "
                                       "reviewer"),
            std::string::npos);
  EXPECT_EQ(v.findings[1].rule, "escalate/legal");
  EXPECT_FALSE(v.findings[1].suppressed);
  EXPECT_EQ(v.verdict, Verdict::kReview);
}

TEST(EscalateCheckTest, ValidationErrorsAreLocated) {
  const fs::path dir = TempDir();
  Write(dir / "book.yaml", R"(name: x
version: "1"
checks:
  escalate:
    rules:
      - id: legal
        when: {terms: [lawsuit]}
      - id: b
        when: {terms: [x]}
        reviewer: Legal Team
      - id: c
        when: {}
        reviewer: legal
        owner: me
)");
  const std::string errors = Errors(LoadRulebook(dir / "book.yaml"));
  EXPECT_NE(errors.find(":6:9: checks.escalate: rules[0]: missing key "
                        "'reviewer'"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find(":10:19: checks.escalate: rules[1].reviewer: "
                        "expected a name"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find(":12:15: checks.escalate: rules[2].when: expected a "
                        "map"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find(":14:9: checks.escalate: rules[2]: unknown key "
                        "'owner'"),
            std::string::npos)
      << errors;
}

// corpus-formats/rust-blog/Rust-1.12.1.md:74 quotes a hypothetical ("such
// as a security vulnerability"); with skip_quoted it is no sign.
TEST(EscalateCheckTest, SkipQuotedIgnoresQuotations) {
  const std::string book = R"(name: sec
version: "1"
checks:
  escalate:
    rules:
      - id: security
        when:
          patterns: ['\bvulnerabilit(y|ies)\b', '\bsecurity advisory\b']
          ignore_case: true
          min_terms: 2
          skip_quoted: true
        reviewer: security
)";
  auto loaded = Load(book);
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(VerifyText(*loaded,
                         "We said \"point releases happen only for a "
                         "security vulnerability.\" We may cut one after a "
                         "security advisory.\n")
                  .findings.empty());
  const Verification v = VerifyText(
      *loaded, "This security advisory fixes a vulnerability in Cargo.\n");
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].rule, "escalate/security");
  // Not a boolean: refused with its location.
  const fs::path dir = TempDir();
  std::string bad = book;
  bad.replace(bad.find("skip_quoted: true"), 17, "skip_quoted: maybe");
  Write(dir / "book.yaml", bad);
  const std::string errors = Errors(LoadRulebook(dir / "book.yaml"));
  EXPECT_NE(errors.find(":11:24: checks.escalate: rules[0].when.skip_quoted: "
                        "expected true or false"),
            std::string::npos)
      << errors;
}

// corpus-formats/rust-blog/inside-rust/program-management-update-2026-05.md
// :136 lists links to advisories already published.
TEST(EscalateCheckTest, SkipLinkItemsIgnoresListsOfLinks) {
  auto loaded = Load(R"(name: sec
version: "1"
checks:
  escalate:
    rules:
      - id: security
        when:
          patterns: ['\bCVE-\d{4}-\d{4,}\b', '\bsecurity advisory\b']
          ignore_case: true
          min_terms: 2
          skip_link_items: true
        reviewer: security
)");
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(
      VerifyText(
          *loaded,
          "Posts this month:\n\n"
          "* [Security Advisory for Cargo (CVE-2026-5223)](https://b/1)\n"
          "* [Announcing Rust 1.96.0](https://b/2)\n")
          .findings.empty());
  // A link inside a sentence still counts.
  EXPECT_EQ(VerifyText(*loaded,
                       "This security advisory covers "
                       "[CVE-2026-5223](https://b/1), found in Cargo.\n")
                .findings.size(),
            1u);
}

TEST(EscalateCheckTest, ExampleRulebookLoadsAndEscalates) {
  const fs::path book = fs::path(BooksDir()) / ".." / ".." / "examples" /
                        "rulebooks" / "finance-marketing.yaml";
  RulebookLoad load = LoadRulebook(book);
  ASSERT_TRUE(load.rulebook) << Errors(load);
  EXPECT_EQ(load.rulebook->owner.name, "Compliance desk");
  const Verification v = VerifyText(
      *load.rulebook,
      "---\ntitle: Our statement on the lawsuit\n---\n\nWe face a lawsuit "
      "over investment returns on our mutual funds.\n");
  std::vector<std::string> rules;
  for (const Finding& f : v.findings) rules.push_back(f.rule);
  EXPECT_NE(std::find(rules.begin(), rules.end(), "escalate/legal"),
            rules.end());
  EXPECT_NE(
      std::find(rules.begin(), rules.end(), "required/investment-disclaimer"),
      rules.end());
  EXPECT_EQ(v.verdict, Verdict::kFail);
}

// --- Owners
// -------------------------------------------------------------------

TEST(RulebookOwnerTest, InheritedThroughExtendsAndReplaced) {
  const fs::path dir = TempDir();
  Write(dir / "base.yaml",
        "name: base\nversion: \"1\"\nowner: {name: Docs team, contact: "
        "docs@example.com}\n");
  Write(dir / "child.yaml",
        "name: child\nversion: \"1\"\nextends: base.yaml\n");
  Write(
      dir / "own.yaml",
      "name: own\nversion: \"1\"\nextends: base.yaml\nowner: {name: Legal}\n");
  RulebookLoad child = LoadRulebook(dir / "child.yaml");
  ASSERT_TRUE(child.rulebook) << Errors(child);
  EXPECT_EQ(child.rulebook->owner.name, "Docs team");
  EXPECT_EQ(child.rulebook->owner.contact, "docs@example.com");
  RulebookLoad own = LoadRulebook(dir / "own.yaml");
  ASSERT_TRUE(own.rulebook) << Errors(own);
  EXPECT_EQ(own.rulebook->owner.name, "Legal");
  EXPECT_EQ(own.rulebook->owner.contact, "");
}

TEST(RulebookOwnerTest, ValidationErrorsAreLocated) {
  const fs::path dir = TempDir();
  Write(dir / "a.yaml",
        "name: a\nversion: \"1\"\nowner: {name: X, phone: 1}\n");
  EXPECT_NE(Errors(LoadRulebook(dir / "a.yaml"))
                .find("a.yaml:3:18: owner: unknown key 'phone'"),
            std::string::npos)
      << Errors(LoadRulebook(dir / "a.yaml"));
  Write(dir / "b.yaml", "name: b\nversion: \"1\"\nowner: Someone\n");
  EXPECT_NE(Errors(LoadRulebook(dir / "b.yaml"))
                .find("b.yaml:3:8: owner: expected a map with name and "
                      "contact"),
            std::string::npos);
  Write(dir / "c.yaml", "name: c\nversion: \"1\"\nowner: {contact: x}\n");
  EXPECT_NE(Errors(LoadRulebook(dir / "c.yaml"))
                .find("c.yaml:3:8: owner: missing key 'name'"),
            std::string::npos);
}

// --- Proof record, queue item ------------------------------------------------

TEST(EscalateCheckTest, ProofRecordAndQueueItemNameReviewerAndOwner) {
  auto book = Load(kBook);
  ASSERT_TRUE(book);
  DraftResult result;
  result.path = "news/a.md";
  result.rulebook = book.get();
  const std::string draft = "---\ntitle: A\n---\nA lawsuit.\n";
  result.verification = VerifyText(*book, draft);
  ProofContext context;
  context.submission = "1-2-3";
  context.route = RouteFor(result);
  EXPECT_EQ(context.route, Area::kReview);
  const nlohmann::json record = ProofRecordJson(result, context);
  EXPECT_EQ(record["reviewers"], nlohmann::json({"legal"}));
  EXPECT_EQ(record["rulebook"]["owner"],
            nlohmann::json({{"name", "Compliance desk"},
                            {"contact", "compliance@example.com"}}));
  bool found = false;
  for (const auto& check : record["checks"]) {
    if (check["name"] != "escalate") continue;
    found = true;
    EXPECT_EQ(check["status"], "escalated");
    EXPECT_EQ(check["findings"][0]["reviewer"], "legal");
  }
  EXPECT_TRUE(found);
  const std::string html = ProofRecordBody(record, draft);
  EXPECT_NE(html.find("id=\"reviewers\"><strong>legal</strong>"),
            std::string::npos);
  EXPECT_NE(html.find("Compliance desk (compliance@example.com)"),
            std::string::npos);
  EXPECT_NE(html.find("reviewer: legal"), std::string::npos);

  const QueueItem item = QueueItemOf("news/a.md", record, draft);
  EXPECT_EQ(item.reviewers, (std::vector<std::string>{"legal"}));
  EXPECT_EQ(item.rules, (std::vector<std::string>{"escalate/legal"}));
  const nlohmann::json j = QueueItemJson(item, WallTime{});
  EXPECT_EQ(j["reviewer"], "legal");
  EXPECT_EQ(j["reviewers"], nlohmann::json({"legal"}));
  EXPECT_EQ(j["owner"]["name"], "Compliance desk");
}

}  // namespace
}  // namespace proofgate
