#pragma once
// The Alpaca clients of one command run: one transport and one rate limiter shared by the data and
// trading base URLs (Alpaca's limit is per account), with the timeouts and retries of [alpaca].
#include "alpaca/api_client.hpp"
#include "alpaca/curl_transport.hpp"
#include "alpaca/market_data_client.hpp"
#include "alpaca/trading_client.hpp"
#include "app/context.hpp"

#include <memory>

namespace crew::app {

struct AlpacaSession {
  explicit AlpacaSession(const AppContext& context);
  AlpacaSession(const AlpacaSession&) = delete;
  AlpacaSession& operator=(const AlpacaSession&) = delete;

  // Every attempt either client puts on the wire is reported to `observer` (set before the first
  // request). The trading loop records them as its API calls.
  void report_requests_to(const alpaca::RequestObserver& observer);

  alpaca::CurlTransport transport;
  std::shared_ptr<alpaca::RateLimiter> limiter;
  alpaca::ApiClient data_api;
  alpaca::ApiClient trading_api;
  alpaca::MarketDataClient market_data;
  alpaca::TradingClient trading;
};

} // namespace crew::app
