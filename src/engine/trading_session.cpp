// The tick of the 24/7 loop and its market-level steps: heartbeat, account refresh, market plan,
// scan and entries. Orders and positions are in trading_session_orders.cpp and
// trading_session_positions.cpp.
#include "engine/trading_session.hpp"

#include "calendar/market_calendar.hpp"
#include "execution/asset_rules.hpp"
#include "risk/position_sizing.hpp"
#include "risk/risk_rules.hpp"
#include "state/client_order_id.hpp"
#include "strategy/registry.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace crew::engine {

std::string_view to_string(SessionNotice::Kind kind) {
  switch (kind) {
  case SessionNotice::Kind::market_switch:
    return "market_switch";
  case SessionNotice::Kind::scan:
    return "scan";
  case SessionNotice::Kind::order:
    return "order";
  case SessionNotice::Kind::fill:
    return "fill";
  case SessionNotice::Kind::trade:
    return "trade";
  case SessionNotice::Kind::refusal:
    return "risk_refusal";
  case SessionNotice::Kind::alert:
    return "alert";
  case SessionNotice::Kind::halt:
    return "halt";
  case SessionNotice::Kind::strategies:
    return "strategies";
  }
  return "alert";
}

TradingSession::TradingSession(const config::Config& config, Clock& clock, broker::Broker& broker,
                               broker::MarketData& data, state::StateStore& store,
                               SessionSetup setup)
    : m_config(config), m_clock(clock), m_broker(broker), m_data(data), m_store(store),
      m_setup(std::move(setup)), m_scheduler(config.scheduler, config.scanner.trade_forex),
      m_risk(config) {
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    if (!m_setup.strategy_orders.contains(market)) {
      m_setup.strategy_orders.emplace(
          market, backtest::default_strategy_order(market, "no ranking given to the session"));
    }
  }
}

void TradingSession::announce_strategy_order(core::AssetClass market, core::UtcTime now) {
  // Once per session and market, before its first scan: the order its strategies are tried in,
  // and whether it is the ranking `crew backtest --all` stored or the default one.
  if (!m_strategies_announced.insert(market).second) {
    return;
  }
  const auto found = m_setup.strategy_orders.find(market);
  notify(SessionNotice::Kind::strategies, now, market,
         backtest::describe(
             found != m_setup.strategy_orders.end()
                 ? found->second
                 : backtest::default_strategy_order(market, "no ranking given to the session")));
}

void TradingSession::notify(SessionNotice::Kind kind, core::UtcTime now,
                            std::optional<core::AssetClass> market, const std::string& text) {
  // A risk refusal is the rules working, not a problem: one info line (and an event row).
  if (kind == SessionNotice::Kind::alert || kind == SessionNotice::Kind::halt) {
    spdlog::warn("{}: {}", to_string(kind), text);
  } else {
    spdlog::info("{}: {}", to_string(kind), text);
  }
  if (m_setup.on_notice) {
    m_setup.on_notice(SessionNotice{kind, now, market, text});
  }
}

core::Status TradingSession::tick() {
  const auto now = m_clock.now();
  ++m_stats.ticks;
  if (auto step = heartbeat(now); !step) {
    return step;
  }
  if (auto step = reconcile_fills(now); !step) {
    return step;
  }
  if (auto step = refresh_account(now); !step) {
    return step;
  }
  if (!m_account_fresh) {
    return {};
  }
  if (auto step = handle_halt(now); !step) {
    return step;
  }
  const auto halt = m_store.halt_state();
  if (!halt) {
    return halt.error();
  }
  if (!halt->halted) {
    auto state = risk_state(now);
    if (!state) {
      return state.error();
    }
    if (auto step = apply_risk_actions(m_risk.check_account(*state, now), now); !step) {
      return step;
    }
  }
  scan::PerformanceByMarket performance;
  if (const auto stored = m_store.market_performance(); stored) {
    for (const auto& p : *stored) {
      performance[p.market] = scan::MarketPerformance{
          static_cast<int>(p.trades), static_cast<int>(p.wins), p.total_pnl.to_double()};
    }
  }
  const auto plan = m_scheduler.plan(now, performance);
  note_market_plan(plan, now);
  if (auto step = manage_positions(plan, now); !step) {
    return step;
  }
  const auto halted_now = m_store.halt_state();
  if (plan.scan_due && halted_now && !halted_now->halted) {
    return scan_and_enter(plan, now);
  }
  return {};
}

core::Status TradingSession::heartbeat(core::UtcTime now) {
  if (const auto first = m_store.setting("session.first_heartbeat"); first && !first->has_value()) {
    if (auto set = m_store.set_setting("session.first_heartbeat", core::format_rfc3339(now), now);
        !set) {
      return set;
    }
  }
  return m_store.record_heartbeat(now);
}

core::Status TradingSession::refresh_account(core::UtcTime now) {
  // The broker unreachable is not the end of the loop: this tick cannot decide anything without
  // the account, so it says so and the next tick asks again.
  m_account_fresh = false;
  auto account = m_broker.account();
  if (!account) {
    notify(SessionNotice::Kind::alert, now, std::nullopt,
           "could not read the account: " + account.error().message());
    return {};
  }
  m_account = *account;
  auto positions = m_broker.positions();
  if (!positions) {
    notify(SessionNotice::Kind::alert, now, std::nullopt,
           "could not read the positions: " + positions.error().message());
    return {};
  }
  m_positions = *positions;
  if (auto synced = m_store.sync_positions(m_positions, now); !synced) {
    return synced;
  }
  std::vector<core::Symbol> held;
  for (const auto& p : m_positions) {
    held.push_back(p.symbol);
  }
  if (auto prices = m_data.latest_prices(held, now); prices) {
    for (const auto& [symbol, price] : *prices) {
      m_prices[symbol] = price;
    }
  }
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    const auto day = risk::market_day(market, now);
    if (m_market_day[market] != day) {
      if (auto set = m_store.ensure_daily_start_equity(market, day, m_account.equity, now); !set) {
        return set.error();
      }
      m_market_day[market] = day;
    }
  }
  if (auto mark = m_store.update_high_water_mark(m_account.equity, now); !mark) {
    return mark.error();
  }
  if (auto set = m_store.set_setting("account.equity", m_account.equity.to_string(), now); !set) {
    return set;
  }
  if (auto recorded = m_store.record_equity(now, m_account.equity); !recorded) {
    return recorded;
  }
  if (auto noted = m_store.note_open_positions(static_cast<std::int64_t>(m_positions.size()), now);
      !noted) {
    return noted;
  }
  m_account_fresh = true;
  return {};
}

void TradingSession::note_market_plan(const TickPlan& plan, core::UtcTime now) {
  if (!plan.switched_from) {
    return;
  }
  ++m_stats.market_switches;
  const auto text =
      fmt::format("{} -> {} at {} ({})", core::to_string(*plan.switched_from),
                  core::to_string(plan.market), calendar::format_new_york(now), plan.reason);
  if (const auto recorded = m_store.record_event(
          state::Event{0, now, state::EventKind::market_switch, plan.market, text});
      !recorded) {
    spdlog::warn("could not record the market switch: {}", recorded.error().message());
  }
  notify(SessionNotice::Kind::market_switch, now, plan.market, text);
}

scan::StrategyFactory TradingSession::strategies_of(core::AssetClass market) const {
  const auto& profile = m_config.profile(market);
  const auto& strategy_config = m_config.strategy;
  const auto found = m_setup.strategy_orders.find(market);
  auto names = found != m_setup.strategy_orders.end()
                   ? found->second.names
                   : backtest::default_strategy_order(market, "").names;
  return [names = std::move(names), &profile, &strategy_config] {
    return strategy::make_strategies(names, profile, strategy_config);
  };
}

core::Status TradingSession::scan_and_enter(const TickPlan& plan, core::UtcTime now) {
  const auto market = plan.market;
  if (!plan.entries_allowed) {
    spdlog::info("scan {} skipped: no new entries before the close", core::to_string(market));
    return {};
  }
  announce_strategy_order(market, now);
  const auto& profile = m_config.profile(market);
  // Flagged symbols are ranked, marked, so that the risk rule refuses their entries and the
  // refusal is recorded with the filter's reason (design.md section 7).
  const scan::Scanner scanner(market, profile, m_config.manipulation, strategies_of(market),
                              scan::FlaggedSymbols::ranked);
  const auto& symbols = m_setup.universe[market];
  auto bars = m_data.completed_bars(symbols, profile.signal_timeframe, scanner.bars_wanted(), now);
  if (!bars) {
    notify(SessionNotice::Kind::alert, now, market,
           "scan " + std::string(core::to_string(market)) + " failed: " + bars.error().message());
    return {};
  }
  std::vector<scan::ScanInput> inputs;
  for (const auto& symbol : symbols) {
    const auto found = bars->find(symbol.str());
    inputs.push_back(
        scan::ScanInput{symbol.str(), found == bars->end() ? data::BarSeries{} : found->second});
  }
  const auto result = scanner.scan(inputs, now);
  ++m_stats.scans;
  m_flagged[market] = result.flagged;
  state::ScanRecord record{0, now, market, static_cast<std::int64_t>(symbols.size()), {}};
  for (const auto& o : result.ranked) {
    record.ranked.push_back(
        state::ScanEntry{o.symbol, o.strategy, o.score, o.close,
                         o.flag.empty() ? o.reason : o.reason + " [flagged: " + o.flag + "]"});
  }
  if (auto recorded = m_store.record_scan(record); !recorded) {
    // The dashboard's view of the latest scan, not a trading record: trading goes on.
    spdlog::warn("could not record the {} scan: {}", core::to_string(market),
                 recorded.error().message());
  }
  std::string top;
  for (std::size_t i = 0; i < result.ranked.size() && i < 3; ++i) {
    top += fmt::format("{}{} {} {:.2f}", i == 0 ? "" : ", ", result.ranked[i].symbol,
                       result.ranked[i].strategy, result.ranked[i].score);
  }
  notify(SessionNotice::Kind::scan, now, market,
         fmt::format("{} {} symbols: {} signals{}{}", core::to_string(market), symbols.size(),
                     result.ranked.size(), top.empty() ? "" : ", top ", top));
  // The top `wanted` opportunities the manipulation filter did not flag are tried; a flagged one
  // is tried too (the risk rule refuses it, saying why) but takes no tradable symbol's place.
  const auto wanted = static_cast<std::size_t>(std::max(0, m_config.scanner.top));
  std::size_t tried = 0;
  for (std::size_t i = 0; i < result.ranked.size() && tried < wanted; ++i) {
    if (result.ranked[i].flag.empty()) {
      ++tried;
    }
    if (auto entered = try_entry(result.ranked[i], market, now); !entered) {
      return entered;
    }
  }
  return {};
}

core::Status TradingSession::try_entry(const scan::Opportunity& opportunity,
                                       core::AssetClass market, core::UtcTime now) {
  auto symbol = core::parse_symbol_as(opportunity.symbol, market);
  if (!symbol) {
    return {};
  }
  for (const auto& p : m_positions) {
    if (p.symbol == *symbol) {
      return {};
    }
  }
  // An order of ours still open in this symbol (an entry not filled yet, or one whose fate is
  // unknown) may yet become a position: a second entry could double it.
  auto open = m_store.open_orders();
  if (!open) {
    return open.error();
  }
  for (const auto& record : *open) {
    if (record.order.symbol == *symbol) {
      return {};
    }
  }
  const auto& profile = m_config.profile(market);
  // The stop distance from the ATR the scan computed on its bars (scan::Opportunity::atr).
  const double stop_distance = risk::stop_distance(m_config.strategy.stop_atr_mult,
                                                   profile.volatility_multiplier, opportunity.atr);
  double price = opportunity.close;
  if (auto prices = m_data.latest_prices({*symbol}, now);
      prices && prices->contains(symbol->str())) {
    price = prices->at(symbol->str());
  }
  const bool crypto = market == core::AssetClass::crypto;
  // What the venue says about the symbol: its minimums and increment, for the risk rules and for
  // the quantity step (execution::quantity_increment, the backtester's rule too).
  const auto venue_rules = m_broker.asset_rules(*symbol);
  const risk::PositionSizer sizer{
      profile.risk_per_trade, m_config.strategy.max_position_fraction,
      execution::quantity_increment(market, venue_rules ? &*venue_rules : nullptr)};
  const double qty = sizer.quantity(m_account.equity.to_double(), stop_distance, price);
  if (!(qty > 0)) {
    spdlog::info("entry {} {} skipped: size 0 (stop distance {:.4f})", symbol->str(),
                 opportunity.strategy, stop_distance);
    return {};
  }
  core::OrderRequest request;
  request.symbol = *symbol;
  request.side = core::Side::buy;
  request.type = core::OrderType::market;
  request.time_in_force = crypto ? core::TimeInForce::gtc : core::TimeInForce::day;
  request.qty = core::Decimal::from_double(qty);
  request.client_order_id = state::make_client_order_id(state::OrderDecision{
      *symbol, opportunity.strategy, core::Side::buy, opportunity.bar_time, 0});

  auto state = risk_state(now);
  if (!state) {
    return state.error();
  }
  state->last_prices[symbol->str()] = core::Decimal::from_double(price);
  if (venue_rules) {
    state->assets[symbol->str()] = *venue_rules;
  }
  const auto verdict = m_risk.check_order(*state, request, now);
  if (!verdict.allowed()) {
    ++m_stats.refusals;
    const auto text =
        fmt::format("{} buy {} {} refused by {}: {}", symbol->str(), request.qty.to_string(),
                    opportunity.strategy, verdict.refusal->rule, verdict.refusal->reason);
    if (auto recorded = m_store.record_event(
            state::Event{0, now, state::EventKind::risk_refusal, market, text});
        !recorded) {
      return recorded;
    }
    notify(SessionNotice::Kind::refusal, now, market, text);
    return apply_risk_actions(verdict.actions, now);
  }
  // Kept in the store, so the booking of the fill (maybe after a restart) protects the position
  // with the stop decided now: `stop_distance` below the entry's fill price, as in the backtest.
  if (auto kept = m_store.set_setting(k_entry_stop_distance_prefix + request.client_order_id,
                                      fmt::format("{:.9f}", stop_distance), now);
      !kept) {
    return kept;
  }
  // A venue that takes attached stops places the protective stop as the entry fills, so it
  // protects from the first price on (the backtester's stop rests from the entry bar on).
  if (m_setup.resting_stops) {
    (void)m_broker.attach_stop(
        request.client_order_id,
        broker::ProtectiveStop{stop_client_order_id(*symbol, opportunity.bar_time), stop_distance,
                               profile.stop_limit_offset});
  }
  auto placed =
      place(request, opportunity.strategy, "entry", opportunity.reason, opportunity.bar_time, now);
  if (!placed) {
    return placed.error();
  }
  if (placed->has_value()) {
    ++m_stats.entries[market];
  }
  return {};
}

} // namespace crew::engine
