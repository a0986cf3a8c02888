// Indicator updates per second and strategy on_bar per second over 1M in-memory bars (a seeded
// random walk). Each iteration runs a fresh object over every bar; items/s = updates per second.
#include "config/config.hpp"
#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/correlation.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/volatility.hpp"
#include "strategy/bollinger_reversal.hpp"
#include "strategy/macd_crossover.hpp"
#include "strategy/rsi_breakout.hpp"
#include "strategy/triple_ma.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

namespace {

constexpr std::size_t k_bars = 1'000'000;

const std::vector<crew::core::Bar>& bars() {
  static const std::vector<crew::core::Bar> series = [] {
    std::mt19937_64 rng(20240101);
    std::normal_distribution<double> step(0.0, 0.01);
    std::uniform_real_distribution<double> wick(0.0, 0.004);
    std::lognormal_distribution<double> volume(5.0, 0.6);
    std::vector<crew::core::Bar> out(k_bars);
    double price = 100.0;
    for (std::size_t i = 0; i < k_bars; ++i) {
      auto& bar = out[i];
      bar.time = crew::core::UtcTime::from_seconds(1'700'000'000 + static_cast<int64_t>(i) * 3600);
      bar.open = price;
      price *= std::exp(step(rng));
      bar.close = price;
      bar.high = std::max(bar.open, bar.close) * (1 + wick(rng));
      bar.low = std::min(bar.open, bar.close) * (1 - wick(rng));
      bar.volume = volume(rng);
    }
    return out;
  }();
  return series;
}

template <typename Make, typename Feed>
void run_indicator(benchmark::State& state, Make make, Feed feed) {
  const auto& series = bars();
  for (auto _ : state) {
    auto indicator = make();
    for (const auto& bar : series) {
      benchmark::DoNotOptimize(feed(indicator, bar));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(series.size()));
}

void BM_Sma20(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Sma(20); },
      [](auto& x, const auto& bar) { return x.update(bar.close); });
}
void BM_Ema12(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Ema(12); },
      [](auto& x, const auto& bar) { return x.update(bar.close); });
}
void BM_Rsi14(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Rsi(14); },
      [](auto& x, const auto& bar) { return x.update(bar.close); });
}
void BM_Macd(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Macd(12, 26, 9); },
      [](auto& x, const auto& bar) { return x.update(bar.close).hist; });
}
void BM_Bollinger20(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Bollinger(20, 2.0); },
      [](auto& x, const auto& bar) { return x.update(bar.close).upper; });
}
void BM_Atr14(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Atr(14); },
      [](auto& x, const auto& bar) { return x.update(bar.high, bar.low, bar.close); });
}
void BM_Volatility20(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Volatility(20); },
      [](auto& x, const auto& bar) { return x.update(bar.close); });
}
void BM_Correlation20(benchmark::State& state) {
  run_indicator(
      state, [] { return crew::indicators::Correlation(20); },
      [](auto& x, const auto& bar) { return x.update(bar.close, bar.open); });
}

// Strategies with the CRYPTO profile defaults: evaluate() on the concrete type (flags only, as a
// templated backtest loop can use it), on_bar() on the concrete type, and on_bar() through the
// virtual interface (both build the reason text whenever a signal fires).
enum class Path { evaluate, on_bar, on_bar_virtual };

template <typename Concrete, typename Params>
void run_strategy(benchmark::State& state, Path path) {
  const auto& series = bars();
  const auto profile = crew::config::default_config().crypto;
  std::size_t signals = 0;
  for (auto _ : state) {
    auto concrete = std::make_unique<Concrete>(Params{}, profile);
    crew::strategy::Strategy& strategy = *concrete;
    for (const auto& bar : series) {
      if (path == Path::evaluate) {
        const auto s = concrete->evaluate(bar);
        signals += s.entry || s.exit ? 1 : 0;
      } else {
        const auto s = path == Path::on_bar ? concrete->on_bar(bar) : strategy.on_bar(bar);
        signals += s.entry || s.exit ? 1 : 0;
      }
    }
  }
  benchmark::DoNotOptimize(signals);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(series.size()));
}

void BM_TripleMaEvaluate(benchmark::State& state) {
  run_strategy<crew::strategy::TripleMa, crew::strategy::TripleMaParams>(state, Path::evaluate);
}
void BM_TripleMaOnBar(benchmark::State& state) {
  run_strategy<crew::strategy::TripleMa, crew::strategy::TripleMaParams>(state, Path::on_bar);
}
void BM_TripleMaOnBarVirtual(benchmark::State& state) {
  run_strategy<crew::strategy::TripleMa, crew::strategy::TripleMaParams>(state,
                                                                         Path::on_bar_virtual);
}
void BM_RsiBreakoutEvaluate(benchmark::State& state) {
  run_strategy<crew::strategy::RsiBreakout, crew::strategy::RsiBreakoutParams>(state,
                                                                               Path::evaluate);
}
void BM_MacdCrossoverEvaluate(benchmark::State& state) {
  run_strategy<crew::strategy::MacdCrossover, crew::strategy::MacdCrossoverParams>(state,
                                                                                   Path::evaluate);
}
void BM_BollingerReversalEvaluate(benchmark::State& state) {
  run_strategy<crew::strategy::BollingerReversal, crew::strategy::BollingerReversalParams>(
      state, Path::evaluate);
}
void BM_BollingerReversalOnBar(benchmark::State& state) {
  run_strategy<crew::strategy::BollingerReversal, crew::strategy::BollingerReversalParams>(
      state, Path::on_bar);
}

} // namespace

BENCHMARK(BM_Sma20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ema12)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Rsi14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Macd)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Bollinger20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Atr14)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Volatility20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Correlation20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TripleMaEvaluate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TripleMaOnBar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TripleMaOnBarVirtual)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RsiBreakoutEvaluate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MacdCrossoverEvaluate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BollingerReversalEvaluate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BollingerReversalOnBar)->Unit(benchmark::kMillisecond);
