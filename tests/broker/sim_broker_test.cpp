#include "broker/sim_broker.hpp"

#include <gtest/gtest.h>

namespace crew::broker {
namespace {

core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

const core::Symbol k_btc = *core::classify_symbol("BTC/USD");
const core::Symbol k_aapl = *core::classify_symbol("AAPL");

core::UtcTime at(int minute) {
  return core::UtcTime::from_seconds(1'700'000'000 + minute * 60);
}

core::Bar bar(int minute, double open, double high, double low, double close) {
  return core::Bar{at(minute), open, high, low, close, 1, 0, 0};
}

core::OrderRequest buy(const core::Symbol& symbol, const char* qty, const char* id) {
  core::OrderRequest r;
  r.symbol = symbol;
  r.qty = dec(qty);
  r.time_in_force = symbol.asset_class() == core::AssetClass::crypto ? core::TimeInForce::gtc
                                                                     : core::TimeInForce::day;
  r.client_order_id = id;
  return r;
}

TEST(SimBroker, MarketBuyFillsAtNextOpenWithSlippageAndCoinFee) {
  SimBrokerSettings settings;
  settings.fill.bps = 10;
  settings.crypto_fill.bps = 10;
  SimBroker broker(settings);
  broker.on_price(k_btc, bar(0, 100, 100, 100, 100));
  const auto submitted = broker.submit(buy(k_btc, "1", "a"));
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(submitted.order->status, core::OrderStatus::pending_new);
  broker.on_price(k_btc, bar(1, 200, 210, 190, 205));
  const auto order = *broker.order_by_client_id("a");
  ASSERT_TRUE(order);
  EXPECT_EQ(order->status, core::OrderStatus::filled);
  EXPECT_EQ(*order->filled_avg_price, dec("200.2"));
  const auto positions = *broker.positions();
  ASSERT_EQ(positions.size(), 1U);
  EXPECT_EQ(positions[0].qty, dec("0.9975"));
  EXPECT_EQ((*broker.account()).cash, dec("99799.8"));
  const auto fills = *broker.fills_since(at(0));
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].time, at(1));
}

TEST(SimBroker, AnAttachedStopRestsFromTheEntrysFillAndCanFillInTheSameBar) {
  // As the backtester's stop is checked on the entry bar: the entry fills at the open (100), its
  // stop rests at 100 − 3 = 97 from then, and the bar's low of 95 takes it at the stop.
  SimBroker broker;
  broker.on_price(k_aapl, bar(0, 100, 100, 100, 100));
  ASSERT_TRUE(broker.attach_stop("entry", ProtectiveStop{"entry-stop", 3.0, 0.02}));
  ASSERT_TRUE(broker.submit(buy(k_aapl, "10", "entry")).ok());
  broker.on_price(k_aapl, bar(1, 100, 101, 95, 96));
  const auto stop = *broker.order_by_client_id("entry-stop");
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->type, core::OrderType::stop); // an equity's stop is a stop order
  EXPECT_EQ(*stop->stop_price, dec("97"));
  EXPECT_EQ(stop->status, core::OrderStatus::filled);
  EXPECT_EQ(*stop->filled_avg_price, dec("97"));
  EXPECT_TRUE((*broker.positions()).empty());
}

TEST(SimBroker, AnAttachedCryptoStopIsAStopLimitForTheCoinsHeld) {
  SimBroker broker;
  broker.on_price(k_btc, bar(0, 100, 100, 100, 100));
  ASSERT_TRUE(broker.attach_stop("entry", ProtectiveStop{"entry-stop", 10.0, 0.02}));
  ASSERT_TRUE(broker.submit(buy(k_btc, "1", "entry")).ok());
  broker.on_price(k_btc, bar(1, 100, 101, 99, 100)); // the stop at 90 is not reached
  const auto stop = *broker.order_by_client_id("entry-stop");
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->type, core::OrderType::stop_limit);
  EXPECT_EQ(*stop->stop_price, dec("90"));
  EXPECT_EQ(*stop->limit_price, dec("88.2"));
  EXPECT_EQ(stop->qty, dec("0.9975")); // what the coin fee left
  EXPECT_TRUE(core::is_open(stop->status));
  // A restored broker keeps stops whose entries have not filled yet.
  ASSERT_TRUE(broker.attach_stop("later", ProtectiveStop{"later-stop", 1.0, 0.02}));
  EXPECT_EQ(broker.export_state().attached_stops.count("later"), 1U);
}

TEST(SimBroker, AMarketOrderSentInsideABarFillsAtThatBarsClose) {
  // The replay hands a bar over when it completes; an order sent while it was forming fills at
  // its close, the first price after the order, not at the next bar's open (maybe a day later).
  SimBroker broker;
  broker.on_price(k_aapl, bar(0, 100, 100, 100, 100));
  broker.set_time(at(20));
  ASSERT_TRUE(broker.submit(buy(k_aapl, "1", "late")).ok());
  broker.on_price(k_aapl, bar(15, 101, 103, 99, 102)); // began at 15, completes at 30
  const auto order = *broker.order_by_client_id("late");
  ASSERT_TRUE(order);
  EXPECT_EQ(order->status, core::OrderStatus::filled);
  EXPECT_EQ(*order->filled_avg_price, dec("102"));
  EXPECT_EQ(*order->filled_at, at(20));
}

TEST(SimBroker, SellOfTheBuysQtyIsSizedFromQtyAvailable) {
  SimBroker broker;
  broker.on_price(k_btc, 100, at(0));
  ASSERT_TRUE(broker.submit(buy(k_btc, "1", "a")).ok());
  broker.on_price(k_btc, 100, at(1));
  auto sell = buy(k_btc, "1", "b");
  sell.side = core::Side::sell;
  const auto result = broker.submit(sell);
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(result.order->qty, dec("0.9975"));
  broker.on_price(k_btc, 100, at(2));
  EXPECT_TRUE((*broker.positions()).empty());
}

TEST(SimBroker, LimitBuyFillsOnlyWhenCrossed) {
  SimBroker broker;
  broker.on_price(k_aapl, 100, at(0));
  auto r = buy(k_aapl, "2", "lim");
  r.type = core::OrderType::limit;
  r.limit_price = dec("95");
  ASSERT_TRUE(broker.submit(r).ok());
  broker.on_price(k_aapl, bar(1, 99, 101, 96, 97));
  EXPECT_EQ((*broker.open_orders()).size(), 1U);
  broker.on_price(k_aapl, bar(2, 97, 98, 94, 96));
  EXPECT_TRUE((*broker.open_orders()).empty());
  EXPECT_EQ(*(*broker.order_by_client_id("lim"))->filled_avg_price, dec("95"));
}

TEST(SimBroker, StopSellGapFillsAtTheOpen) {
  SimBroker broker;
  broker.on_price(k_aapl, 100, at(0));
  ASSERT_TRUE(broker.submit(buy(k_aapl, "1", "a")).ok());
  broker.on_price(k_aapl, 100, at(1));
  auto stop = buy(k_aapl, "1", "s");
  stop.side = core::Side::sell;
  stop.type = core::OrderType::stop;
  stop.stop_price = dec("90");
  ASSERT_TRUE(broker.submit(stop).ok());
  broker.on_price(k_aapl, bar(2, 85, 86, 80, 82));
  EXPECT_EQ(*(*broker.order_by_client_id("s"))->filled_avg_price, dec("85"));
}

TEST(SimBroker, RefusesLikeAlpaca) {
  SimBroker broker;
  broker.on_price(k_btc, 100, at(0));
  ASSERT_TRUE(broker.submit(buy(k_btc, "1", "a")).ok());
  const auto duplicate = broker.submit(buy(k_btc, "1", "a"));
  ASSERT_TRUE(duplicate.error);
  EXPECT_EQ(duplicate.error->kind, SubmitError::Kind::duplicate_client_order_id);
  const auto poor = broker.submit(buy(k_btc, "10000", "b"));
  ASSERT_TRUE(poor.error);
  EXPECT_EQ(poor.error->http_status, 403);
  const auto unknown = broker.submit(buy(*core::classify_symbol("ETH/USD"), "1", "c"));
  ASSERT_TRUE(unknown.error);
  EXPECT_EQ(unknown.error->http_status, 422);
  auto day = buy(k_btc, "1", "d");
  day.time_in_force = core::TimeInForce::day;
  EXPECT_EQ(broker.submit(day).error->message, "invalid crypto time_in_force");
}

TEST(SimBroker, CloseAllCancelsAndFlattens) {
  SimBroker broker;
  broker.on_price(k_aapl, 10, at(0));
  ASSERT_TRUE(broker.submit(buy(k_aapl, "3", "a")).ok());
  broker.on_price(k_aapl, 10, at(1));
  auto limit = buy(k_aapl, "1", "l");
  limit.type = core::OrderType::limit;
  limit.limit_price = dec("1");
  ASSERT_TRUE(broker.submit(limit).ok());
  ASSERT_TRUE(broker.close_all());
  EXPECT_EQ((*broker.open_orders()).size(), 1U); // the closing market order
  broker.on_price(k_aapl, 11, at(2));
  EXPECT_TRUE((*broker.positions()).empty());
  EXPECT_EQ((*broker.account()).cash, dec("100003"));
}

TEST(SimBroker, ExportedStateRestoresAnIdenticalBroker) {
  SimBroker broker;
  broker.on_price(k_btc, 100, at(0));
  ASSERT_TRUE(broker.submit(buy(k_btc, "1", "a")).ok());
  broker.on_price(k_btc, 100, at(1));
  SimBroker restored;
  restored.import_state(broker.export_state());
  EXPECT_EQ(*restored.positions(), *broker.positions());
  EXPECT_EQ(restored.submit(buy(k_btc, "1", "a")).error->kind,
            SubmitError::Kind::duplicate_client_order_id);
}

} // namespace
} // namespace crew::broker
