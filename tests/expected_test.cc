#include "checks/expected.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "checks/config_error.h"

namespace proofgate {
namespace {

Expected<int> Half(int n) {
  if (n % 2 != 0) return Unexpected(std::string("odd: ") + std::to_string(n));
  return n / 2;
}

TEST(ExpectedTest, HoldsTheValueOrTheError) {
  const Expected<int> even = Half(8);
  ASSERT_TRUE(even.has_value());
  EXPECT_EQ(*even, 4);
  const Expected<int> odd = Half(7);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error(), "odd: 7");
  EXPECT_THROW((void)odd.value(), std::bad_variant_access);
}

TEST(ExpectedTest, MovesOnlyValuesAndErrorLists) {
  Expected<std::unique_ptr<int>> owned = std::make_unique<int>(3);
  std::unique_ptr<int> taken = std::move(owned).value();
  EXPECT_EQ(*taken, 3);

  using Load = Expected<int, std::vector<ConfigError>>;
  const Load refused = Unexpected(std::vector<ConfigError>{
      {"book.yaml", 3, 5, "unknown key"}, {"book.yaml", 9, 1, "bad type"}});
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().size(), 2u);
  EXPECT_EQ(refused.error()[0].ToString(), "book.yaml:3:5: unknown key");
}

TEST(ExpectedTest, StatusIsSuccessOrAMessage) {
  const Status ok;
  EXPECT_TRUE(ok);
  const Status failed = Unexpected(std::string("address in use"));
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error(), "address in use");
}

}  // namespace
}  // namespace proofgate
