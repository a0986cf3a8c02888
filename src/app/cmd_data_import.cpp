// crew data import FILE… [--symbol S] [--timeframe T]: validated CSV files into the bar store,
// all files in one transaction, so a bad file imports nothing.
#include "app/cli_checks.hpp"
#include "app/cmd_data.hpp"
#include "data/csv_io.hpp"

#include <iostream>

namespace crew::app {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
  std::string symbol;
  std::string timeframe;
};

// BTC-USDT.csv → BTC/USDT, BRK-B.csv → BRK.B. OM-USDT-PERP.csv is a perpetual future, which
// crew does not trade: its prices are not OM/USDT's (funding, basis), so it is refused unless
// --symbol says which spot series to file it under.
core::Result<core::Symbol> symbol_from_file(const std::filesystem::path& file) {
  const std::string stem = file.stem().string();
  constexpr std::string_view k_perpetual = "-PERP";
  if (stem.size() > k_perpetual.size() && stem.ends_with(k_perpetual)) {
    const auto spot = core::classify_symbol(stem.substr(0, stem.size() - k_perpetual.size()));
    return core::Error{"the file name says a perpetual future (-PERP), not the spot pair " +
                           (spot ? spot->str() : stem.substr(0, stem.size() - k_perpetual.size())) +
                           " crew trades; give --symbol to import its prices as that pair anyway",
                       file.string()};
  }
  auto symbol = core::classify_symbol(stem);
  if (!symbol) {
    return core::Error{"cannot infer the symbol from the file name: " + symbol.error().what +
                           "; give --symbol",
                       file.string()};
  }
  return symbol;
}

// --timeframe, else the folder name as in shared/data (crypto/1h/BTC-USDT.csv).
core::Result<core::Timeframe> timeframe_for(const std::filesystem::path& file,
                                            const std::string& option) {
  if (!option.empty()) {
    auto timeframe = core::parse_timeframe(option);
    if (!timeframe) {
      return core::Error{timeframe.error().what, "--timeframe"};
    }
    return timeframe;
  }
  auto from_folder = core::parse_timeframe(file.parent_path().filename().string());
  if (!from_folder) {
    return core::Error{"no --timeframe given and the folder name is not a timeframe",
                       file.string()};
  }
  return from_folder;
}

int run_import(const GlobalOptions& global, const ImportOptions& options) {
  std::optional<core::Symbol> given;
  if (!options.symbol.empty()) {
    auto symbol = core::classify_symbol(options.symbol);
    if (!symbol) {
      return fail(k_exit_bad_input, symbol.error().what + " (--symbol)");
    }
    given = *symbol;
  }
  std::vector<data::CsvFile> files;
  for (const auto& name : options.files) {
    const std::filesystem::path file(name);
    auto symbol = given ? core::Result<core::Symbol>(*given) : symbol_from_file(file);
    if (!symbol) {
      return fail(k_exit_bad_input, describe_error(symbol.error()));
    }
    auto timeframe = timeframe_for(file, options.timeframe);
    if (!timeframe) {
      return fail(k_exit_bad_input, describe_error(timeframe.error()));
    }
    auto read = data::read_csv_file(file, *symbol, *timeframe);
    if (!read) {
      // "<file>:<line>: <what>", the form editors jump to.
      return fail(k_exit_bad_input, read.error().message());
    }
    files.push_back(std::move(read).value());
  }
  if (auto disjoint = data::check_disjoint(files); !disjoint) {
    return fail(k_exit_bad_input, disjoint.error().message());
  }
  std::vector<data::BarSeries> parsed;
  for (auto& file : files) {
    parsed.push_back(std::move(file.bars));
  }
  auto store = open_bar_store(global);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), describe_error(store.error()));
  }
  if (auto stored = store->upsert_all(parsed); !stored) {
    return fail(k_exit_failure, describe_error(stored.error()));
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const auto& bars = parsed[i];
    std::cout << "imported " << bars.size() << ' ' << core::to_string(bars.timeframe())
              << " bars of " << bars.symbol().str() << " from " << options.files[i];
    if (!bars.empty()) {
      std::cout << " (" << core::format_rfc3339(bars.time().front()) << " to "
                << core::format_rfc3339(bars.time().back()) << ')';
    }
    std::cout << '\n';
  }
  return k_exit_ok;
}

} // namespace

void add_data_import_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<ImportOptions>();
  auto* cmd = data.add_subcommand("import", "Import CSV bars (timestamp,open,high,low,close,volume"
                                            "[,trade_count,vwap]) into the bar store");
  cmd->add_option("files", options->files, "CSV files; BTC-USDT.csv is BTC/USDT, AAPL.csv AAPL")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--symbol", options->symbol, "Symbol of every file (default: from file names)");
  cmd->add_option("--timeframe", options->timeframe,
                  "1Min … 1Day (default: the folder name, e.g. 1h)");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_import(global, *options); };
  });
}

} // namespace crew::app
