#include "fault_injector.hpp"

#include <gtest/gtest.h>

#include <map>

namespace crew::fake_alpaca {
namespace {

TEST(FaultInjector, SameSeedGivesTheSameFaults) {
  FaultInjector a({0.3, 0.1, 0.1, 42});
  FaultInjector b({0.3, 0.1, 0.1, 42});
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(a.next(), b.next()) << i;
  }
}

TEST(FaultInjector, InjectsNothingByDefault) {
  FaultInjector none({});
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(none.next(), Fault::none);
  }
}

TEST(FaultInjector, InjectsEachKindAtRoughlyItsRate) {
  FaultInjector faults({0.3, 0.1, 0.1, 5});
  std::map<Fault, int> seen;
  const int n = 20'000;
  for (int i = 0; i < n; ++i) {
    ++seen[faults.next()];
  }
  const int failures =
      seen[Fault::server_error] + seen[Fault::unavailable] + seen[Fault::rate_limited];
  EXPECT_NEAR(failures / double(n), 0.3, 0.02);
  EXPECT_NEAR(seen[Fault::drop] / double(n), 0.1, 0.015);
  EXPECT_NEAR(seen[Fault::malformed] / double(n), 0.1, 0.015);
  EXPECT_GT(seen[Fault::rate_limited], 0);
  EXPECT_GT(seen[Fault::server_error], 0);
}

} // namespace
} // namespace crew::fake_alpaca
