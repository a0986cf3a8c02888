#pragma once
// The fill rules (docs/backtest-fills.md, docs/parity.md): where an order crosses a bar and at
// what price. Written once and used by the backtester (its market entries and exits and its
// resting stop) and by SimBroker (every order it holds), so a backtest and a `--sim` replay over
// the same bars fill at the same prices.
//
// - market: at the bar's open, moved against the trader by the slippage;
// - limit: when the bar trades through the limit, at the limit or the better open, no slippage;
// - stop: when the bar trades through the stop, at the stop or, when the bar gapped through it,
//   the open; moved by the slippage (it becomes a market order);
// - stop_limit: triggered as a stop, then a limit order: at the trigger price (moved by the
//   slippage, never past the limit) when that is within the limit; after a gap past the limit,
//   at the limit when the bar trades back to it; otherwise it keeps resting.
// Nothing here knows about time: the caller hands only bars that began after the order was sent.
#include "core/bar.hpp"
#include "core/order.hpp"

namespace crew::execution {

// Slippage in basis points of the price, always against the trader.
struct Slippage {
  double bps = 0.0;

  double fraction() const { return bps / 10'000.0; }
  double buy(double price) const { return price * (1.0 + fraction()); }
  double sell(double price) const { return price * (1.0 - fraction()); }
};

// The part of an order the rules look at; limit and stop are ignored by types that have none.
struct RestingOrder {
  core::OrderType type = core::OrderType::market;
  core::Side side = core::Side::buy;
  double limit = 0.0;
  double stop = 0.0;
};

struct Crossing {
  bool fills = false;
  double price = 0.0; // the fill price, slippage included
};

// The order that protects a long position at `stop_price`: a stop order for a US equity, and for
// crypto (where Alpaca takes no stop orders) a stop-limit whose limit is `limit_offset` below.
RestingOrder protective_stop(core::AssetClass asset_class, double stop_price, double limit_offset);

// Whether `order` fills inside `bar`, and at what price.
Crossing cross(const RestingOrder& order, const core::Bar& bar, const Slippage& slippage);

} // namespace crew::execution
