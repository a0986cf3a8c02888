#include "execution/fees.hpp"

namespace crew::execution {

BuyFill FeeRule::buy(double qty, double price) const {
  const double notional = qty * price;
  if (in_coin) {
    const double coin_fee = qty * rate;
    return {notional, qty - coin_fee, coin_fee * price};
  }
  const double fee = notional * rate;
  return {notional + fee, qty, fee};
}

SellFill FeeRule::sell(double qty, double price) const {
  const double notional = qty * price;
  const double fee = notional * rate;
  return {notional - fee, fee};
}

FeeRule fee_rule(core::AssetClass asset_class, double rate) {
  return FeeRule{rate, asset_class == core::AssetClass::crypto};
}

double round_trip_pnl(double qty_sold, double entry_price, double exit_price, double fees) {
  return qty_sold * (exit_price - entry_price) - fees;
}

} // namespace crew::execution
