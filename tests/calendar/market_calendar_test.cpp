// The public queries across markets: sessions on daylight-saving edge days, next open and close
// across weekends and holidays, crypto always open, and the published NYSE session list.
#include "calendar/market_calendar.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace crew::calendar {
namespace {

using namespace std::chrono;
using core::AssetClass;

core::UtcTime at(std::string_view text) {
  return core::parse_rfc3339(text).value();
}

TEST(MarketCalendar, OpensAnHourEarlierInUtcAfterTheSpringChange) {
  EXPECT_EQ(nyse_session_on(sys_days{2026y / March / 6})->open, at("2026-03-06T14:30:00Z"));
  EXPECT_FALSE(nyse_session_on(sys_days{2026y / March / 8}));
  const auto monday = nyse_session_on(sys_days{2026y / March / 9});
  ASSERT_TRUE(monday);
  EXPECT_EQ(monday->open, at("2026-03-09T13:30:00Z"));
  EXPECT_EQ(monday->close, at("2026-03-09T20:00:00Z"));
  EXPECT_FALSE(is_open(AssetClass::us_equity, at("2026-03-09T13:29:59Z")));
  EXPECT_TRUE(is_open(AssetClass::us_equity, at("2026-03-09T13:30:00Z")));
}

TEST(MarketCalendar, OpensAnHourLaterInUtcAfterTheAutumnChange) {
  EXPECT_EQ(nyse_session_on(sys_days{2026y / October / 30})->open, at("2026-10-30T13:30:00Z"));
  EXPECT_FALSE(nyse_session_on(sys_days{2026y / November / 1}));
  const auto monday = nyse_session_on(sys_days{2026y / November / 2});
  ASSERT_TRUE(monday);
  EXPECT_EQ(monday->open, at("2026-11-02T14:30:00Z"));
  EXPECT_EQ(monday->close, at("2026-11-02T21:00:00Z"));
  EXPECT_FALSE(is_open(AssetClass::us_equity, at("2026-11-02T13:30:00Z")));
  EXPECT_TRUE(is_open(AssetClass::us_equity, at("2026-11-02T14:30:00Z")));
}

TEST(MarketCalendar, SessionIncludesItsOpenButNotItsClose) {
  EXPECT_TRUE(is_open(AssetClass::us_equity, at("2026-11-23T14:30:00Z")));
  EXPECT_TRUE(is_open(AssetClass::us_equity, at("2026-11-23T20:59:59.999999999Z")));
  EXPECT_FALSE(is_open(AssetClass::us_equity, at("2026-11-23T21:00:00Z")));
  EXPECT_FALSE(is_open(AssetClass::us_equity, at("2026-11-27T18:00:00Z")));
}

TEST(MarketCalendar, CryptoIsAlwaysOpenAndNeverCloses) {
  for (const auto* text : {"2026-07-04T12:00:00Z", "2026-12-25T00:00:00Z", "2026-11-28T03:00:00Z",
                           "2001-09-11T14:00:00Z", "2026-03-08T07:00:00Z"}) {
    EXPECT_TRUE(is_open(AssetClass::crypto, at(text))) << text;
    EXPECT_EQ(next_open(AssetClass::crypto, at(text)), at(text));
    EXPECT_EQ(next_close(AssetClass::crypto, at(text)), std::nullopt);
  }
}

TEST(MarketCalendar, NextOpenAndCloseSkipTheWeekend) {
  const auto friday_evening = at("2026-11-20T21:00:00Z");
  EXPECT_EQ(next_open(AssetClass::us_equity, friday_evening), at("2026-11-23T14:30:00Z"));
  EXPECT_EQ(next_close(AssetClass::us_equity, friday_evening), at("2026-11-23T21:00:00Z"));
}

TEST(MarketCalendar, NextOpenAndCloseSkipHolidays) {
  // Thanksgiving 2026-11-26, then a 13:00 close on Friday.
  EXPECT_EQ(next_open(AssetClass::us_equity, at("2026-11-25T21:00:00Z")),
            at("2026-11-27T14:30:00Z"));
  EXPECT_EQ(next_close(AssetClass::us_equity, at("2026-11-25T21:00:00Z")),
            at("2026-11-27T18:00:00Z"));
  // Christmas Friday 2026-12-25 after an early close on the 24th.
  EXPECT_EQ(next_open(AssetClass::us_equity, at("2026-12-24T18:00:00Z")),
            at("2026-12-28T14:30:00Z"));
  // New Year's Day Friday 2027-01-01.
  EXPECT_EQ(next_open(AssetClass::us_equity, at("2026-12-31T21:00:00Z")),
            at("2027-01-04T14:30:00Z"));
}

TEST(MarketCalendar, NextOpenIsNowWhileOpenAndNextCloseEndsTheCurrentSession) {
  const auto midday = at("2026-11-23T17:00:00Z");
  EXPECT_EQ(next_open(AssetClass::us_equity, midday), midday);
  EXPECT_EQ(next_close(AssetClass::us_equity, midday), at("2026-11-23T21:00:00Z"));
  const auto before_open = at("2026-11-23T09:00:00Z");
  EXPECT_EQ(next_open(AssetClass::us_equity, before_open), at("2026-11-23T14:30:00Z"));
}

TEST(MarketCalendar, FindsTheSessionAtOrAfterAndThePreviousOne) {
  EXPECT_EQ(nyse_session_at_or_after(at("2026-11-23T15:00:00Z")).date,
            sys_days{2026y / November / 23});
  EXPECT_EQ(nyse_session_at_or_after(at("2026-11-23T21:00:00Z")).date,
            sys_days{2026y / November / 24});
  EXPECT_EQ(nyse_previous_session(at("2026-11-23T21:00:00Z")).date,
            sys_days{2026y / November / 23});
  EXPECT_EQ(nyse_previous_session(at("2026-11-23T20:59:00Z")).date,
            sys_days{2026y / November / 20});
  EXPECT_EQ(nyse_previous_session(at("2026-11-28T12:00:00Z")).date,
            sys_days{2026y / November / 27});
}

TEST(MarketCalendar, ListsTheMarketsOpenOnJulyThird2026) {
  // Independence Day is observed on Friday 2026-07-03; forex trades (11:00 New York).
  const auto t = at("2026-07-03T15:00:00Z");
  EXPECT_EQ(active_markets(t), (std::vector{AssetClass::crypto, AssetClass::forex}));
  EXPECT_EQ(next_open(AssetClass::us_equity, t), at("2026-07-06T13:30:00Z"));
  EXPECT_EQ(next_close(AssetClass::forex, t), at("2026-07-03T21:00:00Z"));
  EXPECT_EQ(active_markets(at("2026-07-06T14:00:00Z")),
            (std::vector{AssetClass::us_equity, AssetClass::crypto, AssetClass::forex}));
  EXPECT_EQ(active_markets(at("2026-07-04T14:00:00Z")), (std::vector{AssetClass::crypto}));
}

TEST(MarketCalendar, ListsSessionsPerMarket) {
  const sys_days from{2026y / November / 23};
  const sys_days to{2026y / December / 2};
  const auto equity = market_sessions(AssetClass::us_equity, from, to);
  EXPECT_EQ(equity.size(), 7u); // 10 days less a weekend and Thanksgiving
  EXPECT_TRUE(equity[3].early_close);
  EXPECT_EQ(market_sessions(AssetClass::crypto, from, to).size(), 10u);
  EXPECT_EQ(market_sessions(AssetClass::crypto, from, from)[0].close, at("2026-11-24T00:00:00Z"));
  EXPECT_EQ(market_sessions(AssetClass::forex, from, to).size(), 8u);
  EXPECT_TRUE(market_sessions(AssetClass::us_equity, to, from).empty());
}

bool parse_flag(const std::string& text) {
  return text == "1" || text == "true";
}

TEST(MarketCalendar, MatchesThePublishedNyseSessionsFrom2015To2030) {
  CREW_REQUIRE_DATA(path, "reference/nyse_sessions.csv");
  std::ifstream in(path);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  ASSERT_EQ(line, "date,open_utc,close_utc,early_close");
  std::vector<Session> published;
  while (std::getline(in, line)) {
    if (line.empty()) {
      continue;
    }
    std::stringstream row(line);
    std::string date, open, close, early;
    std::getline(row, date, ',');
    std::getline(row, open, ',');
    std::getline(row, close, ',');
    std::getline(row, early, ',');
    published.push_back(
        Session{core::parse_day(date).value(), at(open), at(close), parse_flag(early)});
  }
  const auto ours = nyse_sessions(sys_days{2015y / January / 1}, sys_days{2030y / December / 31});
  ASSERT_GT(published.size(), 4000u);
  ASSERT_EQ(ours.size(), published.size());
  for (std::size_t i = 0; i < ours.size(); ++i) {
    ASSERT_EQ(ours[i], published[i])
        << "row " << i + 2 << ": " << core::format_date(published[i].date);
  }
}

} // namespace
} // namespace crew::calendar
