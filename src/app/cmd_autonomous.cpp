// crew autonomous [--sim|--dry-run|--paper|--live] [--duration 3600|24h|7d] [--start TIME]
// [--json] [--verbose]: the 24/7 loop. Prints market switches, closed trades, halts and alerts as
// they happen (every event as a JSON line with --json) and a summary at the end.
#include "alerts/alert_monitor.hpp"
#include "alerts/log_sink.hpp"
#include "alerts/stall_watchdog.hpp"
#include "app/alert_sinks.hpp"
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/dashboard_options.hpp"
#include "app/startup_retry.hpp"
#include "app/systemd_notify.hpp"
#include "app/wiring.hpp"
#include "backtest/strategy_order.hpp"
#include "calendar/market_calendar.hpp"
#include "core/text.hpp"
#include "dashboard/dashboard_server.hpp"
#include "dashboard/live_state.hpp"
#include "engine/autonomous_loop.hpp"
#include "state/loop_lock.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <iostream>

namespace crew::app {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int /*signal*/) {
  g_stop.store(true);
}

struct AutonomousOptions {
  bool sim = false;
  bool dry_run = false;
  bool paper = false;
  bool live = false;
  std::string duration = "24h";
  std::string start;
  bool json = false;
  bool verbose = false;
  double pace = 0;
  std::string clock = "system";
  std::string http; // HOST:PORT of the dashboard while running; empty: none
  DashboardOptions dashboard;
  std::vector<std::string> symbols; // --symbols: trade only these
  bool synthetic = false;           // --synthetic: generated markets in --sim
};

// --symbols as symbols of the two traded markets; errors name the entry.
core::Result<std::vector<core::Symbol>> parse_symbols(const std::vector<std::string>& texts) {
  std::vector<core::Symbol> symbols;
  for (const auto& text : texts) {
    auto symbol = core::classify_symbol(text);
    if (!symbol) {
      return core::Error{symbol.error().what, "--symbols '" + core::printable(text) + "'", true};
    }
    if (symbol->asset_class() != core::AssetClass::us_equity &&
        symbol->asset_class() != core::AssetClass::crypto) {
      return core::Error{std::string(core::to_string(symbol->asset_class())) +
                             " is not traded (US_EQUITY and CRYPTO are)",
                         "--symbols '" + core::printable(text) + "'", true};
    }
    if (std::find(symbols.begin(), symbols.end(), *symbol) == symbols.end()) {
      symbols.push_back(*symbol);
    }
  }
  return symbols;
}

// Where a session starts: --start, else right after the previous session's last heartbeat (sim),
// else 10 minutes before the close of the NYSE session before last (sim), else now.
core::Result<core::UtcTime> start_time(const AutonomousOptions& options, TradingMode mode,
                                       state::StateStore& store, core::Duration tick) {
  if (!options.start.empty() && mode != TradingMode::sim) {
    return core::Error{"a real session starts now; --start goes with --sim only", "--start"};
  }
  if (!options.start.empty()) {
    auto parsed = core::parse_rfc3339(options.start);
    if (!parsed) {
      return core::Error{parsed.error().what, "--start"};
    }
    return *parsed;
  }
  const auto now = engine::RealClock{}.now();
  if (mode != TradingMode::sim) {
    return now;
  }
  if (auto last = store.last_heartbeat(); last && last->has_value()) {
    return **last + tick;
  }
  const auto session = calendar::nyse_previous_session(now - std::chrono::days{2});
  return session.close - std::chrono::minutes{10};
}

// start + duration, refused (naming --duration) when it ends beyond the times UtcTime holds: it
// wrapped around before, and a session meant to run for years ended at once with exit 0.
core::Result<core::UtcTime> session_end(core::UtcTime start, core::Duration duration,
                                        const std::string& text) {
  auto end = core::add_duration(start, duration);
  if (!end) {
    return core::Error{"a session of " + core::printable(text) + " from " +
                           core::format_rfc3339(start) + " " + end.error().what,
                       "--duration"};
  }
  return end;
}

std::string market_text(std::optional<core::AssetClass> market) {
  return market ? std::string(core::to_string(*market)) : std::string("-");
}

int run_autonomous(const GlobalOptions& global, const AutonomousOptions& options) {
  const int modes =
      int{options.sim} + int{options.dry_run} + int{options.paper} + int{options.live};
  if (modes > 1) {
    return fail(k_exit_bad_input, "choose one of --sim, --dry-run, --paper, --live");
  }
  auto duration = core::parse_duration(options.duration);
  if (!duration) {
    return fail(k_exit_bad_input, "--duration: " + duration.error().what);
  }
  auto symbols = parse_symbols(options.symbols);
  if (!symbols) {
    return fail(k_exit_bad_input, symbols.error().message());
  }
  auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  TradingMode mode = TradingMode::sim;
  if (options.dry_run || (modes == 0 && context->dry_run)) {
    mode = TradingMode::dry_run;
  } else if (options.paper) {
    mode = TradingMode::paper;
  } else if (options.live) {
    mode = TradingMode::live;
  }
  const auto tick = core::Duration{std::chrono::seconds{context->config.scheduler.tick_seconds}};
  // One loop per home, held until this function returns: before the store is opened for writing.
  std::error_code made;
  std::filesystem::create_directories(context->paths.state_dir, made);
  auto lock = state::LoopLock::acquire(context->paths.state_db, std::string(to_string(mode)),
                                       engine::RealClock{}.now());
  if (!lock) {
    return fail(k_exit_failure, lock.error().message());
  }
  auto store = state::StateStore::open(context->paths.state_db,
                                       state::StoreOptions{mode != TradingMode::sim});
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  auto start = start_time(options, mode, *store, tick);
  if (!start) {
    return fail(k_exit_bad_input, start.error().message());
  }
  auto end = session_end(*start, *duration, options.duration);
  if (!end) {
    return fail(k_exit_bad_input, end.error().message());
  }
  if (options.pace < 0 || (options.pace > 0 && mode != TradingMode::sim)) {
    return fail(k_exit_bad_input, "--pace takes a positive number and only goes with --sim");
  }
  if (options.clock != "system" && options.clock != "broker") {
    return fail(k_exit_bad_input, "expected system or broker, got '" +
                                      core::printable(options.clock) + "' (--clock)");
  }
  if (options.clock == "broker" && mode == TradingMode::sim) {
    return fail(k_exit_bad_input, "--clock broker goes with --dry-run, --paper or --live");
  }
  if (options.synthetic && mode != TradingMode::sim) {
    return fail(k_exit_bad_input, "--synthetic goes with --sim only (real sessions trade real "
                                  "markets)");
  }
  // Exit 2 for what was asked (--live unconfirmed, no keys, the paper/live guard), before any
  // request; exit 1 for what failed while trying (the venue, the stores), after the retries of the
  // Alpaca modes' start-up.
  const SessionRequest request{
      mode, *start, *end, options.pace, options.clock == "broker", *symbols, options.synthetic};
  if (auto checked = check_request(*context, request); !checked) {
    return fail(k_exit_bad_input, checked.error().message());
  }
  std::optional<Wiring> wiring;
  const auto wire_once = [&]() -> core::Status {
    auto attempt = wire(*context, request, *store);
    if (!attempt) {
      return attempt.error();
    }
    wiring = std::move(*attempt);
    return {};
  };
  const auto wiring_done =
      mode == TradingMode::sim
          ? wire_once()
          : retry_start_up(
                "connecting to the venue",
                StartUpRetry{std::chrono::seconds{context->config.alpaca.startup_retry_seconds}},
                wire_once);
  if (!wiring_done) {
    return fail(exit_code_for(wiring_done.error(), k_exit_failure), wiring_done.error().message());
  }
  if (mode != TradingMode::sim) {
    // Real sessions start when the wiring is done, by the clock they run on.
    *start = wiring->clock->now();
    end = session_end(*start, *duration, options.duration);
    if (!end) {
      return fail(k_exit_bad_input, end.error().message());
    }
  }
  if (auto set = store->set_setting("session.mode", std::string(to_string(mode)), *start); !set) {
    return fail(k_exit_failure, set.error().message());
  }

  const bool json = options.json;
  const bool verbose = options.verbose;
  engine::SessionSetup setup;
  setup.universe = wiring->universe;
  // Stops rest at the SimBroker of --sim and --dry-run; --paper/--live poll them (parity.md row 3).
  setup.resting_stops = mode == TradingMode::sim || mode == TradingMode::dry_run;
  // Each market's strategies in the order `crew backtest --all` stored (design.md section 5).
  const backtest::RankingFile rankings(
      backtest::RankingFile::default_path(context->paths.data_dir));
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    setup.strategy_orders[market] = backtest::strategy_order(market, rankings);
  }
  setup.on_notice = [json, verbose](const engine::SessionNotice& notice) {
    using Kind = engine::SessionNotice::Kind;
    if (json) {
      nlohmann::json line = {{"event", std::string(engine::to_string(notice.kind))},
                             {"time", core::format_rfc3339(notice.time)},
                             {"market", market_text(notice.market)},
                             {"text", notice.text}};
      std::cout << line.dump() << '\n';
      return;
    }
    const bool shown = verbose || notice.kind == Kind::market_switch ||
                       notice.kind == Kind::trade || notice.kind == Kind::halt ||
                       notice.kind == Kind::alert || notice.kind == Kind::strategies;
    if (shown) {
      std::cout << calendar::format_new_york(notice.time) << " NY  "
                << (notice.kind == Kind::market_switch
                        ? "MARKET SWITCH "
                        : std::string(engine::to_string(notice.kind)) + ": ")
                << notice.text << '\n';
    }
  };
  if (!json) {
    std::cout << fmt::format(
        "crew autonomous --{}: {} to {} (New York {} to {}), tick {} s\n", to_string(mode),
        core::format_rfc3339(*start), core::format_rfc3339(*end), calendar::format_new_york(*start),
        calendar::format_new_york(*end), context->config.scheduler.tick_seconds);
    for (const auto& line : wiring->header) {
      std::cout << line << '\n';
    }
  }
  engine::TradingSession session(context->config, *wiring->clock, *wiring->broker, *wiring->data,
                                 *store, std::move(setup));
  // The dashboard, when asked for, runs beside the loop on its own threads; the live state must
  // outlive the server, which stops when `server` is destroyed.
  dashboard::LiveState live;
  std::unique_ptr<dashboard::BackgroundServer> server;
  if (!options.http.empty()) {
    auto settings = dashboard_settings(*context, options.dashboard, options.http);
    if (!settings) {
      return fail(k_exit_bad_input, settings.error().message());
    }
    auto started = dashboard::start_background(
        std::move(*settings), [] { return engine::RealClock{}.now(); }, live.source());
    if (!started) {
      return fail(k_exit_failure, started.error().message());
    }
    server = std::move(*started);
    if (!json) {
      std::cout << "dashboard on " << server->url() << std::endl;
    }
  }
  g_stop.store(false);
  std::signal(SIGTERM, on_stop_signal);
  std::signal(SIGINT, on_stop_signal);
  engine::LoopOptions loop;
  loop.end = *end;
  loop.tick = tick;
  loop.backup_dir = context->paths.backup_dir;
  loop.backups_to_keep = context->config.scheduler.backups_to_keep;
  loop.stop = &g_stop;
  loop.unanswered_grace =
      std::chrono::seconds{context->config.alpaca.unanswered_order_grace_seconds};
  // Alerts: once per episode, to the log only in simulation (a simulated drawdown must not page
  // anyone), to every configured sink otherwise.
  std::vector<std::unique_ptr<alerts::AlertSink>> sinks;
  if (mode == TradingMode::sim) {
    sinks.push_back(std::make_unique<alerts::LogSink>());
  } else {
    sinks = make_alert_sinks(*context);
  }
  // One clock for the monitor, the real one: the loop's session time (simulated, or the venue's
  // with --clock broker) is only data in what it reports; deliveries run on threads of their own.
  alerts::AlertMonitor monitor(context->config.alerts, *store, std::move(sinks),
                               [] { return engine::RealClock{}.now(); });
  // Under systemd (Type=notify): ready when the loop starts, a watchdog ping after every tick.
  auto systemd = SystemdNotifier::from_environment();
  // The stall alert comes from a thread of its own, on the monitor's clock: a hung loop cannot
  // report itself.
  auto watchdog = std::make_unique<alerts::StallWatchdog>(
      monitor, alerts::StallWatchdog::check_interval(context->config.alerts.stall_seconds));
  const auto limits = risk::RiskLimits::from_config(context->config.risk,
                                                    context->config.strategy.max_position_fraction);
  const std::string mode_text(to_string(mode));
  loop.after_tick = [&](core::UtcTime at) -> core::Status {
    if (wiring->after_tick) {
      if (auto kept = wiring->after_tick(at); !kept) {
        return kept;
      }
    }
    alerts::Health health;
    if (auto state = session.risk_snapshot(at); state) {
      alerts::add_risk_facts(health, *state, limits, at);
    }
    if (auto facts =
            alerts::add_store_facts(health, *store, context->config.alpaca.requests_per_minute, at);
        !facts) {
      spdlog::warn("alert facts unavailable: {}", facts.error().message());
    }
    monitor.observe(health, at);
    watchdog->beat(at);
    systemd.notify("WATCHDOG=1");
    live.update(dashboard::LiveSnapshot{mode_text, at, session.current_market(), at,
                                        engine::RealClock{}.now()});
    return {};
  };
  systemd.notify("READY=1");
  auto result = engine::run_loop(session, *wiring->clock, *wiring->broker, *store, loop);
  systemd.notify("STOPPING=1");
  watchdog.reset(); // the loop is over: its silence from now on is not a stall
  if (!result) {
    return fail(k_exit_failure, result.error().message());
  }
  {
    alerts::Health reconciled;
    reconciled.reconciliation_mismatches = result->reconcile.problems;
    monitor.observe(reconciled, result->ended);
  }
  monitor.shutdown(); // a few seconds for deliveries in flight; the rest stays owed in the store
  const auto& stats = session.stats();
  auto performance = store->market_performance(state::RecordQuery{
      std::nullopt, result->started, result->ended + std::chrono::seconds{1}, std::nullopt});
  auto equity = store->setting("account.equity");
  auto positions = store->positions();
  nlohmann::json summary = {
      {"mode", std::string(to_string(mode))},
      {"start", core::format_rfc3339(result->started)},
      {"end", core::format_rfc3339(result->ended)},
      {"refused", result->refused},
      {"interrupted", result->interrupted},
      {"ticks", stats.ticks},
      {"scans", stats.scans},
      {"orders", stats.orders},
      {"risk_refusals", stats.refusals},
      {"market_switches", stats.market_switches},
      {"open_positions", positions ? positions->size() : 0},
      {"equity", equity && equity->has_value() ? **equity : ""},
  };
  nlohmann::json by_market = nlohmann::json::object();
  if (performance) {
    for (const auto& p : *performance) {
      by_market[std::string(core::to_string(p.market))] = {
          {"trades", p.trades}, {"wins", p.wins}, {"pnl", p.total_pnl.to_double()}};
    }
  }
  summary["trades_by_market"] = by_market;
  if (json) {
    std::cout << nlohmann::json{{"summary", summary}}.dump() << '\n';
  } else {
    std::cout << "\nSummary\n";
    if (result->refused) {
      std::cout << "  reconciliation refused to trade: "
                << fmt::format("{}", fmt::join(result->reconcile.problems, "; ")) << '\n';
    }
    std::cout << fmt::format("  simulated {} to {}{}\n", core::format_rfc3339(result->started),
                             core::format_rfc3339(result->ended),
                             result->interrupted ? " (stopped)" : "");
    std::cout << fmt::format(
        "  ticks {}, scans {}, orders {}, risk refusals {}, market switches {}\n", stats.ticks,
        stats.scans, stats.orders, stats.refusals, stats.market_switches);
    for (const auto& [market, row] : by_market.items()) {
      std::cout << fmt::format("  {:<10} trades {:>3}  wins {:>3}  pnl {:.2f}\n", market,
                               row["trades"].get<std::int64_t>(), row["wins"].get<std::int64_t>(),
                               row["pnl"].get<double>());
    }
    std::cout << "  open positions " << summary["open_positions"].get<std::size_t>() << ", equity "
              << summary["equity"].get<std::string>() << '\n';
  }
  return result->refused ? k_exit_failure : k_exit_ok;
}

} // namespace

void add_autonomous_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<AutonomousOptions>();
  auto* cmd = app.add_subcommand("autonomous", "Run the 24/7 trading loop (default: --sim)");
  cmd->add_flag("--sim", options->sim, "Simulated clock and exchange over stored/synthetic bars");
  cmd->add_flag("--dry-run", options->dry_run, "Alpaca market data, simulated fills");
  cmd->add_flag("--paper", options->paper, "Alpaca's paper account");
  cmd->add_flag("--live", options->live, "Real money (needs live_trading_confirmed)");
  cmd->add_option("--duration", options->duration, "How long: 3600, 90m, 24h, 7d")
      ->default_str("24h");
  cmd->add_option("--start", options->start, "Start time (RFC 3339; simulation only)");
  cmd->add_option("--pace", options->pace,
                  "--sim only: simulated seconds per real second (default: as fast as possible)")
      ->check(finite_number(0.001, 1e9));
  cmd->add_option("--clock", options->clock,
                  "Time of --dry-run/--paper/--live: system (default) or broker (the venue's "
                  "/v2/clock, e.g. fake_alpaca replaying faster than real time)");
  cmd->add_option("--http", options->http,
                  "Serve the dashboard on HOST:PORT while running (127.0.0.1:8080)");
  add_dashboard_options(*cmd, options->dashboard);
  cmd->add_option("--symbols", options->symbols,
                  "Comma-separated symbols replacing the universe (e.g. AAPL,BTC/USD)")
      ->delimiter(',');
  cmd->add_flag("--synthetic", options->synthetic,
                "--sim only: trade generated markets even when real bars are stored");
  cmd->add_flag("--json", options->json, "Every event as a JSON line, then a summary line");
  cmd->add_flag("--verbose", options->verbose, "Print scans, orders and fills too");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_autonomous(global, *options); };
  });
}

} // namespace crew::app
