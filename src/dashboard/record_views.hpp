#pragma once
// The record views of the dashboard's JSON API: open positions, closed trades, the equity curve,
// the latest scan and the alerts. Lists come newest first, capped by `limit`.
#include "dashboard/view_context.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>

namespace crew::dashboard {

core::Result<nlohmann::json> positions_view(ViewContext& context);
core::Result<nlohmann::json> trades_view(ViewContext& context, std::size_t limit,
                                         std::optional<core::AssetClass> market = std::nullopt);
// The stored curve (one point per tick, thinned to max_points) with the source "history"; a
// store without one (sessions before the loop recorded it) gets the realised curve rebuilt from
// the trades, ending at the current equity, with the source "trades".
core::Result<nlohmann::json> equity_view(ViewContext& context, std::size_t max_points);
core::Result<nlohmann::json> scan_view(ViewContext& context);
core::Result<nlohmann::json> alerts_view(ViewContext& context, std::size_t limit);

} // namespace crew::dashboard
