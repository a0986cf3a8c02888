#pragma once
// The inputs and outputs of the risk rules (design.md section 7): a snapshot of everything the
// rules look at, assembled by the engine from the broker and the state store, and the verdicts.
// The rules never fetch anything themselves, so each one is a pure function of these values.
#include "core/asset_class.hpp"
#include "core/decimal.hpp"
#include "core/order.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"
#include "execution/asset_rules.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crew::risk {

// One asset's venue limits (GET /v2/assets), as the brokers report them. An asset the state does
// not list is judged as one whose venue gave nothing: an equity then trades whole shares, crypto
// any 9-decimal qty.
using AssetRules = execution::AssetRules;

// A closed round trip, as much as the rules need (daily loss, pattern day trading).
struct ClosedTrade {
  core::Symbol symbol;
  core::UtcTime entry_time;
  core::UtcTime exit_time;
  core::Decimal pnl; // net of fees

  core::AssetClass market() const { return symbol.asset_class(); }
};

struct RiskState {
  core::Account account;
  std::vector<core::Position> positions;
  // Orders that are not final (sent or only decided), ours or anyone's on the account.
  std::vector<core::Order> open_orders;
  // When each entry order was sent; at least today's (UTC).
  std::vector<core::UtcTime> entry_times;
  // Closed trades; at least those of today and of the last 5 NYSE sessions.
  std::vector<ClosedTrade> trades;
  // Equity at the start of each market's current trading day (see market_day()).
  std::map<core::AssetClass, core::Decimal> daily_start_equity;
  std::optional<core::Decimal> high_water_mark;
  bool halted = false;
  std::string halt_reason;
  // Latest price per symbol text (BTC/USD, AAPL), for sizing market orders.
  std::map<std::string, core::Decimal> last_prices;
  std::map<std::string, AssetRules> assets;
  // Symbols the manipulation filter flagged, with its reason.
  std::map<std::string, std::string> flagged_symbols;
};

// Why an order was refused: the rule's name (stable, for logs and tests) and a one-line reason.
struct Refusal {
  std::string rule;
  std::string reason;

  bool operator==(const Refusal&) const = default;
};

// What the caller must do beyond refusing: alert, close one market's positions, or halt.
struct RiskAction {
  enum class Kind { alert, close_market_positions, halt_and_close_all };
  Kind kind = Kind::alert;
  std::optional<core::AssetClass> market;
  std::string message;

  bool operator==(const RiskAction&) const = default;
};

struct RiskVerdict {
  std::optional<Refusal> refusal;
  std::vector<RiskAction> actions;
  bool exit = false; // the order closes (part of) a position

  bool allowed() const { return !refusal.has_value(); }
};

} // namespace crew::risk
