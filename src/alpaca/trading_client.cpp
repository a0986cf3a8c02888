// Paths and query strings of the trading API. Every non-GET goes through ApiClient::send, which
// never retries it; GETs go through ApiClient::get, which does.
#include "alpaca/trading_client.hpp"

#include "alpaca/json_mapping.hpp"

#include <spdlog/spdlog.h>

namespace crew::alpaca {
namespace {

core::Error error_of(const HttpResponse& response, const std::string& where) {
  return core::Error{describe_http_error(response), where};
}

bool success(const HttpResponse& response) {
  return response.status >= 200 && response.status < 300;
}

// A body that does not parse is fetched again a few times, as the market-data client does: a
// proxy or a dropped connection can garble an answer the server sent whole, and a GET is safe to
// repeat.
constexpr int k_malformed_refetches = 3;

template <typename Parse>
auto get_parsed(ApiClient& api, const std::string& path, const QueryParams& query, Parse parse)
    -> decltype(parse(std::string{})) {
  for (int attempt = 0;; ++attempt) {
    auto response = api.get(path, query);
    if (!response) {
      return response.error();
    }
    auto parsed = parse(response->body);
    if (parsed || attempt >= k_malformed_refetches) {
      return parsed;
    }
    spdlog::warn("alpaca: GET {} returned an unreadable body; fetching it again", path);
  }
}

} // namespace

HttpRefusal refusal_of(const HttpResponse& response) {
  HttpRefusal refusal;
  refusal.status = response.status;
  if (auto body = parse_error_body(response.body, ""); body) {
    refusal.code = body->code;
    refusal.message = body->message;
  } else {
    refusal.message = response.body.substr(0, 200);
  }
  return refusal;
}

TradingClient::TradingClient(ApiClient& trading) : m_trading(trading) {}

core::Result<core::Account> TradingClient::account() {
  return get_parsed(m_trading, "/v2/account", {},
                    [](const std::string& body) { return parse_account(body, "GET /v2/account"); });
}

core::Result<MarketClock> TradingClient::clock() {
  return get_parsed(m_trading, "/v2/clock", {},
                    [](const std::string& body) { return parse_clock(body, "GET /v2/clock"); });
}

core::Result<std::vector<core::Position>> TradingClient::positions() {
  return get_parsed(m_trading, "/v2/positions", {}, [](const std::string& body) {
    return parse_positions(body, "GET /v2/positions");
  });
}

core::Result<std::vector<core::Order>> TradingClient::orders(const std::string& status, int limit) {
  return get_parsed(m_trading, "/v2/orders", {{"status", status}, {"limit", std::to_string(limit)}},
                    [](const std::string& body) { return parse_orders(body, "GET /v2/orders"); });
}

PostOrderOutcome TradingClient::post_order(const core::OrderRequest& request) {
  PostOrderOutcome outcome;
  auto response = m_trading.send(HttpMethod::post, "/v2/orders", {}, order_request_json(request));
  if (!response) {
    outcome.transport_error = response.error().message();
    return outcome;
  }
  if (!success(*response)) {
    outcome.refusal = refusal_of(*response);
    return outcome;
  }
  auto order = parse_order(response->body, "POST /v2/orders");
  if (!order) {
    // A 2xx whose body is unreadable: the order exists but we cannot tell its state.
    outcome.transport_error = order.error().message();
    return outcome;
  }
  outcome.order = std::move(*order);
  return outcome;
}

core::Status TradingClient::cancel_order(const std::string& order_id) {
  const std::string path = "/v2/orders/" + order_id;
  auto response = m_trading.send(HttpMethod::del, path, {}, {}, "/v2/orders/{id}");
  if (!response) {
    return response.error();
  }
  if (!success(*response)) {
    return error_of(*response, "DELETE " + path);
  }
  return {};
}

core::Result<core::Order> TradingClient::close_position(const core::Symbol& symbol) {
  const std::string path = "/v2/positions/" + url_encode(symbol.position_form());
  auto response = m_trading.send(HttpMethod::del, path, {}, {}, "/v2/positions/{symbol}");
  if (!response) {
    return response.error();
  }
  if (!success(*response)) {
    return error_of(*response, "DELETE " + path);
  }
  return parse_order(response->body, "DELETE /v2/positions/{symbol}");
}

core::Result<std::vector<MultiStatusEntry>> TradingClient::cancel_all_orders() {
  auto response = m_trading.send(HttpMethod::del, "/v2/orders");
  if (!response) {
    return response.error();
  }
  if (!success(*response)) {
    return error_of(*response, "DELETE /v2/orders");
  }
  if (response->body.empty()) {
    return std::vector<MultiStatusEntry>{};
  }
  return parse_multi_status(response->body, "DELETE /v2/orders");
}

core::Result<std::vector<MultiStatusEntry>> TradingClient::close_all_positions() {
  auto response = m_trading.send(HttpMethod::del, "/v2/positions", {{"cancel_orders", "true"}});
  if (!response) {
    return response.error();
  }
  if (!success(*response)) {
    return error_of(*response, "DELETE /v2/positions");
  }
  if (response->body.empty()) {
    return std::vector<MultiStatusEntry>{};
  }
  return parse_multi_status(response->body, "DELETE /v2/positions");
}

core::Result<std::optional<core::Order>>
TradingClient::order_by_client_id(const std::string& client_order_id) {
  auto response = m_trading.send(HttpMethod::get, "/v2/orders:by_client_order_id",
                                 {{"client_order_id", client_order_id}});
  if (!response) {
    return response.error();
  }
  if (response->status == 404) {
    return std::optional<core::Order>{};
  }
  if (!success(*response)) {
    return error_of(*response, "GET /v2/orders:by_client_order_id");
  }
  auto order = parse_order(response->body, "GET /v2/orders:by_client_order_id");
  if (!order) {
    return order.error();
  }
  return std::optional<core::Order>{std::move(*order)};
}

core::Result<std::vector<core::Fill>> TradingClient::fill_activities(const ActivityQuery& query) {
  std::vector<core::Fill> all;
  std::optional<std::string> token;
  for (;;) {
    QueryParams params{{"direction", query.ascending ? "asc" : "desc"},
                       {"page_size", std::to_string(query.page_size)}};
    if (query.after) {
      params.emplace_back("after", core::format_rfc3339(*query.after));
    }
    if (query.until) {
      params.emplace_back("until", core::format_rfc3339(*query.until));
    }
    if (token) {
      params.emplace_back("page_token", *token);
    }
    auto page =
        get_parsed(m_trading, "/v2/account/activities/FILL", params, [](const std::string& body) {
          return parse_fill_activities(body, "GET /v2/account/activities/FILL");
        });
    if (!page) {
      return page.error();
    }
    const std::size_t count = page->size();
    for (auto& fill : *page) {
      all.push_back(std::move(fill));
    }
    if (count == 0 || count < static_cast<std::size_t>(query.page_size)) {
      return all;
    }
    token = all.back().id;
  }
}

core::Result<std::vector<Asset>> TradingClient::crypto_assets() {
  return get_parsed(m_trading, "/v2/assets", {{"status", "active"}, {"asset_class", "crypto"}},
                    [](const std::string& body) { return parse_assets(body, "GET /v2/assets"); });
}

} // namespace crew::alpaca
