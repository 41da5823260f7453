#include "daemon/text/string_ids.h"

#include <gtest/gtest.h>

#include <string>

namespace proofgate {
namespace {

TEST(StringIdsTest, DenseIdsInFirstSeenOrder) {
  StringIds ids;
  EXPECT_EQ(ids.IdOf("docs/b.md"), 0);
  EXPECT_EQ(ids.IdOf("docs/a.md"), 1);
  EXPECT_EQ(ids.IdOf("docs/b.md"), 0);
  EXPECT_EQ(ids.IdOf(""), 2);
  EXPECT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0], "docs/b.md");
  EXPECT_EQ(ids[1], "docs/a.md");
  EXPECT_EQ(ids[2], "");
}

TEST(StringIdsTest, NamesStayValidAsTheTableGrows) {
  StringIds ids;
  const std::string& first = ids[ids.IdOf("a path longer than a short string")];
  for (int i = 0; i < 100000; ++i) {
    ASSERT_EQ(ids.IdOf("folder/post" + std::to_string(i) + ".md"), i + 1);
  }
  EXPECT_EQ(first, "a path longer than a short string");
  EXPECT_EQ(ids.IdOf("folder/post99999.md"), 100000);
  EXPECT_EQ(ids.IdOf("a path longer than a short string"), 0);
}

}  // namespace
}  // namespace proofgate
