// The trading routes of alpaca-api.md section 3 over a TradingBook, plus two test controls:
// POST /_fake/clock {"now": RFC3339} moves the fake clock, POST /_fake/price
// {"symbol": "BTC/USD", "price": 100} pins a replay price, and POST /_fake/faults
// {"drop_next_order_response": true} applies the next order POST but drops its response (the
// client must recover by client_order_id). Replay price = the close of the latest bar of the
// finest timeframe whose time is at or before the fake now.
#include "trading_routes.hpp"

#include "alpaca/trading_json.hpp"
#include "calendar/market_calendar.hpp"

#include <algorithm>

namespace crew::fake_alpaca {
namespace {

using nlohmann::json;

void answer(httplib::Response& res, const Answer& a) {
  if (a.status == 204) {
    res.status = 204;
    return;
  }
  send_json(res, a.status, a.body);
}

} // namespace

TradingRoutes::TradingRoutes(const BarSource& source, FakeClock& clock, TradingBook& book)
    : m_source(source), m_clock(clock), m_book(book) {}

std::optional<double> TradingRoutes::price(const core::Symbol& symbol, core::UtcTime now) const {
  {
    const std::lock_guard lock(m_mutex);
    if (auto pinned = m_pinned.find(symbol.str()); pinned != m_pinned.end()) {
      return pinned->second;
    }
  }
  const SymbolBars* bars = m_source.find(symbol.str());
  if (bars == nullptr) {
    return std::nullopt;
  }
  const data::BarSeries* series = BarSource::finest(*bars);
  if (series == nullptr || series->empty()) {
    return std::nullopt;
  }
  const auto times = series->time();
  const auto after = std::upper_bound(times.begin(), times.end(), now);
  if (after == times.begin()) {
    return series->close()[0]; // before the first bar: its close (the replay has not begun)
  }
  return series->close()[static_cast<std::size_t>(after - times.begin() - 1)];
}

MarketView TradingRoutes::view() const {
  MarketView market;
  market.now = m_clock.now();
  const core::UtcTime now = market.now;
  market.price = [this, now](const core::Symbol& symbol) { return price(symbol, now); };
  market.equity_session_open = calendar::is_open(core::AssetClass::us_equity, now);
  return market;
}

void TradingRoutes::add(httplib::Server& server) {
  auto locked = [this](auto&& body) {
    return [this, body](const httplib::Request& req, httplib::Response& res) {
      const MarketView market = view();
      const std::lock_guard lock(m_book.mutex());
      m_book.advance(market);
      body(req, res, market);
    };
  };
  server.Get("/v2/account", locked([this](const auto&, auto& res, const MarketView& market) {
               answer(res, m_book.account(market));
             }));
  server.Get("/v2/positions", locked([this](const auto&, auto& res, const MarketView& market) {
               answer(res, m_book.positions(market));
             }));
  server.Get("/v2/orders", locked([this](const httplib::Request& req, auto& res, const auto&) {
               const std::string status =
                   req.has_param("status") ? req.get_param_value("status") : "open";
               answer(res, m_book.orders(status, req.get_param_value("direction") == "asc"));
             }));
  server.Get("/v2/orders:by_client_order_id",
             locked([this](const httplib::Request& req, auto& res, const auto&) {
               answer(res, m_book.order_by_client_id(req.get_param_value("client_order_id")));
             }));
  server.Post("/v2/orders", locked([this](const httplib::Request& req, httplib::Response& res,
                                          const MarketView& market) {
                auto request = alpaca::parse_order_request(req.body, "POST /v2/orders");
                if (!request) {
                  send_error(res, 422, 40010001, request.error().what);
                  return;
                }
                if (request->client_order_id.empty()) {
                  request->client_order_id = "auto-" + std::to_string(m_auto_ids++);
                }
                // OrderRequest has no order_class; the venue rules need it (3.5).
                const json body = json::parse(req.body, nullptr, false);
                const json* order_class = body.is_object() && body.contains("order_class")
                                              ? &body["order_class"]
                                              : nullptr;
                answer(res, m_book.submit(*request, market,
                                          order_class != nullptr && order_class->is_string()
                                              ? order_class->get<std::string>()
                                              : std::string()));
                if (m_drop_next_order.exchange(false)) {
                  res.set_content_provider(
                      1024, "application/json",
                      [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
                }
              }));
  server.Delete("/v2/orders", locked([this](const auto&, auto& res, const MarketView& market) {
                  answer(res, m_book.cancel_all(market.now));
                }));
  server.Delete(R"(/v2/orders/([^/]+))",
                locked([this](const httplib::Request& req, auto& res, const MarketView& market) {
                  answer(res, m_book.cancel(req.matches[1].str(), market.now));
                }));
  server.Delete("/v2/positions", locked([this](const auto&, auto& res, const MarketView& market) {
                  answer(res, m_book.close_all(market));
                }));
  server.Delete(R"(/v2/positions/([^/]+))",
                locked([this](const httplib::Request& req, auto& res, const MarketView& market) {
                  answer(res, m_book.close_position(req.matches[1].str(), market));
                }));
  server.Get(R"(/v2/account/activities/([A-Za-z]+))",
             locked([this](const httplib::Request& req, auto& res, const auto&) {
               if (req.matches[1].str() != "FILL") {
                 send_error(res, 422, 40010001, "invalid activity type: " + req.matches[1].str());
                 return;
               }
               auto after = parse_time_param(req.get_param_value("after"));
               auto until = parse_time_param(req.get_param_value("until"));
               const std::string size = req.get_param_value("page_size");
               const std::size_t page_size =
                   size.empty() ? 100 : std::clamp<std::size_t>(std::stoul(size), 1, 100);
               answer(res,
                      m_book.activities(after, until, req.get_param_value("direction") == "asc",
                                        page_size, req.get_param_value("page_token")));
             }));
  server.Post("/_fake/clock", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    auto now = body.is_object() ? core::parse_rfc3339(body.value("now", "")) : core::Error{"", ""};
    if (!now) {
      send_error(res, 422, 40010001, "body must be {\"now\": RFC3339}");
      return;
    }
    m_clock.set(*now);
    send_json(res, 200, {{"now", core::format_rfc3339(*now)}});
  });
  server.Post("/_fake/price", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    auto symbol = body.is_object() ? core::classify_symbol(body.value("symbol", ""))
                                   : core::Result<core::Symbol>(core::Error{"", ""});
    if (!symbol || !body.contains("price") || !body["price"].is_number()) {
      send_error(res, 422, 40010001, "body must be {\"symbol\": S, \"price\": N}");
      return;
    }
    {
      const std::lock_guard lock(m_mutex);
      m_pinned[symbol->str()] = body["price"].get<double>();
    }
    send_json(res, 200, body);
  });
  server.Post("/_fake/faults", [this](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    m_drop_next_order = body.is_object() && body.value("drop_next_order_response", false);
    send_json(res, 200, {{"drop_next_order_response", m_drop_next_order.load()}});
  });
}

} // namespace crew::fake_alpaca
