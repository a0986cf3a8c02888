// crew universe --market CRYPTO|US_EQUITY [--at TIME] [--json]: the symbols the scanner looks at
// and, for the rest, why they are left out (rules in scan/universe).
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/market_universe.hpp"
#include "app/scan_inputs.hpp"
#include "scan/universe.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace crew::app {
namespace {

struct UniverseOptions {
  std::string market;
  std::string at;
  bool json = false;
};

int run_universe(const GlobalOptions& global, const UniverseOptions& options) {
  const auto market = core::parse_asset_class(options.market);
  if (!market || *market == core::AssetClass::forex) {
    return fail(k_exit_bad_input,
                "expected CRYPTO or US_EQUITY, got '" + options.market + "' (--market)");
  }
  const auto at = parse_at_or_now(options.at);
  if (!at) {
    return fail(k_exit_bad_input, at.error().what + " (" + at.error().where + ")");
  }
  const auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  auto built = market_universe(*context, *market, *at);
  if (!built) {
    return fail(exit_code_for(built.error(), k_exit_failure), built.error().message());
  }
  const auto& universe = *built;

  if (options.json) {
    nlohmann::json out = {{"market", core::to_string(*market)},
                          {"members", nlohmann::json::array()},
                          {"excluded", nlohmann::json::array()},
                          {"notes", universe.notes}};
    for (const auto& m : universe.members) {
      nlohmann::json row = {{"symbol", m.symbol.str()}, {"name", m.name}};
      row["notional_volume_24h"] =
          m.notional_volume_24h ? nlohmann::json(*m.notional_volume_24h) : nlohmann::json();
      out["members"].push_back(std::move(row));
    }
    for (const auto& e : universe.excluded) {
      out["excluded"].push_back({{"symbol", e.symbol}, {"reason", e.reason}});
    }
    std::cout << out.dump(2) << '\n';
    return k_exit_ok;
  }
  std::cout << core::to_string(*market) << " universe: " << universe.members.size() << " members\n";
  for (const auto& m : universe.members) {
    std::cout << fmt::format(
        "  {:<10} {}{}\n", m.symbol.str(), m.name,
        m.notional_volume_24h ? fmt::format("  (24h ${:.1f}M)", *m.notional_volume_24h / 1e6) : "");
  }
  if (!universe.excluded.empty()) {
    std::cout << "left out:\n";
    for (const auto& e : universe.excluded) {
      std::cout << fmt::format("  {:<10} {}\n", e.symbol, e.reason);
    }
  }
  for (const auto& note : universe.notes) {
    std::cout << "note: " << note << '\n';
  }
  return k_exit_ok;
}

} // namespace

void add_universe_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<UniverseOptions>();
  auto* cmd = app.add_subcommand("universe", "Print a market's scan universe and who is left out");
  cmd->add_option("--market", options->market, "CRYPTO or US_EQUITY")->required();
  cmd->add_option("--at", options->at, "Volumes as of this instant (RFC 3339); default now")
      ->type_name("TIME");
  cmd->add_flag("--json", options->json, "Print JSON: market, members, excluded, notes");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_universe(global, *options); };
  });
}

} // namespace crew::app
