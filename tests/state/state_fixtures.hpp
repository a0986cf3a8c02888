#pragma once
// Sample rows for the state store tests: orders, fills, trades and positions with plausible values.
#include "state/records.hpp"

#include <string>

namespace crew::state::sample {

inline core::UtcTime at(std::int64_t seconds) {
  return core::UtcTime::from_seconds(1'704'292'200 + seconds); // 2024-01-03T14:30:00Z + seconds
}

inline core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

inline OrderRecord intent(const std::string& client_order_id, const char* symbol = "AAPL",
                          core::Side side = core::Side::buy) {
  OrderRecord record;
  core::OrderRequest request;
  request.symbol = *core::classify_symbol(symbol);
  request.side = side;
  request.type = core::OrderType::market;
  request.time_in_force = request.symbol.asset_class() == core::AssetClass::crypto
                              ? core::TimeInForce::gtc
                              : core::TimeInForce::day;
  request.qty = dec("10");
  request.client_order_id = client_order_id;
  record.order = core::make_order(request, at(0));
  record.strategy = "rsi";
  record.purpose = side == core::Side::buy ? "entry" : "exit";
  record.reason = "rsi crossed 30";
  record.decision_time = at(-60);
  return record;
}

inline core::Fill fill(const std::string& id, const std::string& client_order_id,
                       const char* symbol = "AAPL") {
  core::Fill f;
  f.id = id;
  f.order_id = "broker-" + client_order_id;
  f.client_order_id = client_order_id;
  f.symbol = *core::classify_symbol(symbol);
  f.side = core::Side::buy;
  f.qty = dec("4");
  f.price = dec("189.25");
  f.fee = dec("0.01");
  f.time = at(5);
  return f;
}

inline TradeRecord trade(const std::string& entry, const std::string& exit, const char* pnl,
                         const char* symbol = "AAPL") {
  TradeRecord t;
  t.symbol = *core::classify_symbol(symbol);
  t.market = t.symbol.asset_class();
  t.strategy = "rsi";
  t.entry_client_order_id = entry;
  t.exit_client_order_id = exit;
  t.entry_time = at(0);
  t.exit_time = at(3600);
  t.entry_price = dec("100");
  t.exit_price = dec("101.5");
  t.qty = dec("10");
  t.pnl = dec(pnl);
  t.fees = dec("0.25");
  t.exit_reason = "signal";
  return t;
}

inline PositionRecord position(const char* symbol, const char* qty = "10") {
  PositionRecord r;
  r.position.symbol = *core::classify_symbol(symbol);
  r.position.qty = dec(qty);
  r.position.qty_available = dec(qty);
  r.position.avg_entry_price = dec("100.5");
  r.position.cost_basis = dec("1005");
  r.position.market_value = dec("1010");
  r.position.current_price = dec("101");
  r.position.unrealized_pl = dec("5");
  r.strategy = "macd";
  r.entry_client_order_id = "tc-entry";
  r.opened_at = at(0);
  r.stop_price = dec("97.25");
  r.updated_at = at(10);
  return r;
}

} // namespace crew::state::sample
