// Proof records: check statuses in the JSON, escaping in the HTML.
#include "daemon/spool/proof_record.h"

#include <gtest/gtest.h>

#include "daemon/spool/proof_html.h"
#include "rules/rulebook_set.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

TEST(ProofRecordTest, EveryCheckHasAStatusAndInputComesFirst) {
  const auto load = RulebookSet::FromPath(BooksDir() + "/default.yaml");
  ASSERT_TRUE(load);
  DraftResult result;
  result.path = "a.md";
  result.rulebook = (*load)->rulebooks().front().get();
  Finding skipped;
  skipped.rule = "headings/skipped-level";
  Finding unsure;
  unsure.rule = "metadata/missing-key";
  unsure.confidence = 0.5;
  result.verification.findings = {skipped, unsure};
  result.verification.checks = {{"headings", 1}, {"metadata", 1}};
  result.verification.verdict = Verdict::kFail;
  ProofContext context;
  context.submission = "s1";
  const nlohmann::json record = ProofRecordJson(result, context);
  EXPECT_EQ(record["schema_version"], 1);
  ASSERT_EQ(record["checks"].size(), 3u);
  EXPECT_EQ(record["checks"][0]["name"], "input");
  EXPECT_EQ(record["checks"][0]["status"], "passed");
  EXPECT_EQ(record["checks"][1]["status"], "failed");
  EXPECT_EQ(record["checks"][2]["status"], "low-confidence");
  EXPECT_EQ(record["route"], "review");
  EXPECT_EQ(record["area"], "review");
  // Each finding says what it did to the verdict.
  EXPECT_EQ(record["checks"][1]["findings"][0]["effect"], "fails");
  EXPECT_EQ(record["checks"][2]["findings"][0]["effect"], "review");
  EXPECT_EQ(RouteFor(result), Area::kReview);
}

TEST(ProofHtmlTest, EscapesDraftTextAndShowsFindingsUnderTheirLine) {
  nlohmann::json record = {
      {"draft", {{"path", "<a>.md"}}},
      {"verdict", "fail"},
      {"checks",
       {{{"name", "headings"},
         {"status", "failed"},
         {"findings",
          {{{"rule", "headings/x"},
            {"severity", "error"},
            {"message", "Bad <b>"},
            {"excerpt", "<img src=x onerror=alert(1)> & co"},
            {"line", 2},
            {"column", 1},
            {"end_line", 2},
            {"end_column", 9}},
           {{"rule", "headings/y"},
            {"severity", "warning"},
            {"message", "Past the end"},
            {"excerpt", "<gone>"},
            {"line", 40}}}}}}}};
  const std::string html = ProofRecordHtml(
      record, "line one\n<script>alert('x')</script> & \xff\nthree\n");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;</mark>alert(&#39;x&#39;)&lt;/script&gt; "
                      "&amp; \uFFFD"),
            std::string::npos);
  EXPECT_EQ(html.find("Bad <b>"), std::string::npos);
  // The finding sits between line 2 and line 3.
  const size_t line2 = html.find("id=\"L2\"");
  const size_t finding = html.find("Bad &lt;b&gt;", line2);
  const size_t line3 = html.find("id=\"L3\"");
  EXPECT_LT(line2, finding);
  EXPECT_LT(finding, line3);
  // Its exact range is highlighted in the line; the line is not repeated
  // under it as evidence.
  EXPECT_LT(html.find("<mark class=\"hl\">&lt;script&gt;</mark>alert(", line2),
            finding)
      << html;
  EXPECT_EQ(html.find("Evidence: <code class=\"excerpt\">&lt;img"),
            std::string::npos);
  // A finding past the end of the draft keeps its evidence, escaped.
  EXPECT_NE(html.find("Evidence: <code class=\"excerpt\">&lt;gone&gt;</code>"),
            std::string::npos);
  // The summary comes first and links to the failing finding; the
  // warning of a failed check is told in plain words, not "check passed".
  const size_t summary = html.find("id=\"summary\"");
  EXPECT_LT(summary, line2);
  EXPECT_LT(html.find("<a href=\"#F1\">line 2</a>"), line2);
  EXPECT_NE(html.find("id=\"F1\""), std::string::npos);
  EXPECT_EQ(html.find("check passed"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos) << "no external assets";
}

TEST(ProofHtmlTest, RenderedViewIsSafeAndLinksAreNoopener) {
  const nlohmann::json record = {{"draft", {{"path", "a.md"}}},
                                 {"verdict", "pass"},
                                 {"checks", nlohmann::json::array()}};
  const std::string html = ProofRecordHtml(
      record,
      "---\ntitle: Hidden front matter\n---\n# Title\n\n"
      "<script>alert(1)</script>\n\n[ok](https://example.com/) "
      "[bad](javascript:alert(2)) <img src=x onerror=alert(3)>\n");
  const size_t begin = html.find("<div class=\"rendered\" id=\"rendered\">");
  ASSERT_NE(begin, std::string::npos);
  const std::string rendered = html.substr(begin);
  EXPECT_NE(rendered.find("<h1>Title</h1>"), std::string::npos) << rendered;
  EXPECT_EQ(rendered.find("Hidden front matter"), std::string::npos);
  EXPECT_EQ(rendered.find("<script"), std::string::npos);
  EXPECT_EQ(rendered.find("<img"), std::string::npos);
  EXPECT_EQ(rendered.find("javascript:"), std::string::npos);
  EXPECT_NE(rendered.find("<a rel=\"noopener noreferrer\" "
                          "href=\"https://example.com/\">ok</a>"),
            std::string::npos)
      << rendered;
}

TEST(ProofHtmlTest, ADecisionHeadsTheRecordAndTheVerdictKeepsItsName) {
  const nlohmann::json record = {{"draft", {{"path", "a.md"}}},
                                 {"verdict", "review"},
                                 {"route", "review"},
                                 {"area", "ready"},
                                 {"checks", nlohmann::json::array()},
                                 {"decision",
                                  {{"decision", "approve"},
                                   {"editor", "Dana"},
                                   {"at", "2026-12-03T10:42:13.000001Z"},
                                   {"area", "ready"},
                                   {"reason", "Sourced in the appendix"}}}};
  const std::string html = ProofRecordHtml(record, "text\n");
  const size_t decided =
      html.find("approved by Dana, 2026-12-03 10:42 UTC: moved to ready/");
  ASSERT_NE(decided, std::string::npos) << html;
  EXPECT_LT(decided, html.find("id=\"verdict\""));
  EXPECT_NE(html.find(">needs judgment</span> routed to <strong>review/"),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("low confidence"), std::string::npos);
}

}  // namespace
}  // namespace proofgate
