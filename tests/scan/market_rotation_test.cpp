#include "scan/market_rotation.hpp"

#include <gtest/gtest.h>

#include <string>

namespace crew::scan {
namespace {

using core::AssetClass;
using namespace std::chrono_literals;

core::UtcTime at(const char* text) {
  const auto t = core::parse_rfc3339(text);
  EXPECT_TRUE(t.ok()) << text;
  return t.ok() ? *t : core::UtcTime{};
}

MarketRotation rotation(bool trade_forex = false) {
  return MarketRotation(config::SchedulerConfig{}, trade_forex);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MarketRotation, SwitchesToUsEquityAtTheOpen) {
  EXPECT_EQ(rotation().choose(at("2026-03-13T13:29:59Z")).market, AssetClass::crypto);
  const auto open = rotation().choose(at("2026-03-13T13:30:00Z"));
  EXPECT_EQ(open.market, AssetClass::us_equity);
  EXPECT_EQ(open.scan_interval, 5min);
  const auto next = rotation().next_transition(at("2026-03-13T12:00:00Z"));
  EXPECT_EQ(next.kind, TransitionKind::us_open);
  EXPECT_EQ(next.time, at("2026-03-13T13:30:00Z"));
  EXPECT_EQ(next.next_market, AssetClass::us_equity);
  EXPECT_TRUE(contains(next.what, "held")) << next.what;
}

TEST(MarketRotation, ClosesUsPositionsFiveMinutesBeforeTheCloseThenSwitchesToCrypto) {
  const auto before = rotation().next_transition(at("2026-03-13T15:00:00Z"));
  EXPECT_EQ(before.kind, TransitionKind::close_us_positions);
  EXPECT_EQ(before.time, at("2026-03-13T19:55:00Z"));
  EXPECT_EQ(before.next_market, AssetClass::us_equity);

  const auto closing = rotation().choose(at("2026-03-13T19:55:00Z"));
  EXPECT_EQ(closing.market, AssetClass::us_equity);
  EXPECT_TRUE(contains(closing.reason, "closing window")) << closing.reason;
  const auto close = rotation().next_transition(at("2026-03-13T19:55:00Z"));
  EXPECT_EQ(close.kind, TransitionKind::us_close);
  EXPECT_EQ(close.time, at("2026-03-13T20:00:00Z"));
  EXPECT_EQ(close.next_market, AssetClass::crypto);

  const auto after = rotation().choose(at("2026-03-13T20:00:00Z"));
  EXPECT_EQ(after.market, AssetClass::crypto);
  EXPECT_TRUE(contains(after.reason, "after the 16:00 New York close")) << after.reason;
}

TEST(MarketRotation, ClosesUsPositionsAtTwelveFiftyFiveOnAnEarlyCloseDay) {
  // 2026-11-27, the Friday after Thanksgiving: 13:00 New York (EST) close = 18:00Z.
  const auto next = rotation().next_transition(at("2026-11-27T15:00:00Z"));
  EXPECT_EQ(next.kind, TransitionKind::close_us_positions);
  EXPECT_EQ(next.time, at("2026-11-27T17:55:00Z"));
  EXPECT_TRUE(contains(next.what, "early 13:00")) << next.what;
  EXPECT_EQ(rotation().choose(at("2026-11-27T17:59:00Z")).market, AssetClass::us_equity);
  EXPECT_EQ(rotation().next_transition(at("2026-11-27T17:56:00Z")).time,
            at("2026-11-27T18:00:00Z"));
  const auto after = rotation().choose(at("2026-11-27T18:00:00Z"));
  EXPECT_EQ(after.market, AssetClass::crypto);
  EXPECT_TRUE(contains(after.reason, "early 13:00")) << after.reason;
}

TEST(MarketRotation, TradesCryptoAllWeekendUntilMondaysOpen) {
  const auto saturday = rotation().choose(at("2026-03-14T16:00:00Z"));
  EXPECT_EQ(saturday.market, AssetClass::crypto);
  EXPECT_TRUE(contains(saturday.reason, "US_EQUITY closed")) << saturday.reason;
  const auto next = rotation().next_transition(at("2026-03-14T16:00:00Z"));
  EXPECT_EQ(next.kind, TransitionKind::us_open);
  EXPECT_EQ(next.time, at("2026-03-16T13:30:00Z"));
}

TEST(MarketRotation, TradesCryptoOnAHolidayAndReopensNextSession) {
  // Thanksgiving 2026-11-26: closed; the next session is the early-close Friday.
  const auto holiday = rotation().choose(at("2026-11-26T16:00:00Z"));
  EXPECT_EQ(holiday.market, AssetClass::crypto);
  EXPECT_TRUE(contains(holiday.reason, "Thanksgiving")) << holiday.reason;
  const auto next = rotation().next_transition(at("2026-11-26T16:00:00Z"));
  EXPECT_EQ(next.kind, TransitionKind::us_open);
  EXPECT_EQ(next.time, at("2026-11-27T14:30:00Z"));
}

TEST(MarketRotation, FollowsTheSpringDaylightSavingChange) {
  // DST starts Sunday 2026-03-08: the open moves from 14:30Z to 13:30Z.
  EXPECT_EQ(rotation().next_transition(at("2026-03-06T12:00:00Z")).time,
            at("2026-03-06T14:30:00Z"));
  EXPECT_EQ(rotation().choose(at("2026-03-06T14:00:00Z")).market, AssetClass::crypto);
  EXPECT_EQ(rotation().next_transition(at("2026-03-07T12:00:00Z")).time,
            at("2026-03-09T13:30:00Z"));
  EXPECT_EQ(rotation().choose(at("2026-03-09T13:30:00Z")).market, AssetClass::us_equity);
  EXPECT_EQ(rotation().next_transition(at("2026-03-09T14:00:00Z")).time,
            at("2026-03-09T19:55:00Z"));
}

TEST(MarketRotation, FollowsTheAutumnDaylightSavingChange) {
  // DST ends Sunday 2026-11-01: the close moves from 20:00Z to 21:00Z.
  EXPECT_EQ(rotation().next_transition(at("2026-10-30T19:56:00Z")).time,
            at("2026-10-30T20:00:00Z"));
  EXPECT_EQ(rotation().next_transition(at("2026-10-31T12:00:00Z")).time,
            at("2026-11-02T14:30:00Z"));
  EXPECT_EQ(rotation().choose(at("2026-11-02T20:30:00Z")).market, AssetClass::us_equity);
  EXPECT_EQ(rotation().next_transition(at("2026-11-02T15:00:00Z")).time,
            at("2026-11-02T20:55:00Z"));
  EXPECT_EQ(rotation().choose(at("2026-11-02T21:00:00Z")).market, AssetClass::crypto);
}

TEST(MarketRotation, ScansCryptoEveryFifteenMinutesFromNoonToFourUtcAcrossMidnight) {
  const auto r = rotation();
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-14T11:59:59Z")), 30min);
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-14T12:00:00Z")), 15min);
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-14T23:59:59Z")), 15min);
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-15T00:00:00Z")), 15min);
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-15T03:59:59Z")), 15min);
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-15T04:00:00Z")), 30min);
  EXPECT_EQ(r.scan_interval(AssetClass::us_equity, at("2026-03-13T15:00:00Z")), 5min);
  EXPECT_TRUE(r.in_crypto_busy_window(0));
  EXPECT_FALSE(r.in_crypto_busy_window(4));
}

TEST(MarketRotation, TakesItsIntervalsAndWindowFromTheConfiguration) {
  config::SchedulerConfig scheduler;
  scheduler.crypto_busy_start_hour_utc = 8;
  scheduler.crypto_busy_end_hour_utc = 10;
  scheduler.crypto_busy_scan_minutes = 7;
  scheduler.us_equity_scan_minutes = 3;
  const MarketRotation r(scheduler, false);
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-14T09:00:00Z")), 7min);
  EXPECT_EQ(r.scan_interval(AssetClass::crypto, at("2026-03-14T13:00:00Z")), 30min);
  EXPECT_EQ(r.scan_interval(AssetClass::us_equity, at("2026-03-13T15:00:00Z")), 3min);
}

TEST(MarketPerformanceScore, IsNeutralWithoutHistoryAndRewardsWinsAndProfit) {
  EXPECT_DOUBLE_EQ(performance_score({}), 0.5);
  const double good = performance_score({20, 14, 2000.0});
  const double bad = performance_score({20, 6, -2000.0});
  EXPECT_GT(good, 0.5);
  EXPECT_LT(bad, 0.5);
  EXPECT_GT(good, performance_score({2, 2, 200.0})); // two lucky trades count for little
  EXPECT_GE(bad, 0.0);
  EXPECT_LE(good, 1.0);
}

TEST(MarketRotation, LetsForexCompeteOnlyWhenForexTradingIsEnabled) {
  const PerformanceByMarket history{{AssetClass::forex, {30, 25, 6000.0}},
                                    {AssetClass::crypto, {30, 10, -500.0}}};
  const auto evening = at("2026-03-16T23:00:00Z"); // Monday 19:00 New York: forex open
  EXPECT_EQ(rotation(false).choose(evening, history).market, AssetClass::crypto);
  const auto enabled = rotation(true).choose(evening, history);
  EXPECT_EQ(enabled.market, AssetClass::forex);
  EXPECT_TRUE(contains(enabled.reason, "best performance score")) << enabled.reason;
  // No history: a tie goes to CRYPTO. Saturday: forex closed.
  EXPECT_EQ(rotation(true).choose(evening).market, AssetClass::crypto);
  EXPECT_EQ(rotation(true).choose(at("2026-03-14T16:00:00Z"), history).market, AssetClass::crypto);
  // US_EQUITY wins whenever it is open, whatever the scores.
  EXPECT_EQ(rotation(true).choose(at("2026-03-16T15:00:00Z"), history).market,
            AssetClass::us_equity);
}

} // namespace
} // namespace crew::scan
