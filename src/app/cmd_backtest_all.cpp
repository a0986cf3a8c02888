// crew backtest --all [--asset-class C] [--timeframe T] [--start D] [--end D] [--json]
// [--threads N]: every strategy on every stored symbol of each asset class, on all cores; prints
// a ranking table per asset class and stores it for the strategy registry (RankingFile).
#include "app/cli_checks.hpp"
#include "app/cmd_backtest.hpp"
#include "app/context.hpp"
#include "app/time_range.hpp"
#include "backtest/backtest_batch.hpp"
#include "backtest/strategy_ranking.hpp"
#include "data/bar_store.hpp"
#include "data/signal_bars.hpp"
#include "strategy/registry.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cmath>
#include <iostream>
#include <limits>
#include <set>

namespace crew::app {
namespace {

struct ClassBatch {
  core::AssetClass asset_class;
  core::Timeframe timeframe;
};

nlohmann::json finite_or_string(double value) {
  if (std::isinf(value)) {
    return value > 0 ? "inf" : "-inf";
  }
  return value;
}

nlohmann::json ranking_json(const backtest::StrategyRanking& ranking,
                            std::span<const backtest::BatchRow> rows) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : ranking.entries) {
    entries.push_back({{"strategy", e.strategy},
                       {"symbols", e.symbols},
                       {"trades", e.trades},
                       {"mean_sharpe", e.mean_sharpe},
                       {"mean_total_return", e.mean_total_return},
                       {"mean_win_rate", e.mean_win_rate},
                       {"mean_max_drawdown", e.mean_max_drawdown},
                       {"mean_buy_hold_return", e.mean_buy_hold_return}});
  }
  nlohmann::json results = nlohmann::json::array();
  for (const auto& row : rows) {
    if (row.symbol.asset_class() != ranking.asset_class) {
      continue;
    }
    nlohmann::json item = {{"symbol", row.symbol.str()}, {"strategy", row.strategy}};
    if (!row.error.empty()) {
      item["error"] = row.error;
    } else {
      const auto& m = row.metrics;
      item.update({{"trades", m.trades},
                   {"win_rate", m.win_rate},
                   {"profit_factor", finite_or_string(m.profit_factor)},
                   {"total_return", m.total_return},
                   {"cagr", m.cagr},
                   {"max_drawdown", m.max_drawdown},
                   {"sharpe", m.sharpe},
                   {"sortino", finite_or_string(m.sortino)},
                   {"exposure", m.exposure},
                   {"avg_trade", m.avg_trade},
                   {"buy_hold_return", m.buy_hold_return},
                   {"final_equity", m.final_equity}});
    }
    results.push_back(std::move(item));
  }
  return {{"timeframe", std::string(core::to_string(ranking.timeframe))},
          {"ranking", std::move(entries)},
          {"results", std::move(results)}};
}

void print_ranking(const backtest::StrategyRanking& ranking) {
  std::cout << fmt::format("{} ({}): strategies ranked by mean Sharpe over symbols\n",
                           core::to_string(ranking.asset_class),
                           core::to_string(ranking.timeframe));
  std::cout << fmt::format("  {:>4} {:<6} {:>7} {:>7} {:>8} {:>10} {:>9} {:>9} {:>10}\n", "rank",
                           "name", "symbols", "trades", "sharpe", "return", "win rate", "max dd",
                           "buy&hold");
  std::size_t rank = 0;
  for (const auto& e : ranking.entries) {
    std::cout << fmt::format(
        "  {:>4} {:<6} {:>7} {:>7} {:>8.2f} {:>9.2f}% {:>8.2f}% {:>8.2f}% {:>9.2f}%\n", ++rank,
        e.strategy, e.symbols, e.trades, e.mean_sharpe, e.mean_total_return * 100.0,
        e.mean_win_rate * 100.0, e.mean_max_drawdown * 100.0, e.mean_buy_hold_return * 100.0);
  }
}

} // namespace

int run_backtest_all(const GlobalOptions& global, const BacktestOptions& options) {
  auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, describe_backtest_error(context.error()));
  }
  std::vector<core::AssetClass> classes = {core::AssetClass::us_equity, core::AssetClass::crypto};
  if (!options.asset_class.empty()) {
    auto parsed = core::parse_asset_class(options.asset_class);
    if (!parsed || *parsed == core::AssetClass::forex) {
      return fail(k_exit_bad_input, "expected US_EQUITY or CRYPTO (--asset-class)");
    }
    classes = {*parsed};
  }
  const auto range = parse_time_range(
      options.start, options.end, core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min()),
      core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max()));
  if (!range) {
    return fail(k_exit_bad_input, describe_backtest_error(range.error()));
  }
  auto store = data::BarStore::open(options.synthetic ? context->paths.synthetic_store
                                                      : context->paths.bar_store);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure),
                describe_backtest_error(store.error()));
  }
  const auto listed = store->list(false);
  if (!listed) {
    return fail(k_exit_failure, describe_backtest_error(listed.error()));
  }

  std::vector<ClassBatch> batches;
  std::vector<data::BarSeries> all_series;
  for (const core::AssetClass asset_class : classes) {
    core::Timeframe timeframe = context->config.profile(asset_class).signal_timeframe;
    if (!options.timeframe.empty()) {
      auto parsed = core::parse_timeframe(options.timeframe);
      if (!parsed) {
        return fail(k_exit_bad_input, parsed.error().what + " (--timeframe)");
      }
      timeframe = *parsed;
    }
    ClassBatch batch{asset_class, timeframe};
    // Every stored symbol of the class, its signal bars built by the one rule (design 3b) from
    // whichever of its series serve them.
    std::set<core::Symbol> symbols;
    for (const auto& stored : *listed) {
      if (stored.symbol.asset_class() == asset_class) {
        symbols.insert(stored.symbol);
      }
    }
    // With the warm-up before --start that each backtest feeds its strategy (parity.md row 6).
    const auto& config = context->config;
    const auto from = backtest::warmup_from(
        asset_class, timeframe,
        strategy::longest_feed_bars(config.profile(asset_class), config.strategy), range->start);
    for (const auto& symbol : symbols) {
      auto bars = data::read_signal_bars(*store, symbol, timeframe, from, range->end);
      if (!bars) {
        return fail(k_exit_failure, describe_backtest_error(bars.error()));
      }
      if (bars->bars.empty()) {
        continue;
      }
      if (!bars->note.empty()) {
        spdlog::info("backtest --all: {} {}", symbol.str(), bars->note);
      }
      all_series.push_back(std::move(bars->bars));
    }
    batches.push_back(std::move(batch));
  }
  if (all_series.empty()) {
    return fail(k_exit_failure, "no stored bars of the requested asset class and timeframe in " +
                                    store->path().string() + " (see crew data import)");
  }

  const auto names = strategy::strategy_names();
  backtest::BatchOptions batch_options{range->start, range->end - core::Duration{1},
                                       options.threads};
  const auto rows = backtest::run_batch(all_series, names, context->config, batch_options);

  const backtest::RankingFile file(backtest::RankingFile::default_path(context->paths.data_dir));
  nlohmann::json out = nlohmann::json::object();
  for (const auto& batch : batches) {
    const auto ranking = backtest::rank_strategies(batch.asset_class, batch.timeframe, rows);
    if (ranking.entries.empty()) {
      continue;
    }
    if (auto saved = file.save(ranking); !saved) {
      return fail(k_exit_failure, describe_backtest_error(saved.error()));
    }
    if (options.json) {
      out[std::string(core::to_string(batch.asset_class))] = ranking_json(ranking, rows);
    } else {
      print_ranking(ranking);
    }
  }
  for (const auto& row : rows) {
    if (!row.error.empty()) {
      std::cerr << "crew: " << row.strategy << " on " << row.symbol.str() << ": " << row.error
                << '\n';
    }
  }
  if (options.json) {
    std::cout << out.dump(2) << '\n';
  } else {
    std::cout << "ranking stored in " << file.path().string() << '\n';
  }
  return k_exit_ok;
}

} // namespace crew::app
