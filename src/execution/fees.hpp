#pragma once
// The fee rule (design.md section 6, alpaca-api.md): a rate on each fill's notional. Alpaca takes
// a crypto buy's fee in the coin received (the position holds qty·(1 − rate) coins) and a sale's in
// USD; US equities pay none. One rule for the backtester, SimBroker and the loop's booking, so a
// backtest's P&L is what the venue would leave in the account.
#include "core/asset_class.hpp"

namespace crew::execution {

struct BuyFill {
  double cash_paid = 0.0;    // what leaves the cash
  double qty_received = 0.0; // what the position gains
  double fee_value = 0.0;    // the fee in USD (a coin fee at the fill price)
};

struct SellFill {
  double cash_received = 0.0;
  double fee_value = 0.0;
};

struct FeeRule {
  double rate = 0.0;    // per side, on notional
  bool in_coin = false; // a buy's fee taken from the coins received (crypto)

  BuyFill buy(double qty, double price) const;
  SellFill sell(double qty, double price) const;
};

// The rule of a market: crypto's buy fee in the coin, US equities' in cash.
FeeRule fee_rule(core::AssetClass asset_class, double rate);

// A closed round trip's P&L: `qty_sold` coins or shares bought at `entry_price` (the buy's fill
// price) and sold at `exit_price`, less both fills' fees. With the buy's fee taken in the coin,
// qty_sold·entry + entry fee is exactly the cash the buy paid, so this is the cash the trip made.
double round_trip_pnl(double qty_sold, double entry_price, double exit_price, double fees);

} // namespace crew::execution
