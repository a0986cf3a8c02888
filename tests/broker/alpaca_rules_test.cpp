#include "broker/alpaca_rules.hpp"

#include <gtest/gtest.h>

namespace crew::broker {
namespace {

core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

core::OrderRequest request(const char* symbol, const char* qty, core::TimeInForce tif) {
  core::OrderRequest r;
  r.symbol = *core::classify_symbol(symbol);
  r.qty = dec(qty);
  r.time_in_force = tif;
  r.client_order_id = "id-1";
  return r;
}

TEST(AlpacaRules, CryptoDayOrderIsRefusedLikeAlpaca) {
  const auto out = apply_venue_rules(request("BTC/USD", "0.01", core::TimeInForce::day), {});
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->http_status, 422);
  EXPECT_EQ(out.error->message, "invalid crypto time_in_force");
}

TEST(AlpacaRules, CryptoStopOrderIsRefused) {
  auto r = request("BTC/USD", "0.01", core::TimeInForce::gtc);
  r.type = core::OrderType::stop;
  r.stop_price = dec("100");
  EXPECT_TRUE(apply_venue_rules(r, {}).error);
}

TEST(AlpacaRules, FractionalEquityMustBeDayMarket) {
  const auto gtc = apply_venue_rules(request("AAPL", "0.5", core::TimeInForce::gtc), {});
  ASSERT_TRUE(gtc.error);
  EXPECT_EQ(gtc.error->message, "fractional orders must be DAY orders");
  EXPECT_TRUE(apply_venue_rules(request("AAPL", "0.5", core::TimeInForce::day), {}).request);
  EXPECT_TRUE(apply_venue_rules(request("AAPL", "3", core::TimeInForce::gtc), {}).request);
}

TEST(AlpacaRules, CryptoQtyIsRoundedDownToTheIncrement) {
  VenueContext context;
  context.asset.min_trade_increment = dec("0.0001");
  context.price = dec("30000");
  const auto out =
      apply_venue_rules(request("BTC/USD", "0.012345", core::TimeInForce::gtc), context);
  ASSERT_TRUE(out.request);
  EXPECT_EQ(out.request->qty, dec("0.0123"));
}

TEST(AlpacaRules, CryptoBelowTenDollarsIsRefusedWith403) {
  VenueContext context;
  context.price = dec("30000");
  const auto out = apply_venue_rules(request("BTC/USD", "0.0003", core::TimeInForce::gtc), context);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->http_status, 403);
}

TEST(AlpacaRules, CryptoSellIsClampedToQtyAvailable) {
  VenueContext context;
  context.price = dec("30000");
  context.qty_available = dec("0.00997");
  auto r = request("BTC/USD", "0.01", core::TimeInForce::gtc);
  r.side = core::Side::sell;
  const auto out = apply_venue_rules(r, context);
  ASSERT_TRUE(out.request);
  EXPECT_EQ(out.request->qty, dec("0.00997"));
}

TEST(AlpacaRules, SellWithoutPositionIsRefusedWith403) {
  auto r = request("AAPL", "1", core::TimeInForce::day);
  r.side = core::Side::sell;
  const auto out = apply_venue_rules(r, {});
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->http_status, 403);
}

} // namespace
} // namespace crew::broker
