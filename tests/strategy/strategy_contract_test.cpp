// What every concrete strategy keeps: evaluate() gives the same flags as on_bar(), reason() is
// the on_bar reason (empty without a signal), entry and exit never both, and reset() replays.
#include "strategy/bollinger_reversal.hpp"
#include "strategy/macd_crossover.hpp"
#include "strategy/rsi_breakout.hpp"
#include "strategy/triple_ma.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace crew::strategy {
namespace {

std::vector<core::Bar> random_bars(std::uint64_t seed, std::size_t n) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 0.02);
  std::uniform_real_distribution<double> volume(50, 150);
  std::vector<core::Bar> bars(n);
  double price = 100;
  for (std::size_t i = 0; i < n; ++i) {
    bars[i].time = core::UtcTime::from_seconds(static_cast<std::int64_t>(i) * 3600);
    bars[i].open = price;
    price *= std::exp(step(rng));
    bars[i].close = price;
    bars[i].high = std::max(bars[i].open, price) * 1.002;
    bars[i].low = std::min(bars[i].open, price) * 0.998;
    bars[i].volume = volume(rng);
  }
  return bars;
}

config::AssetProfile quick_profile() {
  config::AssetProfile profile;
  profile.min_bars_required = 0;
  profile.volume_weight = 0.5;
  return profile;
}

template <typename T>
class StrategyContract : public ::testing::Test {};

using Concretes = ::testing::Types<TripleMa, RsiBreakout, MacdCrossover, BollingerReversal>;
TYPED_TEST_SUITE(StrategyContract, Concretes);

template <typename T>
struct ParamsOf;
template <>
struct ParamsOf<TripleMa> {
  using type = TripleMaParams;
};
template <>
struct ParamsOf<RsiBreakout> {
  using type = RsiBreakoutParams;
};
template <>
struct ParamsOf<MacdCrossover> {
  using type = MacdCrossoverParams;
};
template <>
struct ParamsOf<BollingerReversal> {
  using type = BollingerReversalParams;
};

template <typename T>
T make() {
  return T(typename ParamsOf<T>::type{}, quick_profile());
}

TYPED_TEST(StrategyContract, EvaluateAgreesWithOnBar) {
  const auto bars = random_bars(31, 3000);
  auto fast = make<TypeParam>();
  auto full = make<TypeParam>();
  std::size_t entries = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const SignalFlags flags = fast.evaluate(bars[i]);
    const Signals signals = full.on_bar(bars[i]);
    ASSERT_EQ(flags.entry, signals.entry) << i;
    ASSERT_EQ(flags.exit, signals.exit) << i;
    ASSERT_FALSE(flags.entry && flags.exit) << i;
    ASSERT_EQ(fast.reason(), signals.reason) << i;
    ASSERT_EQ(signals.reason.empty(), !(signals.entry || signals.exit)) << i;
    entries += flags.entry ? 1 : 0;
  }
  EXPECT_GT(entries, 0u); // the random walk does trigger each strategy
}

TYPED_TEST(StrategyContract, ResetReplaysTheSameSignals) {
  const auto bars = random_bars(32, 800);
  auto strategy = make<TypeParam>();
  std::vector<std::string> first;
  for (const auto& bar : bars) {
    first.push_back(strategy.on_bar(bar).reason);
  }
  strategy.reset();
  EXPECT_EQ(strategy.bars_seen(), 0u);
  EXPECT_TRUE(std::isnan(strategy.atr()));
  for (std::size_t i = 0; i < bars.size(); ++i) {
    ASSERT_EQ(strategy.on_bar(bars[i]).reason, first[i]) << i;
  }
}

} // namespace
} // namespace crew::strategy
