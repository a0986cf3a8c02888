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
// Fills: the fee rule of execution/fees (a crypto buy's fee in the coin, so the position holds
// qty·(1 − fee)); the exit sells what is held and returns its notional less the fee. A trade's
// qty is what was sold, its entry price the buy's fill price, and its pnl
// execution::round_trip_pnl: qty·(exit − entry) less both fees, the cash the trip made.
#include "backtest/backtest_engine.hpp"

#include "calendar/market_calendar.hpp"
#include "execution/fees.hpp"

#include <utility>

namespace crew::backtest {

template BacktestResult run_backtest<strategy::Strategy>(strategy::Strategy&, const PreparedBars&,
                                                         const BacktestSettings&);

namespace {

// Whether the equity bar at `t` overlaps a regular session (`session` is kept between calls, for
// bars in time order).
bool in_session(core::UtcTime t, core::Duration length, calendar::Session& session,
                bool& have_session) {
  if (!have_session || t >= session.close) {
    session = calendar::nyse_session_at_or_after(t);
    have_session = true;
  }
  return t + length > session.open && t < session.close;
}

// The last `count` used bars of `series` before index `first`, oldest first.
data::BarSeries warmup_bars(const data::BarSeries& series, std::size_t first, std::size_t count,
                            core::AssetClass asset_class) {
  data::BarSeries out(series.symbol(), series.timeframe());
  if (count == 0 || first == 0) {
    return out;
  }
  if (asset_class != core::AssetClass::us_equity) {
    const std::size_t from = first > count ? first - count : 0;
    out.reserve(first - from);
    for (std::size_t i = from; i < first; ++i) {
      out.push_back(series.at(i));
    }
    return out;
  }
  // Equities: walk back over the raw bars, keeping session bars until `count` are found.
  const core::Duration length = core::duration(series.timeframe());
  std::vector<std::size_t> kept;
  for (std::size_t i = first; i-- > 0 && kept.size() < count;) {
    calendar::Session session{};
    bool have_session = false;
    if (in_session(series.time()[i], length, session, have_session)) {
      kept.push_back(i);
    }
  }
  out.reserve(kept.size());
  for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
    out.push_back(series.at(*it));
  }
  return out;
}

} // namespace

PreparedBars prepare_bars(const data::BarSeries& series, const BacktestSettings& settings) {
  PreparedBars out;
  out.bars = data::BarSeries(series.symbol(), series.timeframe());
  const std::size_t first = series.lower_bound(settings.start);
  out.warmup = warmup_bars(series, first, settings.warmup_bars, settings.asset_class);
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
    if (in_session(t, length, session, have_session)) {
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
  const execution::BuyFill fill = settings.fee.buy(state.pending_qty, price);
  state.qty = fill.qty_received;
  state.entry_price = price;
  state.entry_fee = fill.fee_value;
  state.cash -= fill.cash_paid;
  state.stop_price = price - state.pending_stop_distance;
  state.stop = execution::protective_stop(settings.asset_class, state.stop_price,
                                          settings.stop_limit_offset);
  state.entry_index = index;
  state.entry_signal = std::move(state.pending_signal);
  state.pending_signal.clear();
}

void close_position(EngineState& state, const BacktestSettings& settings,
                    const data::BarSeries& bars, std::size_t index, double price, ExitReason reason,
                    std::vector<Trade>& trades) {
  const execution::SellFill fill = settings.fee.sell(state.qty, price);
  state.cash += fill.cash_received;
  Trade trade;
  trade.entry_time = bars.time()[state.entry_index];
  trade.exit_time = bars.time()[index];
  trade.qty = state.qty;
  trade.entry_price = state.entry_price;
  trade.exit_price = price;
  trade.stop_price = state.stop_price;
  trade.fees = state.entry_fee + fill.fee_value;
  trade.pnl = execution::round_trip_pnl(state.qty, state.entry_price, price, trade.fees);
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
