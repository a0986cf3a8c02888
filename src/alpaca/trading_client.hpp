#pragma once
// TradingClient: typed calls for Alpaca's trading REST API (alpaca-api.md section 3) over an
// ApiClient, which rate-limits and retries GETs. An order POST is sent once and never retried:
// its outcome is reported as it came (order, HTTP refusal, or no answer) so that the broker can
// look the order up by client_order_id before anything else.
#include "alpaca/api_client.hpp"
#include "alpaca/trading_json.hpp"
#include "core/order.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace crew::alpaca {

// A refusal with an HTTP status and Alpaca's error body.
struct HttpRefusal {
  int status = 0;
  std::optional<std::int64_t> code;
  std::string message;
};

// What a POST /v2/orders produced: the order, a definite HTTP answer that is not 2xx, or no
// answer at all (transport error; the order may or may not exist).
struct PostOrderOutcome {
  std::optional<core::Order> order;
  std::optional<HttpRefusal> refusal;
  std::optional<std::string> transport_error;
};

struct ActivityQuery {
  std::optional<core::UtcTime> after;
  std::optional<core::UtcTime> until;
  bool ascending = true;
  int page_size = 100;
};

class TradingClient {
public:
  explicit TradingClient(ApiClient& trading);

  core::Result<core::Account> account();
  core::Result<std::vector<core::Position>> positions();
  // GET /v2/clock: the venue's time and whether the US session is open.
  core::Result<MarketClock> clock();
  // status: "open", "closed" or "all"; up to 500, newest first as Alpaca sends them.
  core::Result<std::vector<core::Order>> orders(const std::string& status, int limit = 500);
  PostOrderOutcome post_order(const core::OrderRequest& request);
  // 204 → ok; anything else is an Error with the status and message.
  core::Status cancel_order(const std::string& order_id);
  // DELETE /v2/positions/{symbol in position form}: the closing order.
  core::Result<core::Order> close_position(const core::Symbol& symbol);
  // DELETE /v2/orders (207).
  core::Result<std::vector<MultiStatusEntry>> cancel_all_orders();
  // DELETE /v2/positions?cancel_orders=true (207).
  core::Result<std::vector<MultiStatusEntry>> close_all_positions();
  // GET /v2/orders:by_client_order_id; nullopt on 404.
  core::Result<std::optional<core::Order>> order_by_client_id(const std::string& client_order_id);
  // GET /v2/account/activities/FILL, every page (page_token = last id) until a short page.
  core::Result<std::vector<core::Fill>> fill_activities(const ActivityQuery& query);
  core::Result<std::vector<Asset>> crypto_assets();

private:
  ApiClient& m_trading;
};

// An HttpRefusal from a non-2xx response.
HttpRefusal refusal_of(const HttpResponse& response);

} // namespace crew::alpaca
