#include "rate_window.hpp"

#include <gtest/gtest.h>

namespace crew::fake_alpaca {
namespace {

const core::UtcTime k_t0 = core::UtcTime::from_seconds(1'700'000'000);

TEST(RateWindow, AdmitsUpToTheLimitInAMinute) {
  RateWindow window(3);
  EXPECT_EQ(window.admit(k_t0).remaining, 2);
  EXPECT_TRUE(window.admit(k_t0 + std::chrono::seconds{1}).admitted);
  EXPECT_TRUE(window.admit(k_t0 + std::chrono::seconds{2}).admitted);
  const auto refused = window.admit(k_t0 + std::chrono::seconds{3});
  EXPECT_FALSE(refused.admitted);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_EQ(refused.limit, 3);
  EXPECT_EQ(refused.reset_epoch_seconds, k_t0.seconds() + 61);
}

TEST(RateWindow, SlidesAsOldRequestsAge) {
  RateWindow window(2);
  EXPECT_TRUE(window.admit(k_t0).admitted);
  EXPECT_TRUE(window.admit(k_t0 + std::chrono::seconds{30}).admitted);
  EXPECT_FALSE(window.admit(k_t0 + std::chrono::seconds{59}).admitted);
  EXPECT_TRUE(window.admit(k_t0 + std::chrono::seconds{60}).admitted);
  EXPECT_FALSE(window.admit(k_t0 + std::chrono::seconds{61}).admitted);
}

} // namespace
} // namespace crew::fake_alpaca
