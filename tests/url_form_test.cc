// Percent-decoding of paths, queries and form bodies (daemon/http/url_form.h)
// and percent-encoding (daemon/text/percent_encode.h).
#include "daemon/http/url_form.h"

#include <gtest/gtest.h>

#include "daemon/text/percent_encode.h"

namespace proofgate {
namespace {

TEST(UrlFormTest, PercentDecode) {
  EXPECT_EQ(PercentDecode("a%2Fb%2fc", false), "a/b/c");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b%20c", true), "a b c");
  EXPECT_EQ(PercentDecode("%00", false), std::string(1, '\0'));
  EXPECT_EQ(PercentDecode("", false), "");
  EXPECT_EQ(PercentDecode("%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%4", false), std::nullopt);
  EXPECT_EQ(PercentDecode("ab%G0", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%e2%80%94", false), "\u2014");
}

TEST(UrlFormTest, PercentEncodeRoundTrips) {
  EXPECT_EQ(PercentEncodeComponent("blog/post 1.md"), "blog%2Fpost%201.md");
  EXPECT_EQ(PercentEncodeComponent("a-b_c.d~"), "a-b_c.d~");
  const std::string all = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s += static_cast<char>(c);
    return s;
  }();
  EXPECT_EQ(PercentDecode(PercentEncodeComponent(all), true), all);
  EXPECT_EQ(PercentDecode(PercentEncodePath(all), true), all);
}

TEST(UrlFormTest, PercentEncodePathKeepsSlashes) {
  EXPECT_EQ(PercentEncodePath("blog/post 1.md"), "blog/post%201.md");
  EXPECT_EQ(PercentEncodePath("/a-b_c.d~/é"), "/a-b_c.d~/%C3%A9");
  EXPECT_EQ(PercentEncodeComponent("/é"), "%2F%C3%A9");
}

TEST(UrlFormTest, ParseFormFields) {
  const auto f = ParseFormFields(
      "decision=approve&reason=Fine+%26+sourced&editor=&flag&reason=second&"
      "bad=%zz&&=empty");
  EXPECT_EQ(f.at("decision"), "approve");
  EXPECT_EQ(f.at("reason"), "Fine & sourced");  // the first value wins
  EXPECT_EQ(f.at("editor"), "");
  EXPECT_EQ(f.at("flag"), "");
  EXPECT_EQ(f.count("bad"), 0u);
  EXPECT_EQ(f.at(""), "empty");
  EXPECT_TRUE(ParseFormFields("").empty());
}

}  // namespace
}  // namespace proofgate
