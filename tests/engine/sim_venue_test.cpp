#include "engine/sim_venue.hpp"
#include "engine/sim_venue_state.hpp"

#include <gtest/gtest.h>

namespace crew::engine {
namespace {

core::UtcTime at(const char* text) {
  return core::parse_rfc3339(text).value();
}

// BTC/USD 1-minute bars from 12:00 with opens 100, 101, 102, … (close = open + 0.5).
data::BarSeries minute_bars(int count) {
  data::BarSeries bars(core::classify_symbol("BTC/USD").value(), core::Timeframe::min1);
  for (int i = 0; i < count; ++i) {
    const double open = 100.0 + i;
    bars.push_back(core::Bar{at("2026-01-01T12:00:00Z") + std::chrono::minutes{i}, open, open + 1,
                             open - 1, open + 0.5, 10, 0, 0});
  }
  return bars;
}

core::OrderRequest market_buy(const std::string& id) {
  core::OrderRequest r;
  r.symbol = core::classify_symbol("BTC/USD").value();
  r.time_in_force = core::TimeInForce::gtc;
  r.qty = core::Decimal::from_int(1);
  r.client_order_id = id;
  return r;
}

broker::SimBrokerSettings no_costs() {
  broker::SimBrokerSettings settings;
  settings.crypto_fee_rate = 0;
  return settings;
}

TEST(SimVenue, FillsAMarketOrderAtTheOpenOfTheFirstBarAfterItWasSent) {
  SimClock clock(at("2026-01-01T12:03:00Z"));
  SimVenue venue(no_costs(), clock, bar_feed({minute_bars(10)}));
  ASSERT_TRUE(venue.submit(market_buy("a")).ok());
  // The 12:03 bar has not completed: nothing is known about its prices yet.
  EXPECT_TRUE(venue.positions()->empty());
  clock.sleep_until(at("2026-01-01T12:04:00Z"), std::atomic<bool>{false});
  auto positions = venue.positions().value();
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions.front().avg_entry_price.to_string(), "103");
  auto order = venue.order_by_client_id("a").value();
  ASSERT_TRUE(order.has_value());
  EXPECT_EQ(order->status, core::OrderStatus::filled);
  EXPECT_EQ(order->filled_at, at("2026-01-01T12:03:00Z"));
}

TEST(SimVenue, MarksPositionsAtTheLatestCompletedClose) {
  SimClock clock(at("2026-01-01T12:01:00Z"));
  SimVenue venue(no_costs(), clock, bar_feed({minute_bars(10)}));
  ASSERT_TRUE(venue.submit(market_buy("a")).ok());
  clock.sleep_until(at("2026-01-01T12:06:00Z"), std::atomic<bool>{false});
  auto positions = venue.positions().value();
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions.front().current_price.to_string(), "105.5"); // the 12:05 bar's close
}

TEST(SimVenue, StateSurvivesARestartThroughItsJson) {
  SimClock clock(at("2026-01-01T12:01:00Z"));
  SimVenue venue(no_costs(), clock, bar_feed({minute_bars(10)}));
  ASSERT_TRUE(venue.submit(market_buy("a")).ok());
  clock.sleep_until(at("2026-01-01T12:03:00Z"), std::atomic<bool>{false});
  ASSERT_TRUE(venue.submit(market_buy("b")).ok()); // still open when the session ends
  const auto saved = venue.export_state();
  const auto json = sim_state_to_json(saved);

  SimClock later(at("2026-01-01T12:03:00Z"));
  SimVenue restarted(no_costs(), later, bar_feed({minute_bars(10)}));
  auto state = sim_state_from_json(json);
  ASSERT_TRUE(state) << state.error().message();
  EXPECT_EQ(state->cash, saved.cash);
  EXPECT_EQ(state->orders, saved.orders);
  EXPECT_EQ(state->fills, saved.fills);
  EXPECT_EQ(state->positions, saved.positions);
  restarted.import_state(std::move(*state));
  // The open order fills on the next bar; the first one is not filled twice.
  later.sleep_until(at("2026-01-01T12:04:00Z"), std::atomic<bool>{false});
  EXPECT_EQ(restarted.positions()->front().qty.to_string(), "2");
  EXPECT_EQ(restarted.fills_since(at("2026-01-01T00:00:00Z"))->size(), 2u);
  EXPECT_FALSE(restarted.submit(market_buy("a")).ok()); // client order ids stay unique
}

// A session that starts before a Monday open has no equity price before the first minute bar of
// Monday completes; an order sent at the open is an order in a listed asset all the same.
TEST(SimVenue, TakesAnOrderSentBeforeASymbolsFirstPriceAndFillsItAtThatPrice) {
  data::BarSeries msft(core::classify_symbol("MSFT").value(), core::Timeframe::min1);
  for (int i = 0; i < 5; ++i) {
    const double open = 400.0 + i;
    msft.push_back(core::Bar{at("2026-11-30T14:30:00Z") + std::chrono::minutes{i}, open, open + 1,
                             open - 1, open + 0.5, 1000, 0, 0});
  }
  SimClock clock(at("2026-11-30T14:30:00Z"));
  SimVenue venue(no_costs(), clock, bar_feed({msft}));
  ASSERT_TRUE(venue.asset_rules(msft.symbol()).has_value());
  core::OrderRequest buy;
  buy.symbol = msft.symbol();
  buy.time_in_force = core::TimeInForce::day;
  buy.qty = core::Decimal::from_int(10);
  buy.client_order_id = "monday-open";
  const auto sent = venue.submit(buy);
  ASSERT_TRUE(sent.ok()) << sent.error->message;
  clock.sleep_until(at("2026-11-30T14:31:00Z"), std::atomic<bool>{false});
  const auto positions = venue.positions().value();
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions.front().avg_entry_price.to_string(), "400"); // the 14:30 bar's open
  // A symbol the venue has no prices for stays unknown.
  buy.symbol = core::classify_symbol("ZZZZ").value();
  buy.client_order_id = "unknown";
  const auto unknown = venue.submit(buy);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error->message, "could not find asset \"ZZZZ\"");
}

TEST(SimVenueState, DropsOrdersThatEndedLongBeforeTheBrokersTime) {
  broker::SimBrokerState state;
  core::Order old = core::make_order(market_buy("old"), at("2026-01-01T00:00:00Z"));
  old.status = core::OrderStatus::filled;
  core::Order open = core::make_order(market_buy("open"), at("2026-01-01T00:00:00Z"));
  state.orders = {old, open};
  state.now = at("2026-01-20T00:00:00Z");
  auto back = sim_state_from_json(sim_state_to_json(state)).value();
  ASSERT_EQ(back.orders.size(), 1u);
  EXPECT_EQ(back.orders.front().client_order_id, "open");
}

TEST(SimVenueState, RefusesAStateItDidNotWriteNamingTheField) {
  EXPECT_FALSE(sim_state_from_json("not json"));
  auto missing = sim_state_from_json(R"({"cash": "1"})");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().what.find("last_equity"), std::string::npos);
  auto text = sim_state_to_json(broker::SimBrokerState{});
  const std::string cash = R"("cash":"0")";
  ASSERT_NE(text.find(cash), std::string::npos) << text;
  auto bad = sim_state_from_json(text.replace(text.find(cash), cash.size(), R"("cash":"x")"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().what.find("cash"), std::string::npos);
}

} // namespace
} // namespace crew::engine
