// The exception queue's listing reads each draft's title and author from
// its front matter, in any of the three formats.
#include "daemon/queue/queue_view.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/temp_dir.h"

namespace proofgate {
namespace {

QueueItem Item(const std::string& draft) {
  return QueueItemOf("blog/post.md", nlohmann::json::object(), draft);
}

TEST(QueueViewTest, TitleAndAuthorFromEveryFrontMatterFormat) {
  for (const char* draft :
       {"---\ntitle: Release notes\nauthor: Ann Lee\n---\n# Body\n",
        "+++\ntitle = \"Release notes\"\nauthor = \"Ann Lee\"\n+++\n# Body\n",
        "{\n  \"title\": \"Release notes\",\n  \"author\": \"Ann Lee\"\n}\n"}) {
    const QueueItem item = Item(draft);
    EXPECT_EQ(item.title, "Release notes") << draft;
    EXPECT_EQ(item.author, "Ann Lee") << draft;
    EXPECT_EQ(item.folder, "blog");
  }
}

TEST(QueueViewTest, NoTitleFromBrokenOrNonScalarFrontMatter) {
  for (const char* draft :
       {"# No front matter\n", "---\ntitle: [a, b]\n---\n",
        "---\ntitle: [a\n---\n", "+++\ntitle = \n+++\n", "+++\ntitle = \"x\"\n",
        "{\"title\": \"x\"", "{\"title\": {}}\n"}) {
    const QueueItem item = Item(draft);
    EXPECT_EQ(item.title, "") << draft;
    EXPECT_EQ(item.author, "") << draft;
  }
}

nlohmann::json Finding(const char* rule, const char* severity,
                       const char* effect = nullptr) {
  nlohmann::json f = {{"rule", rule}, {"severity", severity}, {"line", 1}};
  if (effect) f["effect"] = effect;
  return f;
}

TEST(QueueViewTest, EveryRuleListedAndTheBlockingOnesApart) {
  // A warning of a passed check is listed like the others; only the
  // findings that fail the draft or need judgment block it; suppressed
  // findings count for nothing; info is counted, not listed.
  nlohmann::json suppressed = Finding("links/bare-url", "warning", "waived");
  suppressed["suppressed"] = true;
  const nlohmann::json record = {
      {"submission", "1-2-3"},
      {"verdict", "fail"},
      {"checks",
       {{{"name", "headings"},
         {"status", "failed"},
         {"findings",
          {Finding("headings/skipped-level", "error", "fails"),
           Finding("headings/duplicate", "warning", "advisory")}}},
        {{"name", "prohibited"},
         {"status", "passed"},
         {"findings",
          {Finding("prohibited/term", "warning", "advisory"),
           Finding("prohibited/note", "info", "advisory"), suppressed}}},
        {{"name", "claims"},
         // A record written before findings had an effect: the check's
         // status decides.
         {"status", "low-confidence"},
         {"findings", {Finding("claims/superlative", "warning")}}}}}};
  const QueueItem item = QueueItemOf("a.md", record, "text\n");
  EXPECT_EQ(item.rules, (std::vector<std::string>{
                            "claims/superlative", "headings/duplicate",
                            "headings/skipped-level", "prohibited/term"}));
  EXPECT_EQ(item.blocking_rules,
            (std::vector<std::string>{"claims/superlative",
                                      "headings/skipped-level"}));
  EXPECT_EQ(item.errors, 1);
  EXPECT_EQ(item.warnings, 3);
  EXPECT_EQ(item.infos, 1);
  QueueFilter filter;
  filter.rule = "prohibited/term";
  EXPECT_TRUE(Matches(item, filter));
  filter.rule = "links/bare-url";
  EXPECT_FALSE(Matches(item, filter));
  filter.rule = "";
  filter.verdict = "review";
  EXPECT_FALSE(Matches(item, filter));
}

TEST(QueueViewTest, FindsAVersionWhereverItIsNow) {
  testing::TempDir dir;
  const Spool spool(dir.path());
  auto put = [](const std::filesystem::path& file, const std::string& id) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << "# Draft " << id << "\n";
    std::ofstream(file.string() + ".proof.json")
        << nlohmann::json{{"submission", id}, {"verdict", "fail"}}.dump();
  };
  put(dir.path() / "ready" / "blog/a.md", "1-1-2");
  put(dir.path() / ".proofgate/history/1-1-2/review/blog/a.md", "1-1-1");
  const auto now = FindDraftVersion(spool, "1-1-2", "blog/a.md", {"1-1-2"});
  ASSERT_TRUE(now);
  EXPECT_EQ(now->area, "ready");
  EXPECT_EQ(now->bytes, "# Draft 1-1-2\n");
  const auto old =
      FindDraftVersion(spool, "1-1-1", "blog/a.md", {"1-1-2", "1-1-1"});
  ASSERT_TRUE(old);
  EXPECT_EQ(old->area, "history");
  EXPECT_EQ(old->item.path, "blog/a.md");
  // Nothing else: an unknown id, a path that climbs, an id that is not one.
  EXPECT_FALSE(FindDraftVersion(spool, "9-9-9", "blog/a.md", {"1-1-2"}));
  EXPECT_FALSE(FindDraftVersion(spool, "1-1-2", "../ready/blog/a.md", {}));
  EXPECT_FALSE(FindDraftVersion(spool, "../x", "blog/a.md", {}));
}

}  // namespace
}  // namespace proofgate
