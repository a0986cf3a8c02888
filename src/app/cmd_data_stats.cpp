// crew data stats --symbols A,B --timeframe 1Hour [--start] [--end] [--json]: per symbol the bar
// count, range, gaps, last ATR(14) and annualised volatility, then the correlation matrix of
// returns. The arithmetic lives in scan/baseline_stats; this file reads the store and prints.
#include "app/cli_checks.hpp"
#include "app/cmd_data.hpp"
#include "app/time_range.hpp"
#include "scan/baseline_stats.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace crew::app {
namespace {

struct StatsOptions {
  std::string symbols;
  std::string timeframe = "1Hour";
  std::string start;
  std::string end;
  bool json = false;
};

struct SymbolStats {
  data::BarSeries bars;
  std::size_t missing = 0;
  scan::SeriesStats stats;
};

nlohmann::json number_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

void print_json(const std::vector<SymbolStats>& rows,
                const std::vector<std::vector<double>>& matrix) {
  nlohmann::json out;
  out["symbols"] = nlohmann::json::array();
  nlohmann::json names = nlohmann::json::array();
  for (const auto& row : rows) {
    names.push_back(row.bars.symbol().str());
    out["symbols"].push_back({{"symbol", row.bars.symbol().str()},
                              {"timeframe", core::to_string(row.bars.timeframe())},
                              {"bars", row.stats.bars},
                              {"first", core::format_rfc3339(row.bars.time().front())},
                              {"last", core::format_rfc3339(row.bars.time().back())},
                              {"missing", row.missing},
                              {"last_atr14", number_or_null(row.stats.last_atr14)},
                              {"annual_volatility", number_or_null(row.stats.annual_volatility)}});
  }
  nlohmann::json values = nlohmann::json::array();
  for (const auto& line : matrix) {
    nlohmann::json json_line = nlohmann::json::array();
    for (double value : line) {
      json_line.push_back(number_or_null(value));
    }
    values.push_back(json_line);
  }
  out["correlation"] = {{"symbols", names}, {"matrix", values}};
  std::cout << out.dump(2) << '\n';
}

void print_table(const std::vector<SymbolStats>& rows,
                 const std::vector<std::vector<double>>& matrix) {
  std::printf("%-12s %8s %-20s %-20s %8s %12s %9s\n", "SYMBOL", "BARS", "FIRST", "LAST", "MISSING",
              "ATR14", "VOL/YR");
  for (const auto& row : rows) {
    std::printf("%-12s %8zu %-20s %-20s %8zu %12.6g %8.1f%%\n", row.bars.symbol().str().c_str(),
                row.stats.bars, core::format_rfc3339(row.bars.time().front()).c_str(),
                core::format_rfc3339(row.bars.time().back()).c_str(), row.missing,
                row.stats.last_atr14, row.stats.annual_volatility * 100);
  }
  if (rows.size() < 2) {
    return;
  }
  std::printf("\ncorrelation of log returns (common timestamps)\n%-12s", "");
  for (const auto& row : rows) {
    std::printf(" %10s", row.bars.symbol().str().c_str());
  }
  std::printf("\n");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::printf("%-12s", rows[i].bars.symbol().str().c_str());
    for (double value : matrix[i]) {
      std::printf(" %10.3f", value);
    }
    std::printf("\n");
  }
}

int run_stats(const GlobalOptions& global, const StatsOptions& options) {
  const auto timeframe = core::parse_timeframe(options.timeframe);
  if (!timeframe) {
    return fail(k_exit_bad_input, timeframe.error().what + " (--timeframe)");
  }
  const auto range = parse_time_range(options.start, options.end, core::UtcTime::from_ns(INT64_MIN),
                                      core::UtcTime::from_ns(INT64_MAX));
  if (!range) {
    return fail(k_exit_bad_input, describe_error(range.error()));
  }
  std::vector<core::Symbol> symbols;
  std::stringstream list(options.symbols);
  for (std::string item; std::getline(list, item, ',');) {
    if (item.empty()) {
      continue;
    }
    auto symbol = core::classify_symbol(item);
    if (!symbol) {
      return fail(k_exit_bad_input, symbol.error().what + " (--symbols)");
    }
    symbols.push_back(*symbol);
  }
  if (symbols.empty()) {
    return fail(k_exit_bad_input, "no symbols given (--symbols)");
  }
  auto store = open_bar_store(global);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), describe_error(store.error()));
  }
  std::vector<SymbolStats> rows;
  for (const auto& symbol : symbols) {
    auto bars = store->read(symbol, *timeframe, range->start, range->end);
    if (!bars) {
      return fail(k_exit_failure, describe_error(bars.error()));
    }
    if (bars->empty()) {
      return fail(k_exit_failure, "no " + std::string(core::to_string(*timeframe)) + " bars of " +
                                      symbol.str() + " in the store for that range (" +
                                      store->path().string() + ")");
    }
    const auto described = store->describe(symbol, *timeframe);
    SymbolStats row{std::move(*bars), 0, {}};
    row.missing = described && *described ? (*described)->missing : 0;
    row.stats = scan::series_stats(row.bars);
    rows.push_back(std::move(row));
  }
  std::vector<data::BarSeries> series;
  for (const auto& row : rows) {
    series.push_back(row.bars);
  }
  const auto matrix = scan::correlation_matrix(series);
  if (options.json) {
    print_json(rows, matrix);
  } else {
    print_table(rows, matrix);
  }
  return k_exit_ok;
}

} // namespace

void add_data_stats_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<StatsOptions>();
  auto* cmd = data.add_subcommand(
      "stats", "Per symbol: bars, range, gaps, last ATR(14), annualised volatility; correlations");
  cmd->add_option("--symbols", options->symbols, "Comma-separated symbols")->required();
  cmd->add_option("--timeframe", options->timeframe, "1Min … 1Day")->capture_default_str();
  cmd->add_option("--start", options->start, "Date or RFC 3339 instant");
  cmd->add_option("--end", options->end, "Date (whole day included) or RFC 3339 instant");
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_stats(global, *options); };
  });
}

} // namespace crew::app
