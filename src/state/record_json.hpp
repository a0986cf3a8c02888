#pragma once
// The JSON form of a closed trade, one shape for every program output that lists trades
// (`crew trades --json`, the dashboard's /api/trades): money and quantities as exact decimal
// strings, times as RFC 3339.
#include "state/records.hpp"

#include <nlohmann/json.hpp>

namespace crew::state {

nlohmann::json trade_json(const TradeRecord& trade);

} // namespace crew::state
