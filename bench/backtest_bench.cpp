// Backtest bars per second over 1M in-memory hourly bars (a seeded random walk), per strategy:
// the loop templated on the concrete strategy (as `crew backtest` runs it) and, for comparison,
// through the virtual Strategy interface. items/s = bars per second on one core. Preparation
// (selecting the bars) happens once, outside the timed loop; the metrics are timed separately.
#include "backtest/backtest_engine.hpp"
#include "backtest/metrics.hpp"
#include "config/config.hpp"
#include "strategy/bollinger_reversal.hpp"
#include "strategy/macd_crossover.hpp"
#include "strategy/registry.hpp"
#include "strategy/rsi_breakout.hpp"
#include "strategy/triple_ma.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

namespace {

using namespace crew;

constexpr std::size_t k_bars = 1'000'000;

const config::Config& bench_config() {
  static const config::Config config = config::default_config();
  return config;
}

const backtest::BacktestSettings& bench_settings() {
  static const backtest::BacktestSettings settings =
      backtest::make_settings(bench_config(), core::AssetClass::crypto, core::Timeframe::hour1)
          .value();
  return settings;
}

const backtest::PreparedBars& bench_bars() {
  static const backtest::PreparedBars prepared = [] {
    data::BarSeries bars(core::Symbol("BTC/USD", core::AssetClass::crypto, "BTC", "USD"),
                         core::Timeframe::hour1);
    bars.reserve(k_bars);
    std::mt19937_64 rng(20240101);
    std::normal_distribution<double> step(0.0, 0.01);
    std::uniform_real_distribution<double> wick(0.0, 0.004);
    std::lognormal_distribution<double> volume(5.0, 0.6);
    double price = 100.0;
    for (std::size_t i = 0; i < k_bars; ++i) {
      const double open = price;
      const double close = open * std::exp(step(rng));
      bars.push_back(core::Bar{
          core::UtcTime::from_seconds(1'700'000'000 + static_cast<std::int64_t>(i) * 3600), open,
          std::max(open, close) * (1 + wick(rng)), std::min(open, close) * (1 - wick(rng)), close,
          volume(rng), 0, 0});
      price = close;
    }
    return backtest::prepare_bars(bars, bench_settings());
  }();
  return prepared;
}

template <typename StrategyT, typename Params>
void concrete_loop(benchmark::State& state) {
  const auto& input = bench_bars();
  const auto params = Params::from_config(bench_config().strategy).value();
  std::size_t trades = 0;
  for (auto _ : state) {
    StrategyT strategy(params, bench_config().crypto);
    const auto result = backtest::run_backtest(strategy, input, bench_settings());
    trades = result.trades.size();
    benchmark::DoNotOptimize(result.final_equity);
  }
  state.counters["trades"] = static_cast<double>(trades);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * input.bars.size()));
}

void virtual_loop(benchmark::State& state, std::string_view name) {
  const auto& input = bench_bars();
  for (auto _ : state) {
    auto strategy =
        strategy::make_strategy(name, bench_config().crypto, bench_config().strategy).value();
    const auto result = backtest::run_backtest(*strategy, input, bench_settings());
    benchmark::DoNotOptimize(result.final_equity);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * input.bars.size()));
}

void metrics(benchmark::State& state) {
  const auto& input = bench_bars();
  auto strategy =
      strategy::make_strategy("3ma", bench_config().crypto, bench_config().strategy).value();
  const auto result = backtest::run_backtest(*strategy, input, bench_settings());
  for (auto _ : state) {
    const auto m = backtest::compute_metrics(result, input, bench_settings());
    benchmark::DoNotOptimize(m.sharpe);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * input.bars.size()));
}

BENCHMARK_TEMPLATE(concrete_loop, strategy::TripleMa, strategy::TripleMaParams)
    ->Name("backtest/3ma")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(concrete_loop, strategy::RsiBreakout, strategy::RsiBreakoutParams)
    ->Name("backtest/rsi")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(concrete_loop, strategy::MacdCrossover, strategy::MacdCrossoverParams)
    ->Name("backtest/macd")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(concrete_loop, strategy::BollingerReversal, strategy::BollingerReversalParams)
    ->Name("backtest/bb")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(virtual_loop, 3ma, "3ma")
    ->Name("backtest_virtual/3ma")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(metrics)->Name("backtest/metrics")->Unit(benchmark::kMillisecond);

} // namespace
