// crew data list|export (and the `data` parent that import, synth, download and stats join).
#include "app/cmd_data.hpp"

#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/time_range.hpp"
#include "data/csv_io.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace crew::app {
namespace {

struct ExportOptions {
  std::string symbol;
  std::string timeframe;
  std::string start;
  std::string end;
  std::string out;
  bool synthetic = false;
};

int run_export(const GlobalOptions& global, const ExportOptions& options) {
  const auto symbol = core::classify_symbol(options.symbol);
  if (!symbol) {
    return fail(k_exit_bad_input, symbol.error().what + " (--symbol)");
  }
  const auto timeframe = core::parse_timeframe(options.timeframe);
  if (!timeframe) {
    return fail(k_exit_bad_input, timeframe.error().what + " (--timeframe)");
  }
  const auto range = parse_time_range(options.start, options.end, core::UtcTime::from_ns(INT64_MIN),
                                      core::UtcTime::from_ns(INT64_MAX));
  if (!range) {
    return fail(k_exit_bad_input, describe_error(range.error()));
  }
  auto store = open_bar_store(global, options.synthetic ? BarSource::synthetic : BarSource::real);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), describe_error(store.error()));
  }
  const auto bars = store->read(*symbol, *timeframe, range->start, range->end);
  if (!bars) {
    return fail(k_exit_failure, describe_error(bars.error()));
  }
  if (bars->empty()) {
    return fail(k_exit_failure, "no " + std::string(core::to_string(*timeframe)) + " bars of " +
                                    symbol->str() + " in the store for that range (" +
                                    store->path().string() + ")");
  }
  if (options.out.empty()) {
    std::cout << data::format_bars_csv(*bars);
    return k_exit_ok;
  }
  if (auto written = data::write_bars_csv(*bars, options.out); !written) {
    return fail(k_exit_failure, describe_error(written.error()));
  }
  std::cerr << "exported " << bars->size() << " bars of " << symbol->str() << ' '
            << core::to_string(*timeframe) << " to " << options.out << '\n';
  return k_exit_ok;
}

struct ListedSeries {
  data::StoredSeries series;
  BarSource source = BarSource::real;
};

// Every series of the real store, then of the synthetic one (when a session or `data synth` made
// it: listing creates no file).
core::Result<std::vector<ListedSeries>> list_both(const GlobalOptions& global,
                                                  std::string& real_path) {
  auto context = load_context(global);
  if (!context) {
    return context.error();
  }
  std::vector<ListedSeries> rows;
  for (const auto source : {BarSource::real, BarSource::synthetic}) {
    const auto& path =
        source == BarSource::real ? context->paths.bar_store : context->paths.synthetic_store;
    if (source == BarSource::synthetic && !std::filesystem::exists(path)) {
      continue;
    }
    auto store = data::BarStore::open(path);
    if (!store) {
      return store.error();
    }
    if (source == BarSource::real) {
      real_path = store->path().string();
    }
    auto listed = store->list();
    if (!listed) {
      return listed.error();
    }
    for (auto& series : *listed) {
      rows.push_back({std::move(series), source});
    }
  }
  return rows;
}

int run_list(const GlobalOptions& global, bool json) {
  std::string real_path;
  const auto listed = list_both(global, real_path);
  if (!listed) {
    return fail(exit_code_for(listed.error(), k_exit_failure), describe_error(listed.error()));
  }
  if (json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [series, source] : *listed) {
      rows.push_back({{"symbol", series.symbol.str()},
                      {"asset_class", core::to_string(series.symbol.asset_class())},
                      {"timeframe", core::to_string(series.timeframe)},
                      {"first", core::format_rfc3339(series.first)},
                      {"last", core::format_rfc3339(series.last)},
                      {"count", series.count},
                      {"missing", series.missing},
                      {"source", to_string(source)}});
    }
    std::cout << rows.dump(2) << '\n';
    return k_exit_ok;
  }
  if (listed->empty()) {
    std::cout << "no bars stored in " << real_path << '\n';
    return k_exit_ok;
  }
  std::printf("%-14s %-9s %-10s %-20s %-20s %9s %8s  %s\n", "SYMBOL", "TIMEFRAME", "CLASS", "FIRST",
              "LAST", "BARS", "MISSING", "SOURCE");
  for (const auto& [series, source] : *listed) {
    std::printf("%-14s %-9s %-10s %-20s %-20s %9zu %8zu  %s\n", series.symbol.str().c_str(),
                std::string(core::to_string(series.timeframe)).c_str(),
                std::string(core::to_string(series.symbol.asset_class())).c_str(),
                core::format_rfc3339(series.first).c_str(),
                core::format_rfc3339(series.last).c_str(), series.count, series.missing,
                std::string(to_string(source)).c_str());
  }
  return k_exit_ok;
}

} // namespace

CLI::App* data_command(CLI::App& app) {
  for (auto* existing :
       app.get_subcommands([](CLI::App* sub) { return sub->get_name() == "data"; })) {
    return existing;
  }
  auto* data = app.add_subcommand("data", "Bars: import, export, list, synthesize, download");
  data->require_subcommand(1);
  return data;
}

std::string_view to_string(BarSource source) {
  return source == BarSource::real ? "real" : "synthetic";
}

core::Result<data::BarStore> open_bar_store(const GlobalOptions& global, BarSource source) {
  auto context = load_context(global);
  if (!context) {
    return context.error();
  }
  return data::BarStore::open(source == BarSource::real ? context->paths.bar_store
                                                        : context->paths.synthetic_store);
}

std::string describe_error(const core::Error& error) {
  return error.where.empty() ? error.what : error.what + " (" + error.where + ")";
}

void add_data_export_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<ExportOptions>();
  auto* cmd = data.add_subcommand("export", "Write stored bars as CSV (the import format)");
  cmd->add_option("--symbol", options->symbol, "Symbol, e.g. BTC/USD or AAPL")->required();
  cmd->add_option("--timeframe", options->timeframe, "1Min … 1Day")->required();
  cmd->add_option("--start", options->start, "First day (YYYY-MM-DD) or RFC 3339 instant");
  cmd->add_option("--end", options->end, "Last day (included) or RFC 3339 instant");
  cmd->add_option("--out", options->out, "Output file (default: standard output)")
      ->type_name("FILE");
  cmd->add_flag("--synthetic", options->synthetic, "Export generated bars (synthetic.db)");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_export(global, *options); };
  });
}

void add_data_list_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot) {
  auto json = std::make_shared<bool>(false);
  auto* cmd = data.add_subcommand(
      "list", "What the bar stores hold: ranges, counts, gaps, real or synthetic");
  cmd->add_flag("--json", *json, "Print a JSON array");
  cmd->callback([json, &global, &slot] {
    slot.action = [json, &global] { return run_list(global, *json); };
  });
}

void add_data_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto* data = data_command(app);
  add_data_import_command(*data, global, slot);
  add_data_export_command(*data, global, slot);
  add_data_list_command(*data, global, slot);
  add_data_synth_command(*data, global, slot);
  add_data_download_command(*data, global, slot);
  add_data_stats_command(*data, global, slot);
  add_data_split_command(*data, global, slot);
}

} // namespace crew::app
