#include "backtest/backtest_batch.hpp"

#include "backtest/backtest_runner.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace crew::backtest {
namespace {

BatchRow run_job(const data::BarSeries& series, std::string_view strategy_name,
                 const config::Config& config, const BatchOptions& options) {
  BatchRow row{series.symbol(), std::string(strategy_name), {}, {}};
  auto settings = make_settings(config, series.symbol().asset_class(), series.timeframe());
  if (!settings) {
    row.error = settings.error().message();
    return row;
  }
  settings->start = options.start;
  settings->end = options.end;
  auto run = run_strategy_backtest(strategy_name, series, *settings, config);
  if (!run) {
    row.error = run.error().message();
    return row;
  }
  row.strategy = run->strategy;
  row.metrics = run->metrics;
  return row;
}

} // namespace

std::vector<BatchRow> run_batch(std::span<const data::BarSeries> series,
                                std::span<const std::string_view> strategies,
                                const config::Config& config, const BatchOptions& options) {
  const std::size_t jobs = series.size() * strategies.size();
  std::vector<BatchRow> rows(jobs);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t job = next++; job < jobs; job = next++) {
      rows[job] = run_job(series[job / strategies.size()], strategies[job % strategies.size()],
                          config, options);
    }
  };
  unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
  threads =
      static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(jobs, 1)));
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) {
    pool.emplace_back(work);
  }
  work();
  for (auto& thread : pool) {
    thread.join();
  }
  return rows;
}

} // namespace crew::backtest
