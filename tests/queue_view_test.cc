// The exception queue's listing reads each draft's title and author from
// its front matter, in any of the three formats.
#include "daemon/queue/queue_view.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

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

}  // namespace
}  // namespace proofgate
