#pragma once
// The individual risk rules, one function each, grouped by family in position_limits.cpp,
// loss_limits.cpp, order_checks.cpp and pdt_guard.cpp. Each returns a Refusal when the proposed
// order breaks it; RiskManager runs them in order. Public so each rule is tested on its own.
#include "config/config.hpp"
#include "risk/risk_state.hpp"

#include <chrono>
#include <optional>

namespace crew::risk {

// The limits of design.md section 7 in the units the rules compare.
struct RiskLimits {
  int max_open_positions = 3;
  int max_entries_per_day = 12;
  double daily_loss_us_equity = 0.05; // fraction of the market's start-of-day equity
  double daily_loss_crypto = 0.07;
  bool close_on_daily_loss = true;
  double max_drawdown = 0.10; // fraction below the high-water mark
  core::Decimal pdt_equity_threshold = core::Decimal::from_int(25'000);
  int pdt_max_day_trades = 3;
  core::Decimal crypto_min_notional = core::Decimal::from_int(10);
  double max_position_fraction = 1.0 / 3.0;

  static RiskLimits from_config(const config::RiskConfig& risk, double max_position_fraction);
};

// One proposed order with what the rules derive from it once.
struct OrderContext {
  const RiskState& state;
  const core::OrderRequest& request;
  core::UtcTime now;
  const RiskLimits& limits;
  std::optional<core::Decimal> price;    // limit, stop or last price
  std::optional<core::Decimal> notional; // request.notional or qty · price
  bool exit = false;                     // a sell that closes (part of) a held position
};

// Builds the context: the price to judge by and whether the order is an exit.
OrderContext make_context(const RiskState& state, const core::OrderRequest& request,
                          core::UtcTime now, const RiskLimits& limits);

// The trading day of `market` that contains `t`: the New York date for US_EQUITY (its session
// date), the UTC date for CRYPTO and FOREX. Daily start equity is keyed by this day.
std::chrono::sys_days market_day(core::AssetClass market, core::UtcTime t);

// --- position_limits.cpp ---
std::optional<Refusal> check_no_short(const OrderContext& c);
std::optional<Refusal> check_duplicate_order(const OrderContext& c);
std::optional<Refusal> check_max_open_positions(const OrderContext& c);
std::optional<Refusal> check_entries_per_day(const OrderContext& c);
std::optional<Refusal> check_position_size(const OrderContext& c);

// --- loss_limits.cpp ---
std::optional<Refusal> check_halted(const OrderContext& c);
// Drawdown from the high-water mark at or beyond the limit: a halt action.
std::optional<RiskAction> drawdown_breach(const RiskState& state, const RiskLimits& limits);
// The market's loss today (realised + unrealised) at or beyond its limit: alert/close actions.
std::optional<RiskAction> daily_loss_breach(const RiskState& state, core::AssetClass market,
                                            core::UtcTime now, const RiskLimits& limits);
// The market's loss since the start of its trading day (positive = loss).
core::Decimal daily_loss(const RiskState& state, core::AssetClass market, core::UtcTime now);

// --- order_checks.cpp ---
std::optional<Refusal> check_valid_request(const OrderContext& c);
std::optional<Refusal> check_market_open(const OrderContext& c);
std::optional<Refusal> check_account_can_trade(const OrderContext& c);
std::optional<Refusal> check_manipulation(const OrderContext& c);
std::optional<Refusal> check_price_known(const OrderContext& c);
std::optional<Refusal> check_buying_power(const OrderContext& c);
std::optional<Refusal> check_min_order_size(const OrderContext& c);
std::optional<Refusal> check_increment(const OrderContext& c);

// --- pdt_guard.cpp ---
// Day trades (US_EQUITY round trips opened and closed on one New York date) in the last 5 NYSE
// sessions up to the one containing or preceding `now`.
int count_day_trades(const std::vector<ClosedTrade>& trades, core::UtcTime now);
std::optional<Refusal> check_pattern_day_trader(const OrderContext& c);

} // namespace crew::risk
