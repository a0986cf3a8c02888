#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;
using sample::dec;

namespace {

StateStore open_store(const crew::test::TempDir& dir) {
  auto store = StateStore::open(dir / "state.db");
  EXPECT_TRUE(store.ok()) << store.error().message();
  return std::move(*store);
}

} // namespace

TEST(StateStoreOrders, IntentRoundTrips) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  OrderRecord record = sample::intent("tc-1", "BTC/USD");
  record.order.type = core::OrderType::limit;
  record.order.limit_price = dec("42000.5");
  ASSERT_TRUE(*store.insert_order(record));
  auto found = store.find_order("tc-1");
  ASSERT_TRUE(found.ok()) << found.error().message();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, record);
  EXPECT_FALSE((*found)->sent);
  EXPECT_EQ((*found)->market(), core::AssetClass::crypto);
}

TEST(StateStoreOrders, SameClientOrderIdTwiceKeepsOneRow) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  EXPECT_TRUE(*store.insert_order(sample::intent("tc-1")));
  OrderRecord again = sample::intent("tc-1");
  again.strategy = "other";
  EXPECT_FALSE(*store.insert_order(again));
  auto all = store.orders();
  ASSERT_EQ(all->size(), 1U);
  EXPECT_EQ(all->front().strategy, "rsi");
}

TEST(StateStoreOrders, BrokerUpdateMarksSentAndRecordsProgress) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(*store.insert_order(sample::intent("tc-1")));
  core::Order order = sample::intent("tc-1").order;
  order.id = "904837e3-3b76-47ec-b432-046db621571b";
  order.status = core::OrderStatus::partially_filled;
  order.filled_qty = dec("4");
  order.filled_avg_price = dec("189.25");
  order.updated_at = at(5);
  ASSERT_TRUE(store.update_order(order).ok());
  auto found = store.find_order_by_broker_id(order.id);
  ASSERT_TRUE(found->has_value());
  EXPECT_TRUE((*found)->sent);
  EXPECT_EQ((*found)->order, order);
  EXPECT_EQ(store.open_orders()->size(), 1U);

  order.status = core::OrderStatus::filled;
  order.filled_qty = dec("10");
  order.filled_at = at(9);
  ASSERT_TRUE(store.update_order(order).ok());
  EXPECT_TRUE(store.open_orders()->empty());
}

TEST(StateStoreOrders, UpdateOfUnknownOrderIsAnError) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  core::Order order = sample::intent("tc-nobody").order;
  const auto status = store.update_order(order);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().where, "tc-nobody");
}

TEST(StateStoreOrders, ListsFilterByMarketTimeAndSymbol) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(*store.insert_order(sample::intent("tc-1", "AAPL")));
  OrderRecord later = sample::intent("tc-2", "ETH/USD");
  later.order.created_at = at(100);
  ASSERT_TRUE(*store.insert_order(later));
  RecordQuery crypto;
  crypto.market = core::AssetClass::crypto;
  ASSERT_EQ(store.orders(crypto)->size(), 1U);
  EXPECT_EQ(store.orders(crypto)->front().order.client_order_id, "tc-2");
  RecordQuery early;
  early.to = at(50);
  EXPECT_EQ(store.orders(early)->size(), 1U);
  RecordQuery aapl;
  aapl.symbol = "AAPL";
  EXPECT_EQ(store.orders(aapl)->front().order.client_order_id, "tc-1");
  EXPECT_EQ(store.open_orders()->size(), 2U);
}

TEST(StateStoreOrders, FillRoundTripsAndIsStoredOnce) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(*store.insert_order(sample::intent("tc-1")));
  const core::Fill f = sample::fill("20240103143005::abc", "tc-1");
  EXPECT_TRUE(*store.insert_fill(f));
  EXPECT_FALSE(*store.insert_fill(f));
  auto fills = store.fills_since(at(0));
  ASSERT_EQ(fills->size(), 1U);
  EXPECT_EQ(fills->front(), f);
  EXPECT_EQ(store.fills_of_order("tc-1")->size(), 1U);
  EXPECT_TRUE(store.fills_since(at(6))->empty());
}

TEST(StateStoreOrders, FillOfUnknownOrderIsRefused) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  const auto inserted = store.insert_fill(sample::fill("x1", "tc-unknown"));
  ASSERT_FALSE(inserted.ok());
  EXPECT_NE(inserted.error().what.find("FOREIGN KEY"), std::string::npos)
      << inserted.error().message();
}

TEST(StateStoreOrders, AtomicallyCommitsAllOrNothing) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  const auto failed = store.atomically([&]() -> core::Status {
    EXPECT_TRUE(*store.insert_order(sample::intent("tc-1")));
    return core::Error{"broker said no", "test"};
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_FALSE(store.find_order("tc-1")->has_value());

  ASSERT_TRUE(store
                  .atomically([&]() -> core::Status {
                    EXPECT_TRUE(*store.insert_order(sample::intent("tc-1")));
                    return store.insert_fill(sample::fill("f1", "tc-1")).ok()
                               ? core::Status{}
                               : core::Status{core::Error{"fill", ""}};
                  })
                  .ok());
  EXPECT_TRUE(store.find_order("tc-1")->has_value());
  EXPECT_EQ(store.fills_of_order("tc-1")->size(), 1U);
}

TEST(StateStoreOrders, SurvivesReopening) {
  crew::test::TempDir dir;
  {
    auto store = open_store(dir);
    ASSERT_TRUE(*store.insert_order(sample::intent("tc-1")));
  }
  auto store = open_store(dir);
  EXPECT_TRUE(store.find_order("tc-1")->has_value());
}

namespace {

// Stores intent `cid` and then the broker's view of it: `status`, `filled` of its 10 at `price`.
void store_as_sent(StateStore& store, const std::string& cid, core::OrderStatus status,
                   const char* filled = "0", const char* price = nullptr) {
  ASSERT_TRUE(*store.insert_order(sample::intent(cid)));
  core::Order order = sample::intent(cid).order;
  order.id = "broker-" + cid;
  order.status = status;
  order.filled_qty = dec(filled);
  if (price != nullptr) {
    order.filled_avg_price = dec(price);
    order.filled_at = at(4);
  }
  ASSERT_TRUE(store.update_order(order));
}

} // namespace

// Seen in the paper fault campaign: the fills table held an order's 529 shares while the order
// stayed "new" with 0 filled (its lookups had failed). A fill now updates its order at once.
TEST(StateStoreOrders, AFillUpdatesItsOrderInTheSameTransaction) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  store_as_sent(store, "tc-1", core::OrderStatus::accepted);

  auto first = sample::fill("f1", "tc-1"); // 4 @ 189.25
  ASSERT_TRUE(*store.insert_fill(first));
  auto order = store.find_order("tc-1")->value();
  EXPECT_EQ(order.order.status, core::OrderStatus::partially_filled);
  EXPECT_EQ(order.order.filled_qty, dec("4"));
  EXPECT_EQ(order.order.filled_avg_price, dec("189.25"));
  EXPECT_TRUE(order.is_open());

  auto second = sample::fill("f2", "tc-1");
  second.qty = dec("6");
  second.price = dec("190");
  second.time = at(9);
  ASSERT_TRUE(*store.insert_fill(second));
  order = store.find_order("tc-1")->value();
  EXPECT_EQ(order.order.status, core::OrderStatus::filled);
  EXPECT_EQ(order.order.filled_qty, dec("10"));
  EXPECT_EQ(order.order.filled_avg_price, dec("189.7")); // (4 * 189.25 + 6 * 190) / 10
  EXPECT_EQ(order.order.filled_at, at(9));
  ASSERT_EQ(store.unbooked_final_orders()->size(), 1U);

  // The same execution again changes nothing.
  EXPECT_FALSE(*store.insert_fill(second));
  EXPECT_EQ(store.find_order("tc-1")->value().order.filled_qty, dec("10"));
}

TEST(StateStoreOrders, AFillAfterTheLookupSaidAsMuchChangesNothing) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  store_as_sent(store, "tc-1", core::OrderStatus::filled, "10", "189.5");
  auto fill = sample::fill("f1", "tc-1");
  fill.qty = dec("10");
  ASSERT_TRUE(*store.insert_fill(fill));
  const auto order = store.find_order("tc-1")->value();
  EXPECT_EQ(order.order.filled_avg_price, dec("189.5")) << "the broker's own average stays";
  EXPECT_EQ(order.order.filled_at, at(4));
}

// An order whose POST got no answer: "unknown", neither placed nor rejected, still open.
TEST(StateStoreOrders, AnUnansweredOrderIsOpenAndShownAsUnknown) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(*store.insert_order(sample::intent("tc-1")));
  ASSERT_TRUE(store.mark_unanswered("tc-1", at(3)));
  const auto order = store.find_order("tc-1")->value();
  EXPECT_TRUE(order.unanswered);
  EXPECT_FALSE(order.sent);
  EXPECT_EQ(order.status_text(), "unknown");
  EXPECT_EQ(order.order.submitted_at, at(3));
  ASSERT_EQ(store.open_orders()->size(), 1U);
  EXPECT_TRUE(store.unbooked_final_orders()->empty());
  // Only an unsent order can be unanswered.
  core::Order accepted = order.order;
  accepted.id = "b";
  accepted.status = core::OrderStatus::accepted;
  ASSERT_TRUE(store.update_order(accepted));
  EXPECT_FALSE(store.mark_unanswered("tc-1", at(4)));
}

// Settled as never placed, then the held POST arrived after all and filled: the fill reopens the
// order and it is booked again.
TEST(StateStoreOrders, ALateFillReopensAnOrderSettledAsNeverPlaced) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(*store.insert_order(sample::intent("tc-1")));
  ASSERT_TRUE(store.mark_unanswered("tc-1", at(3)));
  core::Order never = store.find_order("tc-1")->value().order;
  never.status = core::OrderStatus::canceled;
  never.canceled_at = at(700);
  ASSERT_TRUE(store.update_order(never));
  ASSERT_TRUE(store.mark_booked("tc-1", at(700)));
  EXPECT_TRUE(store.unbooked_final_orders()->empty());

  auto late = sample::fill("f1", "tc-1");
  late.qty = dec("10");
  late.time = at(800);
  ASSERT_TRUE(*store.insert_fill(late));
  const auto order = store.find_order("tc-1")->value();
  EXPECT_TRUE(order.sent);
  EXPECT_EQ(order.order.id, "broker-tc-1");
  EXPECT_EQ(order.order.status, core::OrderStatus::filled);
  EXPECT_FALSE(order.order.canceled_at.has_value());
  ASSERT_EQ(store.unbooked_final_orders()->size(), 1U) << "booked again, now with its fill";
}
