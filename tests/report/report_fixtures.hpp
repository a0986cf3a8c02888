#pragma once
// Hand-made trades and a hand-filled state store for the report tests.
#include "state/records.hpp"
#include "state/state_store.hpp"

#include <string>

namespace crew::report::test {

inline core::UtcTime at(std::int64_t seconds) {
  return core::UtcTime::from_seconds(1'795'000'000 + seconds); // 2026-11-18T11:06:40Z + seconds
}

// A closed trade of `symbol` by `strategy` with net P&L `pnl`, exiting at at(exit_seconds).
inline state::TradeRecord trade(const char* symbol, const char* strategy, const char* pnl,
                                std::int64_t exit_seconds) {
  static int serial = 0;
  state::TradeRecord t;
  t.symbol = *core::classify_symbol(symbol);
  t.market = t.symbol.asset_class();
  t.strategy = strategy;
  t.entry_client_order_id = "entry-" + std::to_string(++serial);
  t.exit_client_order_id = "exit-" + std::to_string(serial);
  t.entry_time = at(exit_seconds - 600);
  t.exit_time = at(exit_seconds);
  t.entry_price = *core::parse_decimal("100");
  t.exit_price = *core::parse_decimal("101");
  t.qty = *core::parse_decimal("10");
  t.pnl = *core::parse_decimal(pnl);
  t.fees = *core::parse_decimal("0.5");
  t.exit_reason = "signal";
  return t;
}

} // namespace crew::report::test
