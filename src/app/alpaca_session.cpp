#include "app/alpaca_session.hpp"

namespace crew::app {
namespace {

alpaca::ApiClientSettings settings_for(const AppContext& context, const std::string& url) {
  const auto& settings = context.config.alpaca;
  return {url, std::chrono::milliseconds{settings.timeout_ms},
          alpaca::RetrySettings{settings.max_retries, std::chrono::milliseconds{250},
                                std::chrono::milliseconds{30'000}},
          0};
}

} // namespace

AlpacaSession::AlpacaSession(const AppContext& context)
    : limiter(std::make_shared<alpaca::RateLimiter>(context.config.alpaca.requests_per_minute)),
      data_api(transport, limiter, settings_for(context, context.config.alpaca.data_url),
               {context.keys.key_id, context.keys.secret_key}),
      trading_api(transport, limiter, settings_for(context, context.config.alpaca.trading_url),
                  {context.keys.key_id, context.keys.secret_key}),
      market_data(data_api, trading_api), trading(trading_api) {}

void AlpacaSession::report_requests_to(const alpaca::RequestObserver& observer) {
  data_api.set_observer(observer);
  trading_api.set_observer(observer);
}

} // namespace crew::app
