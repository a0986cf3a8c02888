// crew indicators --symbol S [--timeframe T] [--data FILE.csv] [--start] [--end] [--csv|--json]:
// per bar timestamp,sma10,ema12,rsi14,macd,macd_signal,bb_mid,bb_up,bb_lo,atr14 (empty where
// undefined), so the numbers can be checked against another library. Indicators warm up from the
// first bar inside the range.
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/time_range.hpp"
#include "core/symbol.hpp"
#include "data/bar_store.hpp"
#include "data/csv_io.hpp"
#include "indicators/indicator_panel.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <limits>
#include <optional>
#include <string>

namespace crew::app {
namespace {

struct IndicatorsOptions {
  std::string symbol;
  std::string timeframe;
  std::string data_file;
  std::string start;
  std::string end;
  bool csv = false;
  bool json = false;
};

std::string error_text(const core::Error& error) {
  return error.where.empty() ? error.what : error.what + " (" + error.where + ")";
}

// Shortest text that reads back as the same double; empty when undefined.
std::string exact_text(double value) {
  if (std::isnan(value)) {
    return {};
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// Eight significant digits for the table.
std::string table_text(double value) {
  if (std::isnan(value)) {
    return "";
  }
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 8);
  return std::string(buffer, result.ptr);
}

core::Result<data::BarSeries> load_bars(const GlobalOptions& global,
                                        const IndicatorsOptions& options,
                                        const core::Symbol& symbol) {
  const auto range = parse_time_range(options.start, options.end,
                                      core::UtcTime::from_ns(std::numeric_limits<int64_t>::min()),
                                      core::UtcTime::from_ns(std::numeric_limits<int64_t>::max()));
  if (!range) {
    return range.error();
  }
  std::optional<core::Timeframe> timeframe;
  if (!options.timeframe.empty()) {
    auto parsed = core::parse_timeframe(options.timeframe);
    if (!parsed) {
      return core::Error{parsed.error().what, "--timeframe"};
    }
    timeframe = *parsed;
  }
  std::optional<AppContext> context;
  if (options.data_file.empty() || !timeframe) {
    auto loaded = load_context(global);
    if (!loaded) {
      return loaded.error();
    }
    context = std::move(loaded).value();
    if (!timeframe) {
      timeframe = context->config.profile(symbol.asset_class()).signal_timeframe;
    }
  }
  if (!options.data_file.empty()) {
    auto bars = data::read_bars_csv(options.data_file, symbol, *timeframe);
    if (!bars) {
      return bars.error();
    }
    return bars->slice(range->start, range->end);
  }
  auto store = data::BarStore::open(context->paths.bar_store);
  if (!store) {
    return store.error();
  }
  return store->read(symbol, *timeframe, range->start, range->end);
}

void print_csv(const data::BarSeries& bars) {
  std::string out = "timestamp";
  for (const auto column : indicators::k_panel_columns) {
    out += ',';
    out += column;
  }
  out += '\n';
  indicators::IndicatorPanel panel;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto row = panel.update(bars.high()[i], bars.low()[i], bars.close()[i]);
    out += core::format_rfc3339(bars.time()[i]);
    for (const double value : row.values()) {
      out += ',';
      out += exact_text(value);
    }
    out += '\n';
  }
  std::cout << out;
}

void print_json(const data::BarSeries& bars) {
  nlohmann::json rows = nlohmann::json::array();
  indicators::IndicatorPanel panel;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto values = panel.update(bars.high()[i], bars.low()[i], bars.close()[i]).values();
    nlohmann::json row = {{"timestamp", core::format_rfc3339(bars.time()[i])}};
    for (std::size_t k = 0; k < values.size(); ++k) {
      const std::string key(indicators::k_panel_columns[k]);
      row[key] = std::isnan(values[k]) ? nlohmann::json(nullptr) : nlohmann::json(values[k]);
    }
    rows.push_back(std::move(row));
  }
  std::cout << rows.dump(2) << '\n';
}

void print_table(const data::BarSeries& bars) {
  constexpr int k_width = 14;
  std::cout << std::left << std::setw(22) << "timestamp" << std::right;
  for (const auto column : indicators::k_panel_columns) {
    std::cout << std::setw(k_width) << column;
  }
  std::cout << '\n';
  indicators::IndicatorPanel panel;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto row = panel.update(bars.high()[i], bars.low()[i], bars.close()[i]);
    std::cout << std::left << std::setw(22) << core::format_rfc3339(bars.time()[i]) << std::right;
    for (const double value : row.values()) {
      std::cout << std::setw(k_width) << table_text(value);
    }
    std::cout << '\n';
  }
}

int run_indicators(const GlobalOptions& global, const IndicatorsOptions& options) {
  const auto symbol = core::classify_symbol(options.symbol);
  if (!symbol) {
    return fail(k_exit_bad_input, symbol.error().what + " (--symbol)");
  }
  const auto bars = load_bars(global, options, *symbol);
  if (!bars) {
    return fail(k_exit_bad_input, error_text(bars.error()));
  }
  if (bars->empty()) {
    return fail(k_exit_bad_input,
                "no " + std::string(core::to_string(bars->timeframe())) + " bars of " +
                    symbol->str() + " in that range (" +
                    (options.data_file.empty() ? "bar store" : options.data_file) + ")");
  }
  if (options.json) {
    print_json(*bars);
  } else if (options.csv) {
    print_csv(*bars);
  } else {
    print_table(*bars);
  }
  return k_exit_ok;
}

} // namespace

void add_indicators_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<IndicatorsOptions>();
  auto* cmd = app.add_subcommand(
      "indicators", "Print SMA10, EMA12, RSI14, MACD, Bollinger(20,2) and ATR14 per bar");
  cmd->add_option("--symbol", options->symbol, "Symbol such as AAPL or BTC/USD")->required();
  cmd->add_option("--timeframe", options->timeframe,
                  "1Min … 1Day (default: the asset class's signal timeframe)");
  cmd->add_option("--data", options->data_file, "CSV file in the import format (default: store)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--start", options->start, "First day or instant (UTC)");
  cmd->add_option("--end", options->end, "Last day (included) or instant (UTC)");
  auto* csv = cmd->add_flag("--csv", options->csv, "CSV with full precision");
  cmd->add_flag("--json", options->json, "A JSON array, null where undefined")->excludes(csv);
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_indicators(global, *options); };
  });
}

} // namespace crew::app
