// The parts of the backtest loop that are not per-strategy: choosing the bars and booking fills.
//
// Bars: only those with start ≤ time ≤ end. For US_EQUITY a bar is used when its interval
// [time, time + timeframe) overlaps a NYSE regular session (design.md section 3b); pre- and
// post-market bars are dropped before the strategy sees anything, so they neither signal nor
// warm indicators up. A used equity bar is its session's last when its interval reaches the
// session close, or when the next used bar belongs to a later session (a gap at the end of the
// session); that bar's close is where an open position is closed (exit reason session_close).
// Knowing that the next bar is in another session uses timestamps only, never prices.
//
// Fills: cash pays qty·price plus the fee on the entry; the exit returns qty·price less its fee.
// A trade's pnl is qty·(exit − entry) less both fees.
#include "backtest/backtest_engine.hpp"

#include "calendar/market_calendar.hpp"

#include <utility>

namespace crew::backtest {

template BacktestResult run_backtest<strategy::Strategy>(strategy::Strategy&, const PreparedBars&,
                                                         const BacktestSettings&);

PreparedBars prepare_bars(const data::BarSeries& series, const BacktestSettings& settings) {
  PreparedBars out;
  out.bars = data::BarSeries(series.symbol(), series.timeframe());
  const std::size_t first = series.lower_bound(settings.start);
  std::size_t last = first;
  while (last < series.size() && series.time()[last] <= settings.end) {
    ++last;
  }
  out.bars.reserve(last - first);
  if (settings.asset_class != core::AssetClass::us_equity) {
    for (std::size_t i = first; i < last; ++i) {
      out.bars.push_back(series.at(i));
    }
    return out;
  }

  const core::Duration length = core::duration(series.timeframe());
  std::vector<core::UtcTime> session_close; // per used bar
  calendar::Session session{};
  bool have_session = false;
  for (std::size_t i = first; i < last; ++i) {
    const core::UtcTime t = series.time()[i];
    if (!have_session || t >= session.close) {
      session = calendar::nyse_session_at_or_after(t);
      have_session = true;
    }
    if (t + length > session.open && t < session.close) {
      out.bars.push_back(series.at(i));
      session_close.push_back(session.close);
    }
  }
  const std::size_t n = out.bars.size();
  out.session_last.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const bool reaches_close = out.bars.time()[i] + length >= session_close[i];
    const bool next_in_later_session = i + 1 < n && session_close[i + 1] != session_close[i];
    out.session_last[i] = reaches_close || next_in_later_session ? 1 : 0;
  }
  return out;
}

namespace detail {

void open_position(EngineState& state, const BacktestSettings& settings, std::size_t index,
                   double price) {
  state.qty = state.pending_qty;
  state.entry_price = price;
  state.entry_fee = settings.fee.fee(state.qty * price);
  state.cash -= state.qty * price + state.entry_fee;
  state.stop_price = price - state.pending_stop_distance;
  state.entry_index = index;
  state.entry_signal = std::move(state.pending_signal);
  state.pending_signal.clear();
}

void close_position(EngineState& state, const BacktestSettings& settings,
                    const data::BarSeries& bars, std::size_t index, double price, ExitReason reason,
                    std::vector<Trade>& trades) {
  const double exit_fee = settings.fee.fee(state.qty * price);
  state.cash += state.qty * price - exit_fee;
  Trade trade;
  trade.entry_time = bars.time()[state.entry_index];
  trade.exit_time = bars.time()[index];
  trade.qty = state.qty;
  trade.entry_price = state.entry_price;
  trade.exit_price = price;
  trade.stop_price = state.stop_price;
  trade.fees = state.entry_fee + exit_fee;
  trade.pnl = state.qty * (price - state.entry_price) - trade.fees;
  trade.exit_reason = reason;
  trade.entry_index = state.entry_index;
  trade.exit_index = index;
  trade.entry_signal = std::move(state.entry_signal);
  trades.push_back(std::move(trade));
  state.qty = 0;
  state.entry_signal.clear();
}

} // namespace detail
} // namespace crew::backtest
