// Pattern-day-trader guard (FINRA; design.md section 7). A margin account under $25,000 may make
// at most 3 day trades in 5 business days. A day trade here is a US_EQUITY round trip opened and
// closed on the same New York session date. Because the loop closes every US position before
// the close, every US entry becomes a day trade: so with 3 already counted in the window (ours
// from the trade history, or the broker's daytrade_count when it reports more), a new US entry is
// refused. Accounts Alpaca already flags as pattern day traders under the threshold are refused
// too. Crypto is outside the rule.
#include "calendar/market_calendar.hpp"
#include "risk/risk_rules.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace crew::risk {

int count_day_trades(const std::vector<ClosedTrade>& trades, core::UtcTime now) {
  const auto today = calendar::new_york_date(now);
  auto sessions = calendar::nyse_sessions(today - std::chrono::days{14}, today);
  if (sessions.size() > 5) {
    sessions.erase(sessions.begin(), sessions.end() - 5);
  }
  if (sessions.empty()) {
    return 0;
  }
  const auto first = sessions.front().date;
  int count = 0;
  for (const ClosedTrade& t : trades) {
    if (t.market() != core::AssetClass::us_equity) {
      continue;
    }
    const auto opened = calendar::new_york_date(t.entry_time);
    if (opened == calendar::new_york_date(t.exit_time) && opened >= first && opened <= today) {
      ++count;
    }
  }
  return count;
}

std::optional<Refusal> check_pattern_day_trader(const OrderContext& c) {
  if (c.request.symbol.asset_class() != core::AssetClass::us_equity) {
    return std::nullopt;
  }
  const core::Account& a = c.state.account;
  if (a.equity >= c.limits.pdt_equity_threshold) {
    return std::nullopt;
  }
  if (a.pattern_day_trader.value_or(false)) {
    return Refusal{"pattern_day_trader",
                   fmt::format("account is flagged as a pattern day trader with equity ${} under "
                               "${}",
                               a.equity.to_string(), c.limits.pdt_equity_threshold.to_string())};
  }
  const int day_trades =
      std::max(count_day_trades(c.state.trades, c.now), a.daytrade_count.value_or(0));
  if (day_trades >= c.limits.pdt_max_day_trades) {
    return Refusal{"pattern_day_trader",
                   fmt::format("{} day trades in the last 5 sessions with equity ${} under ${}: "
                               "another would make a pattern day trader",
                               day_trades, a.equity.to_string(),
                               c.limits.pdt_equity_threshold.to_string())};
  }
  return std::nullopt;
}

} // namespace crew::risk
