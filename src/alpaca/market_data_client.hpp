#pragma once
// MarketDataClient: typed calls for Alpaca's market-data REST API (bars, latest bars, snapshots)
// and the reference endpoints the data commands need (/v2/assets). Pagination is followed here:
// callers get whole results, or pages through a callback when they store as they go.
#include "alpaca/api_client.hpp"
#include "alpaca/market_types.hpp"
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "core/timeframe.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace crew::alpaca {

struct BarsRequest {
  std::vector<std::string> symbols; // BTC/USD or AAPL forms
  core::Timeframe timeframe = core::Timeframe::hour1;
  core::UtcTime start;
  core::UtcTime end;      // inclusive, as Alpaca's `end`
  int limit = 10'000;     // data points per page across all symbols (1-10000)
  std::string feed;       // stocks only: sip, iex, …; empty = server default
  std::string adjustment; // stocks only: raw, split, …; empty = server default
};

// Called with each page as it arrives; returning an Error stops the download with that error.
using PageSink = std::function<core::Status(const BarsPage& page)>;

struct AssetFilter {
  std::string status = "active"; // active | inactive | empty for any
  std::string asset_class;       // us_equity | crypto | empty for any
};

class MarketDataClient {
public:
  // `data` talks to the data URL; `trading` (may be the same object) to the trading URL, which
  // serves /v2/assets.
  MarketDataClient(ApiClient& data, ApiClient& trading);

  // /v2/stocks/bars or /v1beta3/crypto/us/bars (by `asset_class`), every page until
  // next_page_token is null, each handed to `sink`.
  core::Status bars(core::AssetClass asset_class, const BarsRequest& request, const PageSink& sink);
  // The same, gathered into one map by symbol.
  core::Result<std::map<std::string, std::vector<core::Bar>>> bars(core::AssetClass asset_class,
                                                                   const BarsRequest& request);
  core::Result<std::map<std::string, core::Bar>>
  latest_bars(core::AssetClass asset_class, const std::vector<std::string>& symbols,
              const std::string& feed = {});
  core::Result<Snapshots> snapshots(core::AssetClass asset_class,
                                    const std::vector<std::string>& symbols,
                                    const std::string& feed = {});
  core::Result<std::vector<Asset>> assets(const AssetFilter& filter);

private:
  core::Result<HttpResponse> get_parsable(std::string_view path, const QueryParams& query,
                                          const std::function<bool(const std::string&)>& parses);

  ApiClient& m_data;
  ApiClient& m_trading;
};

// Alpaca's timeframe text for a timeframe (1Min, 5Min, 15Min, 30Min, 1Hour, 4Hour, 1Day).
std::string alpaca_timeframe(core::Timeframe timeframe);

} // namespace crew::alpaca
