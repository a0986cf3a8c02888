// The fake's own reading of Alpaca's refusals: each refusal with Alpaca's status, code and message,
// compared with the recorded error bodies where the shared fixtures hold one. Requests are parsed
// from JSON bodies the way the route parses them.
#include "alpaca/trading_json.hpp"
#include "support/shared_paths.hpp"
#include "trading_state.hpp"
#include "venue_rules.hpp"

#include <gtest/gtest.h>

namespace crew::fake_alpaca {
namespace {

using nlohmann::json;

core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

core::OrderRequest parse(const json& body) {
  auto request = alpaca::parse_order_request(body.dump(), "test");
  EXPECT_TRUE(request) << request.error().what;
  return request ? *request : core::OrderRequest{};
}

// A funded account, no position, the symbol known at `price`.
OrderContext context_at(const core::OrderRequest& request, const char* price) {
  OrderContext context;
  context.price = dec(price);
  context.asset = fake_asset(request.symbol, context.price->to_double());
  context.cash = dec("100000");
  context.buying_power = dec("100000");
  return context;
}

json fixture(const std::string& text) {
  return json::parse(text);
}

const json k_eth_limit = {{"symbol", "ETH/USD"},    {"qty", "0.02"},   {"side", "buy"},
                          {"time_in_force", "gtc"}, {"type", "limit"}, {"limit_price", "2100"}};

// `body` with `changes` merged in (RFC 7386: a null removes the key).
json patch(json body, const json& changes) {
  body.merge_patch(changes);
  return body;
}

void expect_refusal(const std::optional<Answer>& answer, int status, std::int64_t code,
                    const std::string& message) {
  ASSERT_TRUE(answer.has_value()) << "accepted, expected: " << message;
  EXPECT_EQ(answer->status, status) << answer->body.dump();
  EXPECT_EQ(answer->body.value("code", std::int64_t{0}), code) << answer->body.dump();
  EXPECT_EQ(answer->body.value("message", ""), message);
}

TEST(VenueRules, AcceptsTheDocumentedCryptoLimitRequest) {
  CREW_REQUIRE_REAL_FIXTURE(text, "order_request_limit_crypto.json");
  const auto request = parse(fixture(text));
  const auto refused = refuse_order(request, context_at(request, "2100"));
  EXPECT_FALSE(refused) << refused->body.dump();
}

TEST(VenueRules, CryptoTimeInForceIsGtcOrIocOnly) {
  CREW_REQUIRE_REAL_FIXTURE(text, "error_422_crypto_time_in_force.json");
  const auto day = parse(patch(k_eth_limit, {{"time_in_force", "day"}}));
  const auto refused = refuse_order(day, context_at(day, "2100"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(refused->body, fixture(text));
  for (const char* tif : {"fok", "opg", "cls"}) {
    const auto other = parse(patch(k_eth_limit, {{"time_in_force", tif}}));
    expect_refusal(refuse_order(other, context_at(other, "2100")), 422, k_code_business,
                   "invalid crypto time_in_force");
  }
  const auto ioc = parse(patch(k_eth_limit, {{"time_in_force", "ioc"}}));
  EXPECT_FALSE(refuse_order(ioc, context_at(ioc, "2100")));
}

TEST(VenueRules, CryptoTakesStopLimitButNoPlainStopAndOnlySimpleOrders) {
  const auto stop = parse(
      patch(k_eth_limit, {{"type", "stop"}, {"limit_price", nullptr}, {"stop_price", "2000"}}));
  expect_refusal(refuse_order(stop, context_at(stop, "2100")), 422, k_code_business,
                 "invalid crypto order type");
  const auto stop_limit =
      parse(patch(k_eth_limit, {{"type", "stop_limit"}, {"stop_price", "2000"}}));
  EXPECT_FALSE(refuse_order(stop_limit, context_at(stop_limit, "2100")));
  auto bracket = context_at(stop_limit, "2100");
  bracket.order_class = "bracket";
  expect_refusal(refuse_order(stop_limit, bracket), 422, k_code_business,
                 "crypto orders must be simple orders");
}

TEST(VenueRules, CryptoOrdersUnderTenDollarsAreRefusedEvenWhenTheyClose) {
  CREW_REQUIRE_REAL_FIXTURE(text, "error_403_crypto_min_notional.json");
  const auto small = parse(patch(k_eth_limit, {{"qty", "0.004"}})); // $8.40 at the limit
  const auto refused = refuse_order(small, context_at(small, "2100"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body, fixture(text));
  // A market sell of the whole position is held to the same minimum: the docs know no exception.
  const auto sell = parse({{"symbol", "ETH/USD"},
                           {"qty", "0.004"},
                           {"side", "sell"},
                           {"type", "market"},
                           {"time_in_force", "gtc"}});
  auto holding = context_at(sell, "2100");
  holding.existing_qty = dec("0.004");
  expect_refusal(refuse_order(sell, holding), 403, k_code_funds,
                 "cost basis must be >= minimal amount of order 10");
  const auto notional = parse({{"symbol", "ETH/USD"},
                               {"notional", "9.99"},
                               {"side", "buy"},
                               {"type", "market"},
                               {"time_in_force", "gtc"}});
  expect_refusal(refuse_order(notional, context_at(notional, "2100")), 403, k_code_funds,
                 "cost basis must be >= minimal amount of order 10");
  const auto ten = parse(patch(k_eth_limit, {{"qty", "0.005"}, {"limit_price", "2000"}}));
  EXPECT_FALSE(refuse_order(ten, context_at(ten, "2100")));
}

TEST(VenueRules, CryptoOrdersOverTwoHundredThousandDollarsAreRefused) {
  const auto big = parse({{"symbol", "BTC/USD"},
                          {"notional", "200000.01"},
                          {"side", "buy"},
                          {"type", "market"},
                          {"time_in_force", "gtc"}});
  auto rich = context_at(big, "90000");
  rich.cash = rich.buying_power = dec("1000000");
  expect_refusal(refuse_order(big, rich), 403, k_code_funds,
                 "cost basis must be <= maximal amount of order 200000");
}

TEST(VenueRules, CryptoQtyFollowsTheAssetsStepAndMinimum) {
  const auto body = patch(k_eth_limit, {{"limit_price", "100000"}});
  auto coarse = context_at(parse(body), "2100");
  coarse.asset->min_trade_increment = dec("0.0001");
  coarse.asset->min_order_size = dec("0.001");
  const auto off_step = parse(patch(body, {{"qty", "0.00015"}}));
  expect_refusal(refuse_order(off_step, coarse), 422, k_code_business,
                 "qty must be a multiple of 0.0001");
  const auto tiny = parse(patch(body, {{"qty", "0.0002"}})); // $20 at the limit, under the minimum
  expect_refusal(refuse_order(tiny, coarse), 403, k_code_funds, "qty must be >= 0.001");
  EXPECT_FALSE(refuse_order(parse(patch(body, {{"qty", "0.001"}})), coarse));
}

TEST(VenueRules, CryptoBuyBeyondTheUsdBalanceAnswersWithTheBalance) {
  CREW_REQUIRE_REAL_FIXTURE(text, "error_403_crypto_insufficient_balance.json");
  const auto buy = parse({{"symbol", "BTC/USD"},
                          {"notional", "1000"},
                          {"side", "buy"},
                          {"type", "market"},
                          {"time_in_force", "gtc"}});
  auto poor = context_at(buy, "90000");
  poor.cash = poor.buying_power = dec("87.84");
  const auto refused = refuse_order(buy, poor);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body, fixture(text));
  // Cash reserved by open buys is not available: the balance is the cash, available what is left.
  auto reserved = context_at(buy, "90000");
  reserved.cash = dec("5000");
  reserved.buying_power = dec("500");
  const auto short_of = refuse_order(buy, reserved);
  ASSERT_TRUE(short_of);
  EXPECT_EQ(short_of->body.value("message", ""),
            "insufficient balance for USD (requested: 1000, available: 500)");
  EXPECT_EQ(short_of->body.value("balance", ""), "5000");
}

TEST(VenueRules, EquityBuyBeyondBuyingPowerAnswersWithTheCost) {
  CREW_REQUIRE_REAL_FIXTURE(text, "error_403_insufficient_buying_power.json");
  const auto buy = parse({{"symbol", "AAPL"},
                          {"qty", "1000000"},
                          {"side", "buy"},
                          {"type", "market"},
                          {"time_in_force", "day"}});
  auto context = context_at(buy, "8177");
  context.cash = context.buying_power = dec("400000");
  const auto refused = refuse_order(buy, context);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body, fixture(text));
}

TEST(VenueRules, SellBeyondQtyAvailableNamesWhatOrdersHold) {
  CREW_REQUIRE_REAL_FIXTURE(text, "close_all_positions_207.json");
  const json expected = fixture(text).at(2).at("body");
  const auto sell = parse({{"symbol", "AAPL"},
                           {"qty", "2"},
                           {"side", "sell"},
                           {"type", "market"},
                           {"time_in_force", "day"}});
  auto held = context_at(sell, "180");
  held.existing_qty = dec("2");
  held.held_for_orders = dec("2");
  held.related_orders = {"888e4b05-b624-48b9-a6cd-a1edf680acbf"};
  const auto refused = refuse_order(sell, held);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(refused->body, expected);
  held.existing_qty = dec("3"); // one share free: a sell of 2 is still one too many
  const auto partly = refuse_order(sell, held);
  ASSERT_TRUE(partly);
  EXPECT_EQ(partly->body.value("message", ""),
            "insufficient qty available for order (requested: 2, available: 1)");
  EXPECT_EQ(partly->body.value("existing_qty", ""), "3");
  EXPECT_EQ(partly->body.value("held_for_orders", ""), "2");
  // The same rule for crypto: Alpaca refuses rather than trims a sell (the client trims first).
  const auto coin = parse({{"symbol", "BTC/USD"},
                           {"qty", "0.5"},
                           {"side", "sell"},
                           {"type", "market"},
                           {"time_in_force", "gtc"}});
  auto some = context_at(coin, "90000");
  some.existing_qty = dec("0.4");
  expect_refusal(refuse_order(coin, some), 403, k_code_funds,
                 "insufficient qty available for order (requested: 0.5, available: 0.4)");
}

TEST(VenueRules, FractionalEquityOrdersAreSimpleMarketDayOrdersOfFractionableAssets) {
  const json half = {{"symbol", "AAPL"},
                     {"qty", "0.5"},
                     {"side", "buy"},
                     {"type", "market"},
                     {"time_in_force", "day"}};
  EXPECT_FALSE(refuse_order(parse(half), context_at(parse(half), "180")));
  const auto gtc = parse(patch(half, {{"time_in_force", "gtc"}}));
  expect_refusal(refuse_order(gtc, context_at(gtc, "180")), 422, k_code_business,
                 "fractional orders must be DAY orders");
  const auto limit = parse(patch(half, {{"type", "limit"}, {"limit_price", "170"}}));
  expect_refusal(refuse_order(limit, context_at(limit, "180")), 422, k_code_business,
                 "fractional orders must be market orders");
  auto solid = context_at(parse(half), "180");
  solid.asset->fractionable = false;
  expect_refusal(refuse_order(parse(half), solid), 422, k_code_business,
                 "requested asset is not fractionable");
  const auto notional_gtc =
      parse(patch(half, {{"qty", nullptr}, {"notional", "50"}, {"time_in_force", "gtc"}}));
  expect_refusal(refuse_order(notional_gtc, context_at(notional_gtc, "180")), 422, k_code_business,
                 "fractional orders must be DAY orders");
  const auto cents = parse(patch(half, {{"qty", nullptr}, {"notional", "0.5"}}));
  expect_refusal(refuse_order(cents, context_at(cents, "180")), 403, k_code_funds,
                 "cost basis must be >= minimal amount of order 1");
  // Whole shares are not fractional: any type and time in force.
  const auto whole = parse(patch(
      half, {{"qty", "3"}, {"type", "limit"}, {"limit_price", "170"}, {"time_in_force", "gtc"}}));
  EXPECT_FALSE(refuse_order(whole, context_at(whole, "180")));
}

TEST(VenueRules, FractionalBracketIsRefusedAsNotSimpleOnceItIsADayOrder) {
  CREW_REQUIRE_REAL_FIXTURE(text, "error_422_fractional_not_simple.json");
  const auto notional = parse({{"symbol", "AAPL"},
                               {"notional", "10"},
                               {"side", "buy"},
                               {"type", "market"},
                               {"time_in_force", "day"}});
  auto bracket = context_at(notional, "180");
  bracket.order_class = "bracket";
  const auto refused = refuse_order(notional, bracket);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(refused->body, fixture(text));
  const auto gtc = parse({{"symbol", "AAPL"},
                          {"qty", "0.5"},
                          {"side", "buy"},
                          {"type", "market"},
                          {"time_in_force", "gtc"}});
  auto gtc_bracket = context_at(gtc, "180");
  gtc_bracket.order_class = "bracket";
  expect_refusal(refuse_order(gtc, gtc_bracket), 422, k_code_business,
                 "fractional orders must be DAY orders");
}

TEST(VenueRules, QtyAndNotionalAreExclusiveAndOneIsRequired) {
  const auto both = parse(patch(k_eth_limit, {{"notional", "50"}}));
  expect_refusal(refuse_order(both, context_at(both, "2100")), 400, k_code_malformed,
                 "qty and notional are mutually exclusive");
  const auto neither = parse(patch(k_eth_limit, {{"qty", nullptr}}));
  expect_refusal(refuse_order(neither, context_at(neither, "2100")), 400, k_code_malformed,
                 "qty or notional is required");
}

TEST(VenueRules, PricesMatchTheOrderType) {
  const auto no_limit = parse(patch(k_eth_limit, {{"limit_price", nullptr}}));
  expect_refusal(refuse_order(no_limit, context_at(no_limit, "2100")), 422, k_code_validation,
                 "limit_price is required for limit");
  const auto priced_market = parse(patch(k_eth_limit, {{"type", "market"}}));
  expect_refusal(refuse_order(priced_market, context_at(priced_market, "2100")), 422,
                 k_code_validation, "limit_price is not allowed for market");
  const auto no_stop = parse(patch(k_eth_limit, {{"type", "stop_limit"}}));
  expect_refusal(refuse_order(no_stop, context_at(no_stop, "2100")), 422, k_code_validation,
                 "stop_price is required for stop_limit");
}

TEST(VenueRules, UnknownAndUntradableAssets) {
  CREW_REQUIRE_REAL_FIXTURE(text, "error_422_unknown_asset.json");
  // The fixture's symbol (FACEBOOK) is no ticker our parser takes, so a five-letter one stands in.
  json expected = fixture(text);
  expected["message"] = "could not find asset \"FFFFF\"";
  const auto unknown = parse({{"symbol", "FFFFF"},
                              {"qty", "1"},
                              {"side", "buy"},
                              {"type", "market"},
                              {"time_in_force", "day"}});
  OrderContext nothing;
  const auto refused = refuse_order(unknown, nothing);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(refused->body, expected);
  const auto rgc = parse({{"symbol", "RGC"},
                          {"qty", "1"},
                          {"side", "buy"},
                          {"type", "market"},
                          {"time_in_force", "day"}});
  auto halted = context_at(rgc, "5");
  halted.asset->tradable = false;
  expect_refusal(refuse_order(rgc, halted), 422, k_code_business, "asset \"RGC\" is not tradable");
}

// The book judges with these rules and fills in the context from its own account.
TEST(TradingBookRefusals, ClosingAPositionHeldByAnOpenOrderIsRefusedWithTheHeldQty) {
  TradingBook book({}, dec("100000"), 0.0);
  MarketView market;
  market.now = core::UtcTime::from_seconds(1'704'110'400); // Mon 2024-01-01 12:00 UTC
  market.price = [](const core::Symbol&) { return std::optional<double>(100.0); };
  const auto buy = parse({{"symbol", "BTC/USD"},
                          {"qty", "1"},
                          {"side", "buy"},
                          {"type", "market"},
                          {"time_in_force", "gtc"},
                          {"client_order_id", "b1"}});
  ASSERT_EQ(book.submit(buy, market).status, 200);
  book.advance(market);
  const auto resting = parse({{"symbol", "BTC/USD"},
                              {"qty", "1"},
                              {"side", "sell"},
                              {"type", "limit"},
                              {"limit_price", "500"},
                              {"time_in_force", "gtc"},
                              {"client_order_id", "s1"}});
  const Answer sell = book.submit(resting, market);
  ASSERT_EQ(sell.status, 200) << sell.body.dump();
  const Answer closed = book.close_position("BTC/USD", market);
  EXPECT_EQ(closed.status, 403) << closed.body.dump();
  EXPECT_EQ(closed.body.value("message", ""),
            "insufficient qty available for order (requested: 1, available: 0)");
  EXPECT_EQ(closed.body.value("held_for_orders", ""), "1");
  EXPECT_EQ(closed.body.value("related_orders", json::array()), json::array({sell.body["id"]}));
  EXPECT_EQ(closed.body.value("symbol", ""), "BTCUSD");
  const auto day = parse(patch(k_eth_limit, {{"time_in_force", "day"}, {"client_order_id", "d"}}));
  EXPECT_EQ(book.submit(day, market).status, 422);
}

} // namespace
} // namespace crew::fake_alpaca
