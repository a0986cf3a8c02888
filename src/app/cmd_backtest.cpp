// crew backtest --symbol S --strategy NAME [--asset-class C] [--start D] [--end D]
//   [--timeframe T] [--data FILE.csv] [--equity X] [--trades OUT.csv] [--report OUT.html] [--json]
// One strategy over one symbol's bars (design.md section 6, docs/backtest-fills.md); `--all`
// is in cmd_backtest_all.cpp.
#include "app/cmd_backtest.hpp"

#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/time_range.hpp"
#include "backtest/backtest_runner.hpp"
#include "backtest/html_report.hpp"
#include "backtest/trades_csv.hpp"
#include "data/bar_store.hpp"
#include "data/csv_io.hpp"
#include "data/signal_bars.hpp"
#include "strategy/registry.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <limits>

namespace crew::app {
namespace {

core::Result<core::Symbol> symbol_for(const BacktestOptions& options) {
  if (options.asset_class.empty()) {
    auto symbol = core::classify_symbol(options.symbol);
    if (!symbol) {
      return core::Error{symbol.error().what, "--symbol"};
    }
    return symbol;
  }
  auto asset_class = core::parse_asset_class(options.asset_class);
  if (!asset_class) {
    return core::Error{asset_class.error().what, "--asset-class"};
  }
  auto symbol = core::parse_symbol_as(options.symbol, *asset_class);
  if (!symbol) {
    return core::Error{symbol.error().what, "--symbol"};
  }
  return symbol;
}

// --timeframe, else for --data the folder name (crypto/1h/…) or the smallest spacing of the first
// bars, else the profile's signal timeframe.
core::Result<core::Timeframe> timeframe_for(const BacktestOptions& options,
                                            const config::AssetProfile& profile) {
  if (!options.timeframe.empty()) {
    auto timeframe = core::parse_timeframe(options.timeframe);
    if (!timeframe) {
      return core::Error{timeframe.error().what, "--timeframe"};
    }
    return timeframe;
  }
  if (!options.data_file.empty()) {
    const std::filesystem::path file(options.data_file);
    if (auto from_folder = core::parse_timeframe(file.parent_path().filename().string())) {
      return from_folder;
    }
  }
  return profile.signal_timeframe;
}

// The smallest gap between the first bars, for a --data file in a folder that names no timeframe.
std::optional<core::Timeframe> spacing_timeframe(const data::BarSeries& bars) {
  std::optional<core::Duration> smallest;
  for (std::size_t i = 1; i < bars.size() && i < 200; ++i) {
    const core::Duration gap = bars.time()[i] - bars.time()[i - 1];
    smallest = smallest ? std::min(*smallest, gap) : gap;
  }
  for (const core::Timeframe timeframe : core::k_timeframes) {
    if (smallest && *smallest == core::duration(timeframe)) {
      return timeframe;
    }
  }
  return std::nullopt;
}

// True when the timeframe came from --timeframe or the --data folder name, not a default.
bool timeframe_given(const BacktestOptions& options) {
  return !options.timeframe.empty() ||
         (!options.data_file.empty() &&
          core::parse_timeframe(
              std::filesystem::path(options.data_file).parent_path().filename().string()));
}

// The bars from --data or the store; a --data file with no stated timeframe takes the one its
// spacing shows.
core::Result<data::BarSeries> load_bars(const BacktestOptions& options, const AppContext& context,
                                        const core::Symbol& symbol, core::Timeframe& timeframe,
                                        const TimeRange& range) {
  if (options.data_file.empty()) {
    auto store = data::BarStore::open(options.synthetic ? context.paths.synthetic_store
                                                        : context.paths.bar_store);
    if (!store) {
      return store.error();
    }
    // The warm-up before --start too, as the loop feeds its strategies (docs/parity.md row 6).
    const auto& config = context.config;
    const auto from = backtest::warmup_from(
        symbol.asset_class(), timeframe,
        strategy::longest_feed_bars(config.profile(symbol.asset_class()), config.strategy),
        range.start);
    auto stored = data::read_signal_bars(*store, symbol, timeframe, from, range.end);
    if (!stored) {
      return stored.error();
    }
    if (!stored->note.empty()) {
      std::cerr << "crew: " << symbol.str() << ' ' << core::to_string(timeframe) << " bars "
                << stored->note << '\n';
    }
    return std::move(stored->bars);
  }
  auto bars = data::read_bars_csv(options.data_file, symbol, timeframe);
  if (bars && !timeframe_given(options)) {
    const auto spacing = spacing_timeframe(*bars);
    if (spacing && *spacing != timeframe) {
      timeframe = *spacing;
      bars = data::read_bars_csv(options.data_file, symbol, timeframe);
    }
  }
  if (!bars) {
    return bars;
  }
  // The file's bars obey the signal-bar rule too: an equity's pre- and post-market bars are not
  // signals (design 3b).
  return data::to_signal_bars(*bars, timeframe);
}

std::string json_number(double value) {
  return std::isinf(value) ? (value > 0 ? "\"inf\"" : "\"-inf\"") : fmt::format("{}", value);
}

void print_json(const backtest::Metrics& m) {
  // Built by hand so an infinite profit factor can be the string "inf".
  const std::pair<const char*, double> fields[] = {
      {"trades", static_cast<double>(m.trades)},
      {"win_rate", m.win_rate},
      {"profit_factor", m.profit_factor},
      {"total_return", m.total_return},
      {"cagr", m.cagr},
      {"max_drawdown", m.max_drawdown},
      {"sharpe", m.sharpe},
      {"sortino", m.sortino},
      {"exposure", m.exposure},
      {"avg_trade", m.avg_trade},
      {"buy_hold_return", m.buy_hold_return},
      {"final_equity", m.final_equity},
  };
  std::string out = "{";
  for (const auto& [key, value] : fields) {
    fmt::format_to(std::back_inserter(out), "{}\"{}\": {}", out.size() > 1 ? ", " : "", key,
                   json_number(value));
  }
  std::cout << out << "}\n";
}

void print_table(const backtest::BacktestRun& run, const core::Symbol& symbol,
                 core::Timeframe timeframe) {
  const auto times = run.input.bars.time();
  std::cout << fmt::format("{} on {} ({}, {}): {} bars, {} to {}\n", run.strategy, symbol.str(),
                           core::to_string(symbol.asset_class()), core::to_string(timeframe),
                           times.size(), core::format_rfc3339(times.front()),
                           core::format_rfc3339(times.back()));
  for (const auto& row : backtest::metric_rows(run.metrics)) {
    std::cout << fmt::format("  {:<15} {:>16}\n", row.label, row.value);
  }
}

int run_single(const GlobalOptions& global, const BacktestOptions& options) {
  if (options.symbol.empty() || options.strategy.empty()) {
    return fail(k_exit_bad_input, "--symbol and --strategy are required without --all");
  }
  const auto symbol = symbol_for(options);
  if (!symbol) {
    return fail(k_exit_bad_input, describe_backtest_error(symbol.error()));
  }
  auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, describe_backtest_error(context.error()));
  }
  const config::Config& config = context->config;
  if (symbol->asset_class() == core::AssetClass::forex) {
    return fail(k_exit_bad_input, "the backtester models US_EQUITY and CRYPTO only (--symbol)");
  }
  auto timeframe = timeframe_for(options, config.profile(symbol->asset_class()));
  if (!timeframe) {
    return fail(k_exit_bad_input, describe_backtest_error(timeframe.error()));
  }
  const auto range = parse_time_range(
      options.start, options.end, core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min()),
      core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max()));
  if (!range) {
    return fail(k_exit_bad_input, describe_backtest_error(range.error()));
  }
  core::Timeframe bar_timeframe = *timeframe;
  auto bars = load_bars(options, *context, *symbol, bar_timeframe, *range);
  if (!bars) {
    const bool input_error = !options.data_file.empty();
    return fail(exit_code_for(bars.error(), input_error ? k_exit_bad_input : k_exit_failure),
                bars.error().message());
  }
  auto settings = backtest::make_settings(config, symbol->asset_class(), bar_timeframe);
  if (!settings) {
    return fail(k_exit_bad_input, describe_backtest_error(settings.error()));
  }
  settings->start = range->start;
  settings->end = range->end - core::Duration{1}; // the range is half-open, settings inclusive
  if (options.equity) {
    if (!(*options.equity > 0.0)) {
      return fail(k_exit_bad_input, "the initial equity must be positive (--equity)");
    }
    settings->initial_equity = *options.equity;
  }
  auto run = backtest::run_strategy_backtest(options.strategy, *bars, *settings, config);
  if (!run) {
    return fail(k_exit_bad_input, run.error().what + " (--strategy)");
  }
  if (run->input.bars.empty()) {
    return fail(k_exit_failure, fmt::format("no {} bars of {} in the requested range",
                                            core::to_string(bar_timeframe), symbol->str()));
  }
  if (!options.trades_file.empty()) {
    if (auto written = backtest::write_trades_csv(run->result.trades, options.trades_file);
        !written) {
      return fail(k_exit_failure, written.error().message());
    }
  }
  if (!options.report_file.empty()) {
    const backtest::ReportHeader header{
        symbol->str(), run->strategy, std::string(core::to_string(symbol->asset_class())),
        std::string(core::to_string(bar_timeframe)), backtest::format_parameters(run->parameters)};
    const std::string html =
        backtest::render_html_report(header, run->input, run->result, run->metrics);
    if (auto written = backtest::write_html_report(html, options.report_file); !written) {
      return fail(k_exit_failure, written.error().message());
    }
  }
  if (options.json) {
    print_json(run->metrics);
  } else {
    print_table(*run, *symbol, bar_timeframe);
  }
  return k_exit_ok;
}

} // namespace

std::string describe_backtest_error(const core::Error& error) {
  return error.where.empty() ? error.what : error.what + " (" + error.where + ")";
}

void add_backtest_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<BacktestOptions>();
  auto* cmd = app.add_subcommand("backtest", "Backtest a strategy on one symbol, or with --all "
                                             "every strategy on every stored symbol");
  cmd->add_option("--symbol", options->symbol, "Symbol, e.g. BTC/USD or AAPL");
  cmd->add_option("--strategy", options->strategy, "3ma, rsi, macd, bb (or their aliases)");
  cmd->add_option("--asset-class", options->asset_class,
                  "US_EQUITY or CRYPTO (default: from the symbol)");
  cmd->add_option("--start", options->start, "First day (YYYY-MM-DD) or RFC 3339 instant");
  cmd->add_option("--end", options->end, "Last day, included, or RFC 3339 instant");
  cmd->add_option("--timeframe", options->timeframe,
                  "1Min … 1Day (default: the --data folder, else the profile's)");
  cmd->add_option("--data", options->data_file, "Bars from this CSV instead of the store")
      ->check(CLI::ExistingFile);
  cmd->add_option("--equity", options->equity, "Initial equity (default [backtest])")
      ->check(finite_number(0, 1e15, true)); // as [backtest] initial_equity
  cmd->add_option("--trades", options->trades_file, "Write the trades as CSV here");
  cmd->add_option("--report", options->report_file, "Write a self-contained HTML report here");
  cmd->add_flag("--json", options->json, "Print the metrics as one JSON object");
  cmd->add_flag("--all", options->all, "Every strategy on every stored symbol, ranked");
  cmd->add_flag("--synthetic", options->synthetic,
                "Backtest generated bars (synthetic.db) instead of the real ones");
  cmd->add_option("--threads", options->threads, "Worker threads for --all (default: all cores)");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] {
      return options->all ? run_backtest_all(global, *options) : run_single(global, *options);
    };
  });
}

} // namespace crew::app
