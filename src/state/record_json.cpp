#include "state/record_json.hpp"

namespace crew::state {

nlohmann::json decimal_or_null(const std::optional<core::Decimal>& value) {
  return value ? nlohmann::json(value->to_string()) : nlohmann::json(nullptr);
}

nlohmann::json time_or_null(const std::optional<core::UtcTime>& value) {
  return value ? nlohmann::json(core::format_rfc3339(*value)) : nlohmann::json(nullptr);
}

nlohmann::json trade_json(const TradeRecord& t) {
  return {{"id", t.id},
          {"market", std::string(core::to_string(t.market))},
          {"symbol", t.symbol.str()},
          {"strategy", t.strategy},
          {"entry_time", core::format_rfc3339(t.entry_time)},
          {"exit_time", core::format_rfc3339(t.exit_time)},
          {"entry_price", t.entry_price.to_string()},
          {"exit_price", t.exit_price.to_string()},
          {"qty", t.qty.to_string()},
          {"fees", t.fees.to_string()},
          {"pnl", t.pnl.to_string()},
          {"exit_reason", t.exit_reason},
          {"entry_client_order_id", t.entry_client_order_id},
          {"exit_client_order_id", t.exit_client_order_id}};
}

} // namespace crew::state
