#pragma once
// A healthy starting point for the risk tests: a $100,000 account with no positions on a Wednesday
// at 10:00 New York (the NYSE is open), and order requests to vary one field at a time.
#include "risk/risk_rules.hpp"

#include <string>

namespace crew::risk::sample {

// 2024-01-03T15:00:00Z = Wednesday 10:00 New York.
inline core::UtcTime now() {
  return *core::parse_rfc3339("2024-01-03T15:00:00Z");
}
inline core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}
inline core::Symbol sym(const char* text) {
  return *core::classify_symbol(text);
}

inline RiskState state() {
  RiskState s;
  s.account.equity = dec("100000");
  s.account.last_equity = dec("100000");
  s.account.cash = dec("100000");
  s.account.buying_power = dec("200000");
  s.account.non_marginable_buying_power = dec("100000");
  s.last_prices = {{"AAPL", dec("190")},
                   {"MSFT", dec("370")},
                   {"BTC/USD", dec("42000")},
                   {"ETH/USD", dec("2200")},
                   {"SPY", dec("470")}};
  s.assets["BTC/USD"] = AssetRules{.tradable = true,
                                   .fractionable = true,
                                   .min_order_size = dec("0.000010954"),
                                   .min_trade_increment = dec("0.000000001")};
  s.assets["AAPL"] = AssetRules{
      .tradable = true, .fractionable = true, .min_order_size = {}, .min_trade_increment = {}};
  s.daily_start_equity = {{core::AssetClass::us_equity, dec("100000")},
                          {core::AssetClass::crypto, dec("100000")}};
  s.high_water_mark = dec("100000");
  return s;
}

inline core::OrderRequest buy(const char* symbol, const char* qty) {
  core::OrderRequest r;
  r.symbol = sym(symbol);
  r.side = core::Side::buy;
  r.type = core::OrderType::market;
  r.time_in_force = r.symbol.asset_class() == core::AssetClass::crypto ? core::TimeInForce::gtc
                                                                       : core::TimeInForce::day;
  r.qty = dec(qty);
  r.client_order_id = std::string("tc-test-") + symbol;
  return r;
}

inline core::OrderRequest sell(const char* symbol, const char* qty) {
  core::OrderRequest r = buy(symbol, qty);
  r.side = core::Side::sell;
  return r;
}

inline core::Position position(const char* symbol, const char* qty, const char* value,
                               const char* unrealized = "0") {
  core::Position p;
  p.symbol = sym(symbol);
  p.qty = dec(qty);
  p.qty_available = dec(qty);
  p.market_value = dec(value);
  p.unrealized_pl = dec(unrealized);
  return p;
}

inline core::Order open_order(const char* symbol, core::Side side = core::Side::buy) {
  core::OrderRequest r = buy(symbol, "1");
  r.side = side;
  core::Order o = core::make_order(r, now());
  o.status = core::OrderStatus::new_;
  return o;
}

inline ClosedTrade closed(const char* symbol, const char* entry, const char* exit,
                          const char* pnl) {
  return ClosedTrade{sym(symbol), *core::parse_rfc3339(entry), *core::parse_rfc3339(exit),
                     dec(pnl)};
}

inline const RiskLimits& limits() {
  static const RiskLimits defaults;
  return defaults;
}

} // namespace crew::risk::sample
