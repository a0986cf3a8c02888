// crew classify SYMBOL… [--json]: the asset class of each symbol (design.md section 2).
#include "app/commands.hpp"
#include "core/symbol.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace crew::app {
namespace {

struct ClassifyOptions {
  std::vector<std::string> symbols;
  bool json = false;
};

int run_classify(const ClassifyOptions& options) {
  int exit_code = k_exit_ok;
  std::string first_error;
  std::size_t errors = 0;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& input : options.symbols) {
    const auto symbol = core::classify_symbol(input);
    nlohmann::json row = {{"input", input}};
    if (symbol) {
      row["symbol"] = symbol->str();
      row["asset_class"] = std::string(core::to_string(symbol->asset_class()));
      if (!options.json) {
        std::cout << input << '\t' << symbol->str() << '\t'
                  << core::to_string(symbol->asset_class()) << '\n';
      }
    } else {
      exit_code = k_exit_bad_input;
      if (errors++ == 0) {
        first_error = symbol.error().message();
      }
      row["error"] = symbol.error().message();
      if (!options.json) {
        std::cout << input << "\terror\t" << symbol.error().message() << '\n';
      }
    }
    rows.push_back(std::move(row));
  }
  if (options.json) {
    std::cout << rows.dump(2) << '\n';
  }
  if (errors > 0) {
    // The table above has every row; stderr gets the one line a script or a person checks.
    std::cout.flush();
    return fail(exit_code, first_error + " (classify" +
                               (errors > 1 ? ", and " + std::to_string(errors - 1) + " more" : "") +
                               ")");
  }
  return exit_code;
}

} // namespace

void add_classify_command(CLI::App& app, const GlobalOptions& /*global*/, CommandSlot& slot) {
  auto options = std::make_shared<ClassifyOptions>();
  auto* cmd = app.add_subcommand("classify", "Print the normalised symbol and asset class of each");
  cmd->add_option("symbols", options->symbols, "Symbols such as AAPL BTC/USD EUR/USD BTCUSD")
      ->required();
  cmd->add_flag("--json", options->json, "Print a JSON array");
  cmd->callback([options, &slot] { slot.action = [options] { return run_classify(*options); }; });
}

} // namespace crew::app
