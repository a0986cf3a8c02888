// crew scan --market CRYPTO|US_EQUITY|auto [--symbols A,B,…] [--top N] [--at TIME] [--json]:
// the best opportunities now (or as of --at) from the stored bars; ranking lives in scan/.
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/market_universe.hpp"
#include "app/scan_inputs.hpp"
#include "backtest/strategy_order.hpp"
#include "data/signal_bars.hpp"
#include "scan/market_rotation.hpp"
#include "scan/scanner.hpp"
#include "scan/universe.hpp"
#include "strategy/registry.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

namespace crew::app {
namespace {

struct ScanOptions {
  std::string market = "auto";
  std::vector<std::string> symbols;
  int top = -1;
  std::string at;
  bool json = false;
  bool synthetic = false;
};

// How far back to read so that `bars` completed bars of `timeframe` precede `at`: crypto trades
// around the clock; equities ~6.5 of 24 hours on 5 of 7 days, with margin for holidays.
core::Duration read_span(core::AssetClass market, core::Timeframe timeframe, std::size_t bars) {
  const double factor =
      market == core::AssetClass::us_equity ? (24.0 / 6.5) * (7.0 / 5.0) * 1.25 : 1.1;
  const auto minutes_back =
      static_cast<std::int64_t>(static_cast<double>(bars) * core::minutes(timeframe) * factor) +
      3 * 24 * 60;
  return std::chrono::minutes{minutes_back};
}

nlohmann::json parts_json(const scan::ScoreParts& parts) {
  return {{"signal", parts.signal},
          {"trend", parts.trend},
          {"volume", parts.volume},
          {"volatility", parts.volatility},
          {"liquidity", parts.liquidity}};
}

void print_text(const scan::ScanResult& result, std::size_t top, const std::string& headline) {
  std::cout << headline << '\n';
  if (result.ranked.empty()) {
    std::cout << "no opportunity\n";
  } else {
    std::cout << fmt::format("{:>4}  {:<10} {:>6}  {:<5} {:>6} {:>6} {:>6} {:>6} {:>6}  {}\n",
                             "rank", "symbol", "score", "strat", "signal", "trend", "volume",
                             "volat", "liq", "bar (open time) and signal");
  }
  for (std::size_t i = 0; i < result.ranked.size() && i < top; ++i) {
    const auto& o = result.ranked[i];
    std::cout << fmt::format("{:>4}  {:<10} {:>6.3f}  {:<5} {:>6.2f} {:>6.2f} {:>6.2f} {:>6.2f} "
                             "{:>6.2f}  {} {}\n",
                             i + 1, o.symbol, o.score, o.strategy, o.parts.signal, o.parts.trend,
                             o.parts.volume, o.parts.volatility, o.parts.liquidity,
                             core::format_rfc3339(o.bar_time), o.reason);
  }
  if (result.ranked.size() > top) {
    std::cout << "(" << result.ranked.size() - top << " more below the top " << top << ")\n";
  }
  if (!result.excluded.empty()) {
    std::cout << "excluded:\n";
    for (const auto& e : result.excluded) {
      std::cout << fmt::format("  {:<10} {}\n", e.symbol, e.reason);
    }
  }
}

int run_scan(const GlobalOptions& global, const ScanOptions& options) {
  const auto at = parse_at_or_now(options.at);
  if (!at) {
    return fail(k_exit_bad_input, at.error().what + " (" + at.error().where + ")");
  }
  const auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  const auto& config = context->config;
  core::AssetClass market = core::AssetClass::crypto;
  std::string headline_reason;
  if (options.market == "auto" || options.market == "AUTO") {
    const scan::MarketRotation rotation(config.scheduler, config.scanner.trade_forex);
    const auto decision = rotation.choose(*at);
    market = decision.market;
    headline_reason = " (auto: " + decision.reason + ")";
  } else {
    const auto parsed = core::parse_asset_class(options.market);
    if (!parsed) {
      return fail(k_exit_bad_input, parsed.error().what + " (--market)");
    }
    market = *parsed;
  }
  if (market == core::AssetClass::forex) {
    return fail(k_exit_bad_input, "FOREX has no strategies or universe to scan (--market)");
  }

  std::vector<core::Symbol> symbols;
  if (!options.symbols.empty()) {
    for (const auto& text : options.symbols) {
      const auto symbol = core::parse_symbol_as(text, market);
      if (!symbol) {
        return fail(k_exit_bad_input, symbol.error().what + " (--symbols '" + text + "')");
      }
      symbols.push_back(*symbol);
    }
  } else {
    // The market's universe as `crew universe` shows it and the loop trades it (one function):
    // Alpaca's asset list and volumes when keys are configured, else the S&P 100 list or the
    // fallback coins ranked by stored bars; then the configuration's [universe].
    auto universe = market_universe(*context, market, *at);
    if (!universe) {
      return fail(k_exit_failure, universe.error().message());
    }
    for (const auto& note : universe->notes) {
      spdlog::info("universe {}: {}", core::to_string(market), note);
    }
    for (const auto& member : universe->members) {
      symbols.push_back(member.symbol);
    }
  }

  const auto& profile = config.profile(market);
  // Strategies in the order `crew backtest --all` ranked them (design.md section 5), or the
  // default order when none is stored; the output says which.
  const auto order = backtest::strategy_order(
      market, backtest::RankingFile(backtest::RankingFile::default_path(context->paths.data_dir)));
  const auto& names = order.names;
  for (const auto& name : names) {
    if (const auto made = strategy::make_strategy(name, profile, config.strategy); !made) {
      return fail(k_exit_bad_input, made.error().message());
    }
  }
  scan::StrategyFactory factory = [&names, &profile, &config] {
    return strategy::make_strategies(names, profile, config.strategy);
  };
  const scan::Scanner scanner(market, profile, config.manipulation, factory);

  auto store = data::BarStore::open(options.synthetic ? context->paths.synthetic_store
                                                      : context->paths.bar_store);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  const auto timeframe = profile.signal_timeframe;
  const auto from = *at - read_span(market, timeframe, scanner.bars_wanted());
  if (const auto refreshed = refresh_from_alpaca(*context, *store, symbols, timeframe, from, *at);
      !refreshed) {
    return fail(k_exit_failure, refreshed.error().message());
  }
  std::vector<scan::ScanInput> inputs;
  for (const auto& symbol : symbols) {
    auto stored = data::read_signal_bars(*store, symbol, timeframe, from, *at);
    if (!stored) {
      return fail(k_exit_failure, stored.error().message());
    }
    if (!stored->note.empty()) {
      spdlog::info("scan: {} {}", symbol.str(), stored->note);
    }
    inputs.push_back({symbol.str(), std::move(stored->bars)});
  }
  const auto result = scanner.scan(inputs, *at);
  const auto top = static_cast<std::size_t>(options.top >= 0 ? options.top : config.scanner.top);

  if (options.json) {
    nlohmann::json out = {
        {"market", core::to_string(market)},
        {"at", core::format_rfc3339(*at)},
        {"timeframe", core::to_string(timeframe)},
        {"strategies", {{"order", names}, {"ranked", order.ranked}, {"source", order.source}}},
        {"top", nlohmann::json::array()},
        {"excluded", nlohmann::json::array()}};
    for (std::size_t i = 0; i < result.ranked.size() && i < top; ++i) {
      const auto& o = result.ranked[i];
      out["top"].push_back({{"symbol", o.symbol},
                            {"strategy", o.strategy},
                            {"score", o.score},
                            {"parts", parts_json(o.parts)},
                            {"fired", o.fired},
                            {"reason", o.reason},
                            {"bar_time", core::format_rfc3339(o.bar_time)},
                            {"close", o.close}});
    }
    for (const auto& e : result.excluded) {
      out["excluded"].push_back({{"symbol", e.symbol}, {"reason", e.reason}});
    }
    std::cout << out.dump(2) << '\n';
    return k_exit_ok;
  }
  print_text(result, top,
             fmt::format("scan {} at {}{}: {} symbols, {} bars\n{}", core::to_string(market),
                         core::format_rfc3339(*at), headline_reason, symbols.size(),
                         core::to_string(timeframe), backtest::describe(order)));
  return k_exit_ok;
}

} // namespace

void add_scan_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<ScanOptions>();
  auto* cmd = app.add_subcommand("scan", "Rank the market's opportunities from stored bars");
  cmd->add_option("--market", options->market, "CRYPTO, US_EQUITY or auto (the rotation's choice)")
      ->capture_default_str();
  cmd->add_option("--symbols", options->symbols, "Comma-separated symbols replacing the universe")
      ->delimiter(',');
  cmd->add_option("--top", options->top, "How many opportunities to print (default [scanner] top)")
      ->check(CLI::Range(1, 1000)); // as [scanner] top
  cmd->add_option("--at", options->at,
                  "Scan as of this instant (RFC 3339), using only bars before it")
      ->type_name("TIME");
  cmd->add_flag("--json", options->json, "Print JSON: market, at, strategies, top, excluded");
  cmd->add_flag("--synthetic", options->synthetic, "Scan generated bars (synthetic.db)");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_scan(global, *options); };
  });
}

} // namespace crew::app
