#include "config/config.hpp"
#include "engine/scheduler.hpp"

#include <gtest/gtest.h>

namespace crew::engine {
namespace {

core::UtcTime at(const char* text) {
  return core::parse_rfc3339(text).value();
}

// Plans every minute over [from, to) and returns the plans.
std::vector<std::pair<core::UtcTime, TickPlan>> plan_minutes(Scheduler& s, core::UtcTime from,
                                                             core::UtcTime to) {
  std::vector<std::pair<core::UtcTime, TickPlan>> out;
  for (auto t = from; t < to; t += std::chrono::minutes{1}) {
    out.emplace_back(t, s.plan(t));
  }
  return out;
}

TEST(Scheduler, SwitchesToCryptoAtTheUsCloseAndBackAtTheOpen) {
  Scheduler s(config::default_config().scheduler, false);
  // Wednesday 2026-11-18: close 21:00 UTC, next open Thursday 14:30 UTC.
  const auto plans = plan_minutes(s, at("2026-11-18T20:50:00Z"), at("2026-11-19T14:40:00Z"));
  std::vector<std::pair<core::UtcTime, core::AssetClass>> switches;
  for (const auto& [t, p] : plans) {
    if (p.switched_from) {
      switches.emplace_back(t, p.market);
    }
  }
  ASSERT_EQ(switches.size(), 2u);
  EXPECT_EQ(switches[0], std::pair(at("2026-11-18T21:00:00Z"), core::AssetClass::crypto));
  EXPECT_EQ(switches[1], std::pair(at("2026-11-19T14:30:00Z"), core::AssetClass::us_equity));
}

TEST(Scheduler, ClosesUsPositionsInTheLastFiveMinutesOnly) {
  Scheduler s(config::default_config().scheduler, false);
  const auto plans = plan_minutes(s, at("2026-11-18T20:50:00Z"), at("2026-11-18T21:05:00Z"));
  for (const auto& [t, p] : plans) {
    const bool closing = t >= at("2026-11-18T20:55:00Z") && t < at("2026-11-18T21:00:00Z");
    EXPECT_EQ(p.close_us_positions, closing) << core::format_rfc3339(t);
    EXPECT_EQ(p.entries_allowed, !closing) << core::format_rfc3339(t);
  }
}

TEST(Scheduler, ClosesAt1255OnEarlyCloseDays) {
  // Friday 2026-11-27, the day after Thanksgiving: close 13:00 New York = 18:00 UTC.
  Scheduler s(config::default_config().scheduler, false);
  EXPECT_FALSE(s.plan(at("2026-11-27T17:54:00Z")).close_us_positions);
  EXPECT_TRUE(s.plan(at("2026-11-27T17:55:00Z")).close_us_positions);
}

TEST(Scheduler, ScansOnTheIntervalGridOfEachMarket) {
  Scheduler s(config::default_config().scheduler, false);
  auto count_scans = [&](const char* from, const char* to) {
    int scans = 0;
    for (const auto& [t, p] : plan_minutes(s, at(from), at(to))) {
      scans += p.scan_due ? 1 : 0;
    }
    return scans;
  };
  EXPECT_EQ(count_scans("2026-11-18T15:00:00Z", "2026-11-18T16:00:00Z"), 12); // US: 5 min
  EXPECT_EQ(count_scans("2026-11-18T22:00:00Z", "2026-11-18T23:00:00Z"), 4);  // busy: 15 min
  EXPECT_EQ(count_scans("2026-11-19T06:00:00Z", "2026-11-19T07:00:00Z"), 2);  // quiet: 30 min
}

TEST(Scheduler, ClosesCryptoAtTheUsOpenOnlyWhenConfigured) {
  auto config = config::default_config().scheduler;
  Scheduler hold(config, false);
  config.crypto_at_us_open = "close";
  Scheduler close(config, false);
  for (auto* s : {&hold, &close}) {
    (void)s->plan(at("2026-11-19T14:29:00Z"));
  }
  EXPECT_FALSE(hold.plan(at("2026-11-19T14:30:00Z")).close_crypto_positions);
  EXPECT_TRUE(close.plan(at("2026-11-19T14:30:00Z")).close_crypto_positions);
}

} // namespace
} // namespace crew::engine
