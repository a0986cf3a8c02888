// The session cache answers exactly as the rules do, inside and outside its span and from
// several threads at once.
#include "calendar/market_calendar.hpp"
#include "calendar/session_table.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace crew::calendar {
namespace {

using namespace std::chrono;

TEST(SessionTable, AgreesWithTheRulesInsideAndOutsideTheCachedSpan) {
  // Before the cache (1900), inside it, across its end (2258-11) and past it up to the last
  // months a UtcTime can hold (int64 nanoseconds end in April 2262; UBSan caught a 2400 case).
  for (const auto& first : {sys_days{1899y / December / 1}, sys_days{2000y / January / 1},
                            sys_days{2258y / November / 1}, sys_days{2261y / November / 1}}) {
    for (auto date = first; date < first + days{90}; date += days{1}) {
      const auto entry = nyse_day_entry(date);
      EXPECT_EQ(entry.kind, classify_nyse_day(date).kind) << core::format_date(date);
      if (entry.trades()) {
        EXPECT_EQ(entry.open, new_york_time(date, k_nyse_open)) << core::format_date(date);
        const auto close =
            entry.kind == NyseDayKind::early_close ? k_nyse_early_close : k_nyse_close;
        EXPECT_EQ(entry.close, new_york_time(date, close)) << core::format_date(date);
      }
    }
  }
}

TEST(SessionTable, GivesEveryThreadTheSameAnswers) {
  const sys_days first{2040y / January / 1};
  std::vector<std::vector<bool>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&seen, t, first] {
      for (int i = 0; i < 2000; ++i) {
        seen[t].push_back(nyse_day_entry(first + days{i}).trades());
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (std::size_t t = 1; t < seen.size(); ++t) {
    EXPECT_EQ(seen[t], seen[0]);
  }
}

} // namespace
} // namespace crew::calendar
