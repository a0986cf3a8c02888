#include "backtest/backtest_runner.hpp"

#include "strategy/bollinger_reversal.hpp"
#include "strategy/macd_crossover.hpp"
#include "strategy/registry.hpp"
#include "strategy/rsi_breakout.hpp"
#include "strategy/triple_ma.hpp"

#include <fmt/format.h>

namespace crew::backtest {
namespace {

// The loop on the concrete type when it is one of the four; the interface otherwise.
BacktestResult run_concrete(strategy::Strategy& s, const PreparedBars& input,
                            const BacktestSettings& settings) {
  if (auto* p = dynamic_cast<strategy::TripleMa*>(&s)) {
    return run_backtest(*p, input, settings);
  }
  if (auto* p = dynamic_cast<strategy::RsiBreakout*>(&s)) {
    return run_backtest(*p, input, settings);
  }
  if (auto* p = dynamic_cast<strategy::MacdCrossover*>(&s)) {
    return run_backtest(*p, input, settings);
  }
  if (auto* p = dynamic_cast<strategy::BollingerReversal*>(&s)) {
    return run_backtest(*p, input, settings);
  }
  return run_backtest(s, input, settings);
}

} // namespace

core::Result<BacktestRun> run_prepared_backtest(std::string_view strategy_name,
                                                const PreparedBars& input,
                                                const BacktestSettings& settings,
                                                const config::Config& config) {
  auto made =
      strategy::make_strategy(strategy_name, config.profile(settings.asset_class), config.strategy);
  if (!made) {
    return made.error();
  }
  strategy::Strategy& s = **made;
  BacktestRun run;
  run.strategy = std::string(s.name());
  run.parameters = s.parameters();
  run.result = run_concrete(s, input, settings);
  run.metrics = compute_metrics(run.result, input, settings);
  return run;
}

core::Result<BacktestRun> run_strategy_backtest(std::string_view strategy_name,
                                                const data::BarSeries& series,
                                                const BacktestSettings& settings,
                                                const config::Config& config) {
  PreparedBars input = prepare_bars(series, settings);
  auto run = run_prepared_backtest(strategy_name, input, settings, config);
  if (run) {
    run->input = std::move(input);
  }
  return run;
}

std::string format_parameters(const std::vector<strategy::Parameter>& parameters) {
  std::string out;
  for (const auto& parameter : parameters) {
    fmt::format_to(std::back_inserter(out), "{}{}={}", out.empty() ? "" : ", ", parameter.name,
                   parameter.value);
  }
  return out;
}

} // namespace crew::backtest
