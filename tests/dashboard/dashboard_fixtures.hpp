#pragma once
// A state store and a bar store filled by hand for the dashboard tests: a paper session at
// 2026-03-04T15:00:00Z (a Wednesday, 10:00 in New York: US_EQUITY open), two open positions, two
// closed trades, orders, alerts, a market switch, a risk refusal, an equity curve, a scan, and
// 15-minute AAPL bars of that morning.
#include "core/symbol.hpp"
#include "data/bar_store.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <string>

namespace crew::dashboard::test {

inline core::UtcTime fixture_now() {
  return *core::parse_rfc3339("2026-03-04T15:00:00Z");
}

inline core::UtcTime at(const char* text) {
  return *core::parse_rfc3339(text);
}

inline core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

inline state::PositionRecord position(const char* symbol, const char* qty, const char* entry,
                                      const char* opened) {
  state::PositionRecord r;
  r.position.symbol = *core::classify_symbol(symbol);
  r.position.qty = dec(qty);
  r.position.qty_available = dec(qty);
  r.position.avg_entry_price = dec(entry);
  r.position.cost_basis = dec(entry) * dec(qty);
  r.position.market_value = r.position.cost_basis + dec("25");
  r.position.current_price = dec(entry) + dec("2.5");
  r.position.unrealized_pl = dec("25");
  r.strategy = "macd";
  r.entry_client_order_id = std::string("tc-") + symbol;
  r.opened_at = at(opened);
  r.stop_price = dec("170");
  r.updated_at = at("2026-03-04T14:59:00Z");
  return r;
}

inline state::TradeRecord trade(const char* symbol, const char* entry, const char* exit,
                                const char* pnl) {
  state::TradeRecord t;
  t.symbol = *core::classify_symbol(symbol);
  t.market = t.symbol.asset_class();
  t.strategy = "rsi";
  t.entry_client_order_id = std::string("tc-in-") + symbol;
  t.exit_client_order_id = std::string("tc-out-") + symbol;
  t.entry_time = at(entry);
  t.exit_time = at(exit);
  t.entry_price = dec("100");
  t.exit_price = dec("102");
  t.qty = dec("3");
  t.pnl = dec(pnl);
  t.fees = dec("0.5");
  t.exit_reason = "signal";
  return t;
}

inline state::OrderRecord order(const char* id, const char* symbol) {
  core::OrderRequest request;
  request.symbol = *core::classify_symbol(symbol);
  request.qty = dec("3");
  request.client_order_id = id;
  state::OrderRecord record;
  record.order = core::make_order(request, at("2026-03-04T14:40:00Z"));
  record.strategy = "rsi";
  record.decision_time = at("2026-03-04T14:30:00Z");
  return record;
}

inline state::StateStore open_state(const std::filesystem::path& file) {
  auto opened = state::StateStore::open(file);
  EXPECT_TRUE(opened.ok()) << opened.error().message();
  return std::move(opened).value();
}

inline data::BarStore open_bars(const std::filesystem::path& file) {
  auto opened = data::BarStore::open(file);
  EXPECT_TRUE(opened.ok()) << opened.error().message();
  return std::move(opened).value();
}

// Fills `store` as described atop this file.
inline void fill_state(state::StateStore& store) {
  const auto t0 = at("2026-03-04T14:30:00Z");
  ASSERT_TRUE(store.set_setting("session.mode", "paper", t0).ok());
  ASSERT_TRUE(store.set_setting("account.equity", "100250.5", t0).ok());
  ASSERT_TRUE(store.update_high_water_mark(dec("101000"), t0).ok());
  ASSERT_TRUE(store
                  .ensure_daily_start_equity(
                      core::AssetClass::us_equity,
                      std::chrono::sys_days{std::chrono::year{2026} / std::chrono::March / 4},
                      dec("100000"), t0)
                  .ok());
  ASSERT_TRUE(store.record_heartbeat(at("2026-03-04T14:59:30Z")).ok());
  ASSERT_TRUE(store.upsert_position(position("AAPL", "10", "180", "2026-03-04T14:40:00Z")).ok());
  ASSERT_TRUE(
      store.upsert_position(position("BTC/USD", "0.5", "64000", "2026-03-04T02:00:00Z")).ok());
  ASSERT_TRUE(
      store.insert_trade(trade("AAPL", "2026-03-03T15:00:00Z", "2026-03-03T16:30:00Z", "120.5"))
          .ok());
  ASSERT_TRUE(
      store.insert_trade(trade("ETH/USD", "2026-03-04T01:00:00Z", "2026-03-04T03:00:00Z", "-20.25"))
          .ok());
  ASSERT_TRUE(store.insert_order(order("tc-o1", "AAPL")).ok());
  auto filled = order("tc-o2", "MSFT");
  ASSERT_TRUE(store.insert_order(filled).ok());
  filled.order.id = "broker-2";
  filled.order.status = core::OrderStatus::filled;
  filled.order.filled_qty = dec("3");
  ASSERT_TRUE(store.update_order(filled.order).ok());
  using state::Event;
  using state::EventKind;
  ASSERT_TRUE(store
                  .record_event(Event{0, at("2026-03-04T14:30:00Z"), EventKind::market_switch,
                                      core::AssetClass::us_equity, "CRYPTO -> US_EQUITY"})
                  .ok());
  ASSERT_TRUE(store
                  .record_event(Event{0, at("2026-03-04T14:31:00Z"), EventKind::alert,
                                      core::AssetClass::us_equity, "API quota above 80%"})
                  .ok());
  ASSERT_TRUE(store
                  .record_event(Event{0, at("2026-03-04T14:50:00Z"), EventKind::alert, std::nullopt,
                                      "loop \"stalled\" for 5 minutes"})
                  .ok());
  ASSERT_TRUE(store
                  .record_event(Event{0, at("2026-03-04T14:45:00Z"), EventKind::risk_refusal,
                                      core::AssetClass::us_equity, "MSFT refused: max positions"})
                  .ok());
  for (const char* t : {"2026-03-04T14:30:00Z", "2026-03-04T14:31:00Z", "2026-03-04T14:32:00Z"}) {
    ASSERT_TRUE(store.record_api_call(state::ApiCall{at(t), "GET /v2/account", 200}).ok());
  }
  ASSERT_TRUE(store.record_equity(at("2026-03-04T14:30:00Z"), dec("100000")).ok());
  ASSERT_TRUE(store.record_equity(at("2026-03-04T14:45:00Z"), dec("100100")).ok());
  ASSERT_TRUE(store.record_equity(at("2026-03-04T14:59:00Z"), dec("100250.5")).ok());
  ASSERT_TRUE(store
                  .record_scan(state::ScanRecord{0,
                                                 at("2026-03-04T14:55:00Z"),
                                                 core::AssetClass::us_equity,
                                                 20,
                                                 {{"AAPL", "macd", 0.82, 182.5, "macd crossed"},
                                                  {"MSFT", "rsi", 0.41, 410.0, "rsi 61"}}})
                  .ok());
}

// 15-minute AAPL bars from 13:00 to 15:00 UTC of the fixture day (the last is incomplete at 15:00).
inline void fill_bars(data::BarStore& bars) {
  data::BarSeries series(*core::classify_symbol("AAPL"), core::Timeframe::min15);
  const auto start = at("2026-03-04T13:00:00Z");
  for (int i = 0; i <= 8; ++i) {
    const double base = 180 + i;
    series.push_back(core::Bar{start + std::chrono::minutes{15 * i}, base, base + 1, base - 1,
                               base + 0.5, 1000.0 + i, 0, 0});
  }
  ASSERT_TRUE(bars.upsert(series).ok());
}

} // namespace crew::dashboard::test
