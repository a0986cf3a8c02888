#pragma once
// The single-symbol backtest loop (design.md section 6; every rule and assumption is stated in
// docs/backtest-fills.md). The loop is a template over the concrete strategy type so the
// per-bar call is direct and inlinable; run over the Strategy interface it still works, one
// virtual call per bar. It does no I/O and reads no configuration: BacktestSettings has it all.
#include "backtest/backtest_settings.hpp"
#include "backtest/trade.hpp"
#include "data/bar_series.hpp"
#include "execution/fill_rules.hpp"
#include "strategy/strategy.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace crew::backtest {

// The bars a backtest runs over: those inside [start, end], and for US_EQUITY only those whose
// interval overlaps a regular session, each flagged when it is the last bar of its session.
struct PreparedBars {
  data::BarSeries bars;
  std::vector<std::uint8_t> session_last; // 1 on the last bar of an equity session
  // The settings' warm-up: bars before `start` (session bars for US_EQUITY) the strategy sees
  // before `bars`, never traded on.
  data::BarSeries warmup;
};

// Selects and flags the bars of `series` that `settings` uses.
PreparedBars prepare_bars(const data::BarSeries& series, const BacktestSettings& settings);

struct BacktestResult {
  std::vector<Trade> trades;
  std::vector<double> equity;   // marked at every bar's close, one per prepared bar
  std::size_t exposed_bars = 0; // bars during which a position was held
  double final_equity = 0;
};

namespace detail {

// A concrete strategy's evaluate()/reason() pair: the signals without their text, and the text on
// demand (strategy.hpp, SignalFlags).
template <typename StrategyT>
concept HasFastPath = requires(StrategyT& s, const StrategyT& cs, const core::Bar& bar) {
  { s.evaluate(bar) } -> std::same_as<strategy::SignalFlags>;
  { cs.reason() } -> std::convertible_to<std::string>;
};

// The open position and the order waiting for the next open.
struct EngineState {
  double cash = 0;
  double qty = 0;         // held: the bought quantity less a fee taken in the coin
  double entry_price = 0; // the buy's fill price
  double entry_fee = 0;   // the buy's fee in cash terms
  double stop_price = 0;
  execution::RestingOrder stop; // the protective stop resting from the entry bar on
  std::size_t entry_index = 0;
  std::string entry_signal;
  bool pending_entry = false;
  bool pending_exit = false;
  double pending_qty = 0;
  double pending_stop_distance = 0;
  std::string pending_signal;
};

// Books the entry fill at `price` on bar `index`.
void open_position(EngineState& state, const BacktestSettings& settings, std::size_t index,
                   double price);
// Books the exit fill at `price` on bar `index` and records the trade.
void close_position(EngineState& state, const BacktestSettings& settings,
                    const data::BarSeries& bars, std::size_t index, double price, ExitReason reason,
                    std::vector<Trade>& trades);

} // namespace detail

// Runs `strategy` (fresh or reset) over `input`. `StrategyT` is a Strategy or any type with the
// same on_bar/atr members; one with evaluate()/reason() runs its fast path instead of on_bar.
template <typename StrategyT>
BacktestResult run_backtest(StrategyT& strategy, const PreparedBars& input,
                            const BacktestSettings& settings) {
  const data::BarSeries& bars = input.bars;
  const std::size_t n = bars.size();
  const auto time = bars.time();
  const auto open = bars.open();
  const auto high = bars.high();
  const auto low = bars.low();
  const auto close = bars.close();
  const auto volume = bars.volume();
  const auto trade_count = bars.trade_count();
  const auto vwap = bars.vwap();
  const bool has_sessions = input.session_last.size() == n;

  // Warm-up: the strategy sees the bars before the range; their signals are not acted on.
  for (std::size_t i = 0; i < input.warmup.size(); ++i) {
    if constexpr (detail::HasFastPath<StrategyT>) {
      (void)strategy.evaluate(input.warmup.at(i));
    } else {
      (void)strategy.on_bar(input.warmup.at(i));
    }
  }

  BacktestResult result;
  result.equity.resize(n);
  detail::EngineState state;
  state.cash = settings.initial_equity;

  for (std::size_t i = 0; i < n; ++i) {
    const core::Bar bar{time[i],  open[i],   high[i],        low[i],
                        close[i], volume[i], trade_count[i], vwap[i]};
    // At the open: the market order decided at the previous close fills (execution::cross).
    if (state.pending_entry) {
      const execution::RestingOrder buy{core::OrderType::market, core::Side::buy};
      detail::open_position(state, settings, i, execution::cross(buy, bar, settings.fill).price);
    } else if (state.pending_exit) {
      const execution::RestingOrder sell{core::OrderType::market, core::Side::sell};
      detail::close_position(state, settings, bars, i,
                             execution::cross(sell, bar, settings.fill).price, ExitReason::signal,
                             result.trades);
    }
    state.pending_entry = false;
    state.pending_exit = false;

    // Inside the bar: the resting stop, from the entry bar on, before any signal of this bar.
    if (state.qty > 0) {
      ++result.exposed_bars;
      if (const auto hit = execution::cross(state.stop, bar, settings.fill); hit.fills) {
        detail::close_position(state, settings, bars, i, hit.price, ExitReason::stop,
                               result.trades);
      }
    }

    // At the close: the strategy sees the completed bar. Strategies with a fast path build their
    // reason text only for a signal the engine acts on.
    strategy::Signals signals;
    if constexpr (detail::HasFastPath<StrategyT>) {
      const strategy::SignalFlags flags = strategy.evaluate(bar);
      signals.entry = flags.entry;
      signals.exit = flags.exit;
    } else {
      signals = strategy.on_bar(bar);
    }
    const bool last_bar = i + 1 == n;
    const bool session_last = has_sessions && input.session_last[i] != 0;
    if (state.qty > 0) {
      if (session_last) {
        detail::close_position(state, settings, bars, i, settings.fill.sell(close[i]),
                               ExitReason::session_close, result.trades);
      } else if (last_bar) {
        detail::close_position(state, settings, bars, i, settings.fill.sell(close[i]),
                               ExitReason::end, result.trades);
      } else if (signals.exit) {
        state.pending_exit = true;
      }
    } else if (signals.entry && !last_bar) {
      // Sized now, as a live order would be: flat, so equity is the cash; the close stands in for
      // the unknown fill price.
      const double stop_distance = settings.stop_distance(strategy.atr());
      const double qty = settings.sizer.quantity(state.cash, stop_distance, close[i]);
      if (qty > 0) {
        state.pending_entry = true;
        state.pending_qty = qty;
        state.pending_stop_distance = stop_distance;
        if constexpr (detail::HasFastPath<StrategyT>) {
          state.pending_signal = strategy.reason();
        } else {
          state.pending_signal = std::move(signals.reason);
        }
      }
    }
    result.equity[i] = state.cash + state.qty * close[i];
  }
  result.final_equity = n == 0 ? settings.initial_equity : result.equity[n - 1];
  return result;
}

// The Strategy-interface instantiation, compiled once in backtest_engine.cpp.
extern template BacktestResult
run_backtest<strategy::Strategy>(strategy::Strategy&, const PreparedBars&, const BacktestSettings&);

} // namespace crew::backtest
