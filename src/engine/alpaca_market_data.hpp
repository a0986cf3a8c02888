#pragma once
// AlpacaMarketData: the MarketData port on Alpaca's market-data API, for --dry-run, --paper and
// --live. It keeps the bars it has seen per symbol and timeframe and asks only for the newer ones,
// several symbols per request (one request per asset class), so a tick costs a request or two;
// only bars completed by `now` are handed out, as in simulation.
#include "alpaca/market_data_client.hpp"
#include "broker/market_data.hpp"

#include <map>
#include <string>

namespace crew::engine {

class AlpacaMarketData final : public broker::MarketData {
public:
  // `feed`: the stock data feed (iex, sip); crypto has none.
  AlpacaMarketData(alpaca::MarketDataClient& client, std::string feed);

  core::Result<std::map<std::string, data::BarSeries>>
  completed_bars(const std::vector<core::Symbol>& symbols, core::Timeframe timeframe,
                 std::size_t count, core::UtcTime now) override;
  core::Result<std::map<std::string, double>>
  latest_prices(const std::vector<core::Symbol>& symbols, core::UtcTime now) override;

private:
  using Key = std::pair<std::string, core::Timeframe>;
  // Fetches what the cache lacks for `symbols` (one asset class) up to `now`.
  core::Status refresh(core::AssetClass market, const std::vector<core::Symbol>& symbols,
                       core::Timeframe timeframe, std::size_t count, core::UtcTime now);

  alpaca::MarketDataClient& m_client;
  std::string m_feed;
  std::map<Key, data::BarSeries> m_cache;
};

// How far back `count` bars of `timeframe` reach for a market, with room for nights, weekends
// and holidays when the market does not trade around the clock.
core::Duration lookback(core::AssetClass market, core::Timeframe timeframe, std::size_t count);

} // namespace crew::engine
