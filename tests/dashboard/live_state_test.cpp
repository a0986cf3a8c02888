#include "dashboard/live_state.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::dashboard;

TEST(LiveState, SourceSeesNothingBeforeTheFirstTickThenTheLatest) {
  LiveState state;
  const auto source = state.source();
  EXPECT_FALSE(source().has_value());
  const auto t = core::UtcTime::from_seconds(1'800'000'000);
  state.update(LiveSnapshot{"sim", t, core::AssetClass::crypto, t, t});
  state.update(LiveSnapshot{"sim", t + std::chrono::minutes{1}, core::AssetClass::us_equity,
                            t + std::chrono::minutes{1}, t});
  const auto seen = source();
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->mode, "sim");
  EXPECT_EQ(seen->now, t + std::chrono::minutes{1});
  EXPECT_EQ(seen->market, core::AssetClass::us_equity);
}
