#include "state/client_order_id.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace crew;
using namespace crew::state;

namespace {

OrderDecision decision() {
  OrderDecision d;
  d.symbol = *core::classify_symbol("BTC/USD");
  d.strategy = "rsi_mean_reversion";
  d.side = core::Side::buy;
  d.bar_time = *core::parse_rfc3339("2024-01-03T14:30:00Z");
  return d;
}

} // namespace

TEST(ClientOrderId, SameDecisionGivesSameId) {
  EXPECT_EQ(make_client_order_id(decision()), make_client_order_id(decision()));
}

TEST(ClientOrderId, IsShortReadableAndSafe) {
  const std::string id = make_client_order_id(decision());
  EXPECT_LE(id.size(), 48U);
  EXPECT_TRUE(id.starts_with("tc-"));
  EXPECT_NE(id.find("-b-BTCUSD-240103T1430"), std::string::npos) << id;
  EXPECT_NE(id.find("rsimeanr"), std::string::npos) << id;
  for (char c : id) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-') << id;
  }
}

TEST(ClientOrderId, EveryFieldChangesTheId) {
  std::set<std::string> ids;
  ids.insert(make_client_order_id(decision()));
  auto d = decision();
  d.symbol = *core::classify_symbol("ETH/USD");
  ids.insert(make_client_order_id(d));
  d = decision();
  d.strategy = "rsi_mean_reversion2"; // same first 8 readable characters: the hash differs
  ids.insert(make_client_order_id(d));
  d = decision();
  d.side = core::Side::sell;
  ids.insert(make_client_order_id(d));
  d = decision();
  d.bar_time = d.bar_time + std::chrono::seconds{1};
  ids.insert(make_client_order_id(d));
  d = decision();
  d.attempt = 1;
  ids.insert(make_client_order_id(d));
  EXPECT_EQ(ids.size(), 6U);
}

TEST(ClientOrderId, LongNamesStayWithin48Characters) {
  auto d = decision();
  d.symbol = *core::classify_symbol("BRK.B");
  d.strategy = std::string(100, 'x');
  d.attempt = 12345;
  EXPECT_LE(make_client_order_id(d).size(), 48U);
}
