#pragma once
// TradingBook: fake_alpaca's paper account: cash, orders (every client_order_id kept forever),
// positions and FILL activities, persisted as JSON (written to FILE.tmp, then renamed) after
// every change so it survives restarts of crew and of fake_alpaca. Not thread-safe by itself:
// the trading routes hold its mutex around every call.
#include "core/order.hpp"
#include "venue_rules.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace crew::fake_alpaca {

// What the book needs to know of the market at a moment.
struct MarketView {
  core::UtcTime now;
  std::function<std::optional<double>(const core::Symbol&)> price; // replay price at now
  bool equity_session_open = false;
};

class TradingBook {
public:
  TradingBook(std::filesystem::path file, core::Decimal starting_cash, double crypto_fee_rate);

  core::Status load();
  std::mutex& mutex() { return m_mutex; }

  // Fills what can fill at `market` (crypto market orders, equity market orders in session,
  // crossed limits); called before every trading answer.
  void advance(const MarketView& market);
  // Judged by venue_rules (the fake's own reading of Alpaca's refusals); `order_class` is the
  // request's, which OrderRequest does not carry.
  Answer submit(const core::OrderRequest& request, const MarketView& market,
                const std::string& order_class = "");
  Answer account(const MarketView& market) const;
  Answer positions(const MarketView& market) const;
  Answer orders(const std::string& status, bool ascending) const;
  Answer order_by_client_id(const std::string& id) const;
  Answer cancel(const std::string& order_id, core::UtcTime now);
  Answer cancel_all(core::UtcTime now);
  Answer close_position(const std::string& symbol, const MarketView& market);
  Answer close_all(const MarketView& market);
  Answer activities(std::optional<core::UtcTime> after, std::optional<core::UtcTime> until,
                    bool ascending, std::size_t page_size, const std::string& page_token) const;

private:
  struct Holding {
    core::Symbol symbol;
    core::Decimal qty;
    core::Decimal cost_basis;
  };
  void fill(core::Order& order, double price, core::UtcTime now);
  core::Decimal held_for_sells(const std::string& symbol) const;
  core::Decimal reserved_for_buys(const MarketView& market) const;
  void save() const;
  std::string next_uuid();

  std::filesystem::path m_file;
  core::Decimal m_cash;
  double m_fee_rate;
  std::vector<core::Order> m_orders;
  std::map<std::string, Holding> m_positions; // by symbol text (slash form)
  std::vector<nlohmann::json> m_activities;
  std::uint64_t m_sequence = 1;
  std::mutex m_mutex;
};

// An order in Alpaca's JSON shape (symbol in the slash form, numbers as decimal strings).
nlohmann::json order_json(const core::Order& order);

} // namespace crew::fake_alpaca
