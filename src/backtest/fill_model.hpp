#pragma once
// FillModel: the prices at which the backtester's market orders fill (design.md section 6,
// docs/backtest-fills.md). Every fill is moved against the trader by `slippage_bps`: buys pay
// more, sells receive less. It knows nothing of bars beyond the price it is handed.
namespace crew::backtest {

struct FillModel {
  double slippage_bps = 0.0;

  double slippage_fraction() const { return slippage_bps / 10'000.0; }
  // A market buy at `price` (the next bar's open).
  double buy(double price) const { return price * (1.0 + slippage_fraction()); }
  // A market sell at `price` (the next bar's open, the session's last close, the last close).
  double sell(double price) const { return price * (1.0 - slippage_fraction()); }
  // A long position's stop hit inside a bar that opened at `open`: a gap through the stop fills
  // at the open, otherwise at the stop; either less slippage.
  double stop(double open, double stop_price) const {
    return sell(open < stop_price ? open : stop_price);
  }
};

} // namespace crew::backtest
