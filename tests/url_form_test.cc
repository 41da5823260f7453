// Percent-decoding of paths, queries and form bodies (daemon/url_form.h).
#include "daemon/http/url_form.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(PercentEncode("blog/post 1.md"), "blog%2Fpost%201.md");
  EXPECT_EQ(PercentEncode("a-b_c.d~"), "a-b_c.d~");
  const std::string all = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s += static_cast<char>(c);
    return s;
  }();
  EXPECT_EQ(PercentDecode(PercentEncode(all), true), all);
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
