#pragma once
// The JSON forms of stored records, one shape for every program output that lists them (`crew
// trades --json`, the dashboard's API, the simulated exchange's saved state, fake_alpaca's
// book): money and quantities as exact decimal strings, times as RFC 3339, absent values null.
#include "state/records.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace crew::state {

nlohmann::json decimal_or_null(const std::optional<core::Decimal>& value);
nlohmann::json time_or_null(const std::optional<core::UtcTime>& value);

nlohmann::json trade_json(const TradeRecord& trade);

} // namespace crew::state
