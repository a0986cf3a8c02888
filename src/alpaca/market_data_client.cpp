// Paths and parameters per alpaca-api.md section 4. Pagination repeats the request with
// page_token and the other parameters unchanged until next_page_token is null. A 200 whose body
// does not parse is fetched again like a 5xx (GETs are idempotent), then reported.
#include "alpaca/market_data_client.hpp"

#include "alpaca/json_mapping.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace crew::alpaca {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += ',';
    }
    out += item;
  }
  return out;
}

bool is_crypto(core::AssetClass asset_class) {
  return asset_class == core::AssetClass::crypto;
}

constexpr int k_malformed_refetches = 3;

} // namespace

std::string alpaca_timeframe(core::Timeframe timeframe) {
  return std::string(core::to_string(timeframe));
}

MarketDataClient::MarketDataClient(ApiClient& data, ApiClient& trading)
    : m_data(data), m_trading(trading) {}

core::Result<HttpResponse>
MarketDataClient::get_parsable(std::string_view path, const QueryParams& query,
                               const std::function<bool(const std::string&)>& parses) {
  for (int attempt = 0;; ++attempt) {
    auto response = m_data.get(path, query);
    if (!response || parses(response->body) || attempt >= k_malformed_refetches) {
      return response;
    }
    spdlog::warn("alpaca: GET {} returned an unreadable body; fetching it again", path);
  }
}

core::Status MarketDataClient::bars(core::AssetClass asset_class, const BarsRequest& request,
                                    const PageSink& sink) {
  const std::string path = is_crypto(asset_class) ? "/v1beta3/crypto/us/bars" : "/v2/stocks/bars";
  QueryParams query = {{"symbols", join(request.symbols)},
                       {"timeframe", alpaca_timeframe(request.timeframe)},
                       {"start", core::format_rfc3339(request.start)},
                       {"end", core::format_rfc3339(request.end)},
                       {"limit", std::to_string(std::clamp(request.limit, 1, 10'000))}};
  if (!is_crypto(asset_class)) {
    if (!request.feed.empty()) {
      query.emplace_back("feed", request.feed);
    }
    if (!request.adjustment.empty()) {
      query.emplace_back("adjustment", request.adjustment);
    }
  }
  const auto parses = [&path](const std::string& body) { return parse_bars_page(body, path).ok(); };
  std::optional<std::string> token;
  do {
    QueryParams paged = query;
    if (token) {
      paged.emplace_back("page_token", *token);
    }
    auto response = get_parsable(path, paged, parses);
    if (!response) {
      return response.error();
    }
    auto page = parse_bars_page(response->body, path);
    if (!page) {
      return page.error();
    }
    if (auto stored = sink(*page); !stored) {
      return stored;
    }
    if (page->next_page_token && page->next_page_token == token) {
      return core::Error{"the server repeated the same next_page_token", "GET " + path};
    }
    token = page->next_page_token;
  } while (token);
  return {};
}

core::Result<std::map<std::string, std::vector<core::Bar>>>
MarketDataClient::bars(core::AssetClass asset_class, const BarsRequest& request) {
  std::map<std::string, std::vector<core::Bar>> all;
  auto done = bars(asset_class, request, [&all](const BarsPage& page) -> core::Status {
    for (const auto& [symbol, bars] : page.bars) {
      auto& into = all[symbol];
      into.insert(into.end(), bars.begin(), bars.end());
    }
    return {};
  });
  if (!done) {
    return done.error();
  }
  return all;
}

core::Result<std::map<std::string, core::Bar>>
MarketDataClient::latest_bars(core::AssetClass asset_class, const std::vector<std::string>& symbols,
                              const std::string& feed) {
  const std::string path =
      is_crypto(asset_class) ? "/v1beta3/crypto/us/latest/bars" : "/v2/stocks/bars/latest";
  QueryParams query = {{"symbols", join(symbols)}};
  if (!is_crypto(asset_class) && !feed.empty()) {
    query.emplace_back("feed", feed);
  }
  auto response = get_parsable(
      path, query, [&path](const std::string& body) { return parse_latest_bars(body, path).ok(); });
  if (!response) {
    return response.error();
  }
  return parse_latest_bars(response->body, path);
}

core::Result<Snapshots> MarketDataClient::snapshots(core::AssetClass asset_class,
                                                    const std::vector<std::string>& symbols,
                                                    const std::string& feed) {
  const bool crypto = is_crypto(asset_class);
  const std::string path = crypto ? "/v1beta3/crypto/us/snapshots" : "/v2/stocks/snapshots";
  QueryParams query = {{"symbols", join(symbols)}};
  if (!crypto && !feed.empty()) {
    query.emplace_back("feed", feed);
  }
  const auto parse = [crypto, &path](const std::string& body) {
    return crypto ? parse_crypto_snapshots(body, path) : parse_stock_snapshots(body, path);
  };
  auto response =
      get_parsable(path, query, [&parse](const std::string& body) { return parse(body).ok(); });
  if (!response) {
    return response.error();
  }
  return parse(response->body);
}

core::Result<std::vector<Asset>> MarketDataClient::assets(const AssetFilter& filter) {
  const std::string path = "/v2/assets";
  QueryParams query;
  if (!filter.status.empty()) {
    query.emplace_back("status", filter.status);
  }
  if (!filter.asset_class.empty()) {
    query.emplace_back("asset_class", filter.asset_class);
  }
  for (int attempt = 0;; ++attempt) {
    auto response = m_trading.get(path, query);
    if (!response) {
      return response.error();
    }
    auto assets = parse_assets(response->body, path);
    if (assets || attempt >= k_malformed_refetches) {
      return assets;
    }
  }
}

} // namespace crew::alpaca
