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
            {"line", 2}}}}}}}};
  const std::string html = ProofRecordHtml(
      record, "line one\n<script>alert('x')</script> & \xff\nthree\n");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
                      "&amp; \uFFFD"),
            std::string::npos);
  EXPECT_EQ(html.find("Bad <b>"), std::string::npos);
  // The finding sits between line 2 and line 3.
  const size_t line2 = html.find("id=\"L2\"");
  const size_t finding = html.find("Bad &lt;b&gt;");
  const size_t line3 = html.find("id=\"L3\"");
  EXPECT_LT(line2, finding);
  EXPECT_LT(finding, line3);
  // The finding's evidence, escaped, inside the finding.
  const size_t evidence = html.find(
      "Evidence: <code class=\"excerpt\">&lt;img src=x "
      "onerror=alert(1)&gt; &amp; co</code>");
  EXPECT_NE(evidence, std::string::npos) << html;
  EXPECT_LT(finding, evidence);
  EXPECT_LT(evidence, line3);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos) << "no external assets";
}

}  // namespace
}  // namespace proofgate
