#pragma once
// The candles view: a symbol's completed bars from the bar store up to the view's "now", with its
// trades as markers (entries and exits placed on the bar that contains them) for the page's chart.
#include "core/symbol.hpp"
#include "core/timeframe.hpp"
#include "dashboard/view_context.hpp"
#include "data/bar_store.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace crew::dashboard {

struct CandleQuery {
  core::Symbol symbol;
  core::Timeframe timeframe = core::Timeframe::hour1;
  std::size_t limit = 500;
};

// Reads ?symbol=S&timeframe=T&limit=N; the timeframe defaults to the market's signal timeframe,
// the limit to 500 (at most 5000). Bad values are errors naming the parameter.
core::Result<CandleQuery> parse_candle_query(std::string_view symbol, std::string_view timeframe,
                                             std::string_view limit, const config::Config& config);

core::Result<nlohmann::json> candles_view(ViewContext& context, const data::BarStore& bars,
                                          const CandleQuery& query);

} // namespace crew::dashboard
