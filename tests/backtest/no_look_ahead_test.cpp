// No look-ahead (design.md section 6): change every bar at or after a time T and check that no
// decision, fill or equity mark before T moves. Uses a price-driven test strategy (moving-average
// crossings) so decisions really depend on the bars.
#include "backtest/backtest_engine.hpp"
#include "backtest/bar_builder.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <numeric>

namespace crew::backtest {
namespace {

// Long when the 3-bar mean crosses above the 8-bar mean, out when it crosses below; "ATR" is the
// mean high−low range of the last 5 bars. Records every decision with its bar time.
class CrossingStrategy final : public strategy::Strategy {
public:
  std::string_view name() const override { return "crossing"; }
  std::vector<strategy::Parameter> parameters() const override { return {}; }
  std::size_t warmup_bars() const override { return 8; }
  strategy::Signals on_bar(const core::Bar& bar) override {
    push(m_closes, bar.close, 8);
    push(m_ranges, bar.high - bar.low, 5);
    strategy::Signals signals;
    if (m_closes.size() < 8) {
      return signals;
    }
    const double fast = mean_of_last(m_closes, 3);
    const double slow = mean_of_last(m_closes, 8);
    const bool above = fast > slow;
    signals.entry = above && !m_was_above;
    signals.exit = !above && m_was_above;
    m_was_above = above;
    if (signals.entry || signals.exit) {
      decisions.emplace_back(bar.time, signals.entry);
    }
    return signals;
  }
  double atr() const override { return mean_of_last(m_ranges, m_ranges.size()); }
  std::size_t bars_seen() const override { return m_closes.size(); }
  void reset() override {}

  std::vector<std::pair<core::UtcTime, bool>> decisions;

private:
  static void push(std::deque<double>& values, double value, std::size_t keep) {
    values.push_back(value);
    if (values.size() > keep) {
      values.pop_front();
    }
  }
  static double mean_of_last(const std::deque<double>& values, std::size_t n) {
    return std::accumulate(values.end() - static_cast<std::ptrdiff_t>(n), values.end(), 0.0) /
           static_cast<double>(n);
  }
  std::deque<double> m_closes;
  std::deque<double> m_ranges;
  bool m_was_above = false;
};

// The same bars up to `cut`, then a different walk from there on.
data::BarSeries rewrite_after(const data::BarSeries& bars, std::size_t cut) {
  const auto other = test::random_walk(bars.size(), 99);
  data::BarSeries out(bars.symbol(), bars.timeframe());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    core::Bar bar = bars.at(i);
    if (i >= cut) {
      const double scale = bars.close()[cut - 1] / other.open()[cut];
      const core::Bar replacement = other.at(i);
      bar.open = replacement.open * scale * 1.03;
      bar.high = replacement.high * scale * 1.03;
      bar.low = replacement.low * scale * 1.03;
      bar.close = replacement.close * scale * 1.03;
      bar.volume = replacement.volume;
    }
    out.push_back(bar);
  }
  return out;
}

TEST(NoLookAhead, ChangingBarsAfterTLeavesEverythingBeforeTAlone) {
  BacktestSettings settings;
  settings.fill.bps = 5.0;
  settings.fee.rate = 0.0025;
  settings.sizer = risk::PositionSizer{0.005, 1.0 / 3.0, 1e-9};
  settings.volatility_multiplier = 1.5;
  const auto bars = test::random_walk(2'000);
  for (const std::size_t cut : {300U, 1'000U, 1'777U}) {
    const auto changed = rewrite_after(bars, cut);
    const core::UtcTime t = bars.time()[cut];
    CrossingStrategy before_strategy;
    CrossingStrategy after_strategy;
    const auto original = run_backtest(before_strategy, prepare_bars(bars, settings), settings);
    const auto altered = run_backtest(after_strategy, prepare_bars(changed, settings), settings);

    const auto decided_before = [t](const auto& decisions) {
      std::vector<std::pair<core::UtcTime, bool>> out;
      for (const auto& d : decisions) {
        if (d.first < t) {
          out.push_back(d);
        }
      }
      return out;
    };
    ASSERT_GT(decided_before(before_strategy.decisions).size(), 3U);
    EXPECT_EQ(decided_before(before_strategy.decisions), decided_before(after_strategy.decisions));
    for (std::size_t i = 0; i < cut; ++i) {
      ASSERT_EQ(original.equity[i], altered.equity[i]) << "bar " << i << ", cut " << cut;
    }
    // Every fill before T is identical: entries, and exits of trades closed before T.
    std::size_t compared = 0;
    for (std::size_t k = 0; k < original.trades.size() && k < altered.trades.size(); ++k) {
      const Trade& a = original.trades[k];
      const Trade& b = altered.trades[k];
      if (a.entry_time >= t) {
        break;
      }
      EXPECT_EQ(a.entry_time, b.entry_time);
      EXPECT_EQ(a.entry_price, b.entry_price);
      EXPECT_EQ(a.qty, b.qty);
      EXPECT_EQ(a.stop_price, b.stop_price);
      if (a.exit_time < t) {
        EXPECT_EQ(a.exit_time, b.exit_time);
        EXPECT_EQ(a.exit_price, b.exit_price);
        EXPECT_EQ(a.pnl, b.pnl);
      }
      ++compared;
    }
    EXPECT_GT(compared, 1U);
    // And the change did reach the strategy.
    EXPECT_NE(original.final_equity, altered.final_equity);
  }
}

} // namespace
} // namespace crew::backtest
