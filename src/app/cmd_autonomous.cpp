// crew autonomous [--sim|--dry-run|--paper|--live] [--duration 3600|24h|7d] [--start TIME]
// [--json] [--verbose]: the 24/7 loop. Prints market switches, closed trades, halts and alerts as
// they happen (every event as a JSON line with --json) and a summary at the end.
#include "alerts/alert_monitor.hpp"
#include "alerts/log_sink.hpp"
#include "alerts/stall_watchdog.hpp"
#include "app/alert_sinks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/dashboard_options.hpp"
#include "app/systemd_notify.hpp"
#include "app/wiring.hpp"
#include "calendar/market_calendar.hpp"
#include "dashboard/dashboard_server.hpp"
#include "dashboard/live_state.hpp"
#include "engine/autonomous_loop.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

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
};

core::Result<core::Duration> parse_duration(const std::string& text) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    return core::Error{"'" + text + "' is not a duration such as 3600, 90m, 24h or 7d",
                       "--duration"};
  }
  const auto unit = text.substr(used);
  std::int64_t seconds = 0;
  if (unit.empty() || unit == "s") {
    seconds = value;
  } else if (unit == "m") {
    seconds = value * 60;
  } else if (unit == "h") {
    seconds = value * 3600;
  } else if (unit == "d") {
    seconds = value * 86'400;
  } else {
    return core::Error{"'" + text + "' is not a duration such as 3600, 90m, 24h or 7d",
                       "--duration"};
  }
  if (seconds <= 0) {
    return core::Error{"the duration must be positive", "--duration"};
  }
  return core::Duration{std::chrono::seconds{seconds}};
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

std::string market_text(std::optional<core::AssetClass> market) {
  return market ? std::string(core::to_string(*market)) : std::string("-");
}

int run_autonomous(const GlobalOptions& global, const AutonomousOptions& options) {
  const int modes =
      int{options.sim} + int{options.dry_run} + int{options.paper} + int{options.live};
  if (modes > 1) {
    return fail(k_exit_bad_input, "choose one of --sim, --dry-run, --paper, --live");
  }
  auto duration = parse_duration(options.duration);
  if (!duration) {
    return fail(k_exit_bad_input, duration.error().message());
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
  auto store = state::StateStore::open(context->paths.state_db,
                                       state::StoreOptions{mode != TradingMode::sim});
  if (!store) {
    return fail(k_exit_failure, store.error().message());
  }
  auto start = start_time(options, mode, *store, tick);
  if (!start) {
    return fail(k_exit_bad_input, start.error().message());
  }
  auto end = *start + *duration;
  if (options.pace < 0 || (options.pace > 0 && mode != TradingMode::sim)) {
    return fail(k_exit_bad_input, "--pace takes a positive number and only goes with --sim");
  }
  if (options.clock != "system" && options.clock != "broker") {
    return fail(k_exit_bad_input,
                "expected system or broker, got '" + options.clock + "' (--clock)");
  }
  if (options.clock == "broker" && mode == TradingMode::sim) {
    return fail(k_exit_bad_input, "--clock broker goes with --dry-run, --paper or --live");
  }
  auto wiring = wire(
      *context, SessionRequest{mode, *start, end, options.pace, options.clock == "broker"}, *store);
  if (!wiring) {
    return fail(mode == TradingMode::sim ? k_exit_failure : k_exit_bad_input,
                wiring.error().message());
  }
  if (mode != TradingMode::sim) {
    // Real sessions start when the wiring is done, by the clock they run on.
    *start = wiring->clock->now();
    end = *start + *duration;
  }
  if (auto set = store->set_setting("session.mode", std::string(to_string(mode)), *start); !set) {
    return fail(k_exit_failure, set.error().message());
  }

  const bool json = options.json;
  const bool verbose = options.verbose;
  engine::SessionSetup setup;
  setup.universe = wiring->universe;
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
                       notice.kind == Kind::alert;
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
        core::format_rfc3339(*start), core::format_rfc3339(end), calendar::format_new_york(*start),
        calendar::format_new_york(end), context->config.scheduler.tick_seconds);
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
  loop.end = end;
  loop.tick = tick;
  loop.backup_dir = context->paths.backup_dir;
  loop.backups_to_keep = context->config.scheduler.backups_to_keep;
  loop.stop = &g_stop;
  // Alerts: once per episode, to the log only in simulation (a simulated drawdown must not page
  // anyone), to every configured sink otherwise.
  std::vector<std::unique_ptr<alerts::AlertSink>> sinks;
  if (mode == TradingMode::sim) {
    sinks.push_back(std::make_unique<alerts::LogSink>());
  } else {
    sinks = make_alert_sinks(*context);
  }
  alerts::AlertMonitor monitor(context->config.alerts, *store, std::move(sinks));
  // Under systemd (Type=notify): ready when the loop starts, a watchdog ping after every tick.
  auto systemd = SystemdNotifier::from_environment();
  // The stall alert comes from a thread of its own, in real time: a hung loop cannot report itself.
  auto watchdog = std::make_unique<alerts::StallWatchdog>(
      monitor, [] { return engine::RealClock{}.now(); },
      alerts::StallWatchdog::check_interval(context->config.alerts.stall_seconds));
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
    health.last_loop_time.reset(); // stalls are the watchdog's to judge, by the real clock
    monitor.observe(health, at);
    watchdog->beat();
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
                  "--sim only: simulated seconds per real second (default: as fast as possible)");
  cmd->add_option("--clock", options->clock,
                  "Time of --dry-run/--paper/--live: system (default) or broker (the venue's "
                  "/v2/clock, e.g. fake_alpaca replaying faster than real time)");
  cmd->add_option("--http", options->http,
                  "Serve the dashboard on HOST:PORT while running (127.0.0.1:8080)");
  add_dashboard_options(*cmd, options->dashboard);
  cmd->add_flag("--json", options->json, "Every event as a JSON line, then a summary line");
  cmd->add_flag("--verbose", options->verbose, "Print scans, orders and fills too");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_autonomous(global, *options); };
  });
}

} // namespace crew::app
