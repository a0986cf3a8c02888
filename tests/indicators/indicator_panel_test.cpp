#include "indicators/batch.hpp"
#include "indicators/indicator_panel.hpp"
#include "random_series.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>

namespace crew::indicators {
namespace {

bool same(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

TEST(IndicatorPanel, MatchesTheIndividualIndicatorsBitForBit) {
  const auto s = test::random_series(12, 300);
  const auto sma10 = sma(s.close, 10);
  const auto ema12 = ema(s.close, 12);
  const auto rsi14 = rsi(s.close, 14);
  const auto m = macd(s.close);
  const auto bb = bollinger(s.close);
  const auto atr14 = atr(s.high, s.low, s.close, 14);
  IndicatorPanel panel;
  for (std::size_t i = 0; i < s.close.size(); ++i) {
    const auto row = panel.update(s.high[i], s.low[i], s.close[i]);
    ASSERT_TRUE(same(row.sma10, sma10[i]) && same(row.ema12, ema12[i]) &&
                same(row.rsi14, rsi14[i]) && same(row.macd, m.macd[i]) &&
                same(row.macd_signal, m.signal[i]) && same(row.bb_mid, bb.middle[i]) &&
                same(row.bb_up, bb.upper[i]) && same(row.bb_lo, bb.lower[i]) &&
                same(row.atr14, atr14[i]))
        << "index " << i;
  }
  EXPECT_EQ(k_panel_columns.size(), panel.update(1, 1, 1).values().size());
}

} // namespace
} // namespace crew::indicators
