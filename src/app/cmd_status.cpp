// crew status [--json]: what the loop has done over the last 24 hours (design.md section 8):
// trades per market, API calls against the quota, uptime, open positions, equity, the halt flag.
// "Now" is the real time, or the last heartbeat when the last session was simulated. API calls are
// the requests the Alpaca clients sent (none in --sim, which the output says).
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "calendar/market_calendar.hpp"
#include "engine/clock.hpp"
#include "state/state_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace crew::app {
namespace {

struct StatusOptions {
  bool json = false;
};

core::Result<nlohmann::json> collect_status(const AppContext& context, state::StateStore& store) {
  auto now = engine::RealClock{}.now();
  auto mode = store.setting("session.mode");
  auto last = store.last_heartbeat();
  if (!mode || !last) {
    return core::Error{"cannot read the state store", context.paths.state_db.string()};
  }
  const bool simulated = mode->has_value() && **mode == "sim";
  if (simulated && last->has_value()) {
    now = **last + std::chrono::seconds{1};
  }
  auto from = now - std::chrono::hours{24};
  // A program that ran less than 24 h is judged from its first heartbeat.
  if (auto first = store.setting("session.first_heartbeat"); first && first->has_value()) {
    if (auto t = core::parse_rfc3339(**first); t && *t > from) {
      from = *t;
    }
  }
  const auto tick = std::chrono::seconds{context.config.scheduler.tick_seconds};
  auto uptime = store.uptime(from, now, 2 * tick);
  auto calls = store.count_api_calls(now - std::chrono::hours{24}, now);
  auto all = store.market_performance();
  auto positions = store.positions();
  auto halt = store.halt_state();
  auto max_seen = store.max_open_positions_seen();
  auto equity = store.setting("account.equity");
  auto last_switch = store.last_event(state::EventKind::market_switch);
  if (!uptime || !calls || !all || !positions || !halt || !max_seen || !equity || !last_switch) {
    return core::Error{"cannot read the state store", context.paths.state_db.string()};
  }
  const double quota = static_cast<double>(context.config.alpaca.requests_per_minute) * 24 * 60;
  nlohmann::json by_market = nlohmann::json::object();
  std::int64_t trades = 0;
  for (const auto& p : *all) {
    trades += p.trades;
    by_market[std::string(core::to_string(p.market))] = {
        {"trades", p.trades}, {"wins", p.wins}, {"pnl", p.total_pnl.to_double()}};
  }
  nlohmann::json open = nlohmann::json::array();
  for (const auto& p : *positions) {
    open.push_back({{"symbol", p.position.symbol.str()},
                    {"qty", p.position.qty.to_string()},
                    {"avg_entry_price", p.position.avg_entry_price.to_string()},
                    {"strategy", p.strategy}});
  }
  nlohmann::json status = {
      {"as_of", core::format_rfc3339(now)},
      {"mode", mode->has_value() ? **mode : "none"},
      {"trades", trades},
      {"by_market", by_market},
      {"api_calls_24h", *calls},
      {"api_quota_pct", quota > 0 ? 100.0 * static_cast<double>(*calls) / quota : 0.0},
      // A --sim session sends no request: its zero is not a quiet real session's.
      {"api_calls_simulated", simulated},
      {"uptime_pct", 100.0 * uptime->fraction},
      {"heartbeats", uptime->heartbeats},
      {"open_positions", positions->size()},
      {"positions", open},
      {"equity", equity->has_value() ? **equity : ""},
      {"halted", halt->halted},
      {"halt_reason", halt->reason},
      {"max_open_positions_seen", *max_seen},
      {"last_market_switch", nullptr},
  };
  if (last_switch->has_value()) {
    status["last_market_switch"] = {{"time", core::format_rfc3339((*last_switch)->time)},
                                    {"text", (*last_switch)->message}};
  }
  return status;
}

int run_status(const GlobalOptions& global, const StatusOptions& options) {
  auto context = load_context(global, ContextOptions{.read_only = true});
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  auto store = open_state_read_only(*context);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  auto status = collect_status(*context, *store);
  if (!status) {
    return fail(k_exit_failure, status.error().message());
  }
  const auto& s = *status;
  if (options.json) {
    std::cout << s.dump(2) << '\n';
    return k_exit_ok;
  }
  std::cout << fmt::format("Status as of {} (mode {})\n", s["as_of"].get<std::string>(),
                           s["mode"].get<std::string>());
  std::cout << fmt::format("  trades executed      {}\n", s["trades"].get<std::int64_t>());
  for (const auto& [market, row] : s["by_market"].items()) {
    std::cout << fmt::format("    {:<10} {:>4} trades, {:>4} wins, pnl {:.2f}\n", market,
                             row["trades"].get<std::int64_t>(), row["wins"].get<std::int64_t>(),
                             row["pnl"].get<double>());
  }
  const auto calls = s["api_calls_24h"].get<std::int64_t>();
  if (s["api_calls_simulated"].get<bool>() && calls == 0) {
    std::cout << "  API calls (24 h)     0 (simulated session: no requests)\n";
  } else {
    std::cout << fmt::format("  API calls (24 h)     {} ({:.2f}% of quota{})\n", calls,
                             s["api_quota_pct"].get<double>(),
                             s["api_calls_simulated"].get<bool>()
                                 ? "; from an earlier real session: the last one was simulated"
                                 : "");
  }
  std::cout << fmt::format("  uptime (24 h)        {:.1f}%\n", s["uptime_pct"].get<double>());
  std::cout << fmt::format("  open positions       {} (max seen {})\n",
                           s["open_positions"].get<std::size_t>(),
                           s["max_open_positions_seen"].get<std::int64_t>());
  for (const auto& p : s["positions"]) {
    std::cout << fmt::format("    {} {} @ {} ({})\n", p["symbol"].get<std::string>(),
                             p["qty"].get<std::string>(), p["avg_entry_price"].get<std::string>(),
                             p["strategy"].get<std::string>());
  }
  std::cout << fmt::format("  equity               {}\n", s["equity"].get<std::string>());
  std::cout << fmt::format(
      "  halted               {}{}\n", s["halted"].get<bool>() ? "yes" : "no",
      s["halted"].get<bool>() ? " (" + s["halt_reason"].get<std::string>() + ")" : "");
  if (!s["last_market_switch"].is_null()) {
    std::cout << fmt::format("  last market switch   {}\n",
                             s["last_market_switch"]["text"].get<std::string>());
  }
  return k_exit_ok;
}

} // namespace

void add_status_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<StatusOptions>();
  auto* cmd =
      app.add_subcommand("status", "Trades, API calls, uptime, positions and equity (24 h)");
  cmd->add_flag("--json", options->json, "Print a JSON object");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_status(global, *options); };
  });
}

} // namespace crew::app
