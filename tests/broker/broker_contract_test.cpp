// One behaviour suite run against every Broker: SimBroker in process, and AlpacaBroker over a
// real fake_alpaca process on loopback (skipped when the binary is not built). Prices are driven
// by the harness: on_price for the SimBroker, POST /_fake/price for fake_alpaca.
#include "alpaca/curl_transport.hpp"
#include "broker/alpaca_broker.hpp"
#include "broker/sim_broker.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/wait.h>
#include <unistd.h>

namespace crew::broker {
namespace {

const core::Symbol k_btc = *core::classify_symbol("BTC/USD");

class Harness {
public:
  virtual ~Harness() = default;
  virtual Broker& broker() = 0;
  virtual void set_price(const core::Symbol& symbol, double price) = 0;
  virtual std::string skip_reason() const { return {}; }
};

class SimHarness final : public Harness {
public:
  Broker& broker() override { return m_broker; }
  void set_price(const core::Symbol& symbol, double price) override {
    m_broker.on_price(symbol, price, core::UtcTime::from_seconds(1'700'000'000 + 60 * m_minute++));
  }

private:
  SimBroker m_broker;
  int m_minute = 0;
};

class FakeAlpacaHarness final : public Harness {
public:
  FakeAlpacaHarness() {
#ifdef CREW_FAKE_ALPACA_BIN
    start(CREW_FAKE_ALPACA_BIN);
#else
    m_skip = "fake_alpaca was not built (CREW_FAKE_ALPACA_BIN undefined)";
#endif
  }
  ~FakeAlpacaHarness() override {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  Broker& broker() override {
    return *m_broker;
  }
  void set_price(const core::Symbol& symbol, double price) override {
    httplib::Client control("127.0.0.1", m_port);
    const std::string body =
        "{\"symbol\":\"" + symbol.str() + "\",\"price\":" + std::to_string(price) + "}";
    control.Post("/_fake/price", {{"APCA-API-KEY-ID", "K"}, {"APCA-API-SECRET-KEY", "S"}}, body,
                 "application/json");
  }
  std::string skip_reason() const override {
    return m_skip;
  }
  void drop_next_order_response() {
    httplib::Client control("127.0.0.1", m_port);
    control.Post("/_fake/faults", {{"APCA-API-KEY-ID", "K"}, {"APCA-API-SECRET-KEY", "S"}},
                 "{\"drop_next_order_response\":true}", "application/json");
  }

private:
  void start(const char* binary) {
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) {
      m_skip = "pipe failed";
      return;
    }
    m_pid = ::fork();
    if (m_pid == 0) {
      ::dup2(pipe_fds[1], STDOUT_FILENO);
      ::close(pipe_fds[0]);
      const std::string data = m_dir.path().string();
      const std::string state = (m_dir.path() / "state.json").string();
      ::execl(binary, binary, "--port", "0", "--data", data.c_str(), "--state", state.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    FILE* out = ::fdopen(pipe_fds[0], "r");
    if (out == nullptr || std::fscanf(out, "%d", &m_port) != 1) {
      m_skip = "fake_alpaca did not print its port";
      return;
    }
    alpaca::ApiClientSettings settings;
    settings.base_url = "http://127.0.0.1:" + std::to_string(m_port);
    m_api = std::make_unique<alpaca::ApiClient>(m_transport, nullptr, settings,
                                                alpaca::Credentials{"K", "S"});
    m_client = std::make_unique<alpaca::TradingClient>(*m_api);
    m_broker = std::make_unique<AlpacaBroker>(*m_client);
  }

  test::TempDir m_dir;
  pid_t m_pid = -1;
  int m_port = 0;
  std::string m_skip;
  alpaca::CurlTransport m_transport;
  std::unique_ptr<alpaca::ApiClient> m_api;
  std::unique_ptr<alpaca::TradingClient> m_client;
  std::unique_ptr<AlpacaBroker> m_broker;
};

template <typename H>
class BrokerContract : public ::testing::Test {
protected:
  void SetUp() override {
    if (const auto reason = m_harness.skip_reason(); !reason.empty()) {
      GTEST_SKIP() << reason;
    }
  }
  Broker& broker() { return m_harness.broker(); }
  H m_harness;
};

using Harnesses = ::testing::Types<SimHarness, FakeAlpacaHarness>;
TYPED_TEST_SUITE(BrokerContract, Harnesses);

core::OrderRequest btc(core::Side side, const char* qty, const std::string& id) {
  core::OrderRequest r;
  r.symbol = k_btc;
  r.side = side;
  r.qty = *core::parse_decimal(qty);
  r.time_in_force = core::TimeInForce::gtc;
  r.client_order_id = id;
  return r;
}

TYPED_TEST(BrokerContract, MarketBuyFillsAndOpensAPositionNetOfTheCoinFee) {
  this->m_harness.set_price(k_btc, 100);
  const auto submitted = this->broker().submit(btc(core::Side::buy, "1", "contract-buy"));
  ASSERT_TRUE(submitted.ok()) << submitted.error->message;
  this->m_harness.set_price(k_btc, 100);
  const auto order = this->broker().order_by_client_id("contract-buy");
  ASSERT_TRUE(order && order->has_value());
  EXPECT_EQ((*order)->status, core::OrderStatus::filled);
  const auto positions = this->broker().positions();
  ASSERT_TRUE(positions);
  ASSERT_EQ(positions->size(), 1U);
  EXPECT_EQ(positions->front().symbol.str(), "BTC/USD");
  EXPECT_EQ(positions->front().qty, *core::parse_decimal("0.9975"));
  const auto fills = this->broker().fills_since(core::UtcTime::from_seconds(0));
  ASSERT_TRUE(fills) << fills.error().message();
  EXPECT_EQ(fills->size(), 1U);
}

TYPED_TEST(BrokerContract, DuplicateClientOrderIdIsRefused) {
  this->m_harness.set_price(k_btc, 100);
  ASSERT_TRUE(this->broker().submit(btc(core::Side::buy, "1", "contract-dup")).ok());
  const auto again = this->broker().submit(btc(core::Side::buy, "1", "contract-dup"));
  ASSERT_TRUE(again.error);
  EXPECT_EQ(again.error->kind, SubmitError::Kind::duplicate_client_order_id);
}

TYPED_TEST(BrokerContract, OpenLimitOrderCanBeCanceled) {
  this->m_harness.set_price(k_btc, 100);
  auto limit = btc(core::Side::buy, "1", "contract-limit");
  limit.type = core::OrderType::limit;
  limit.limit_price = *core::parse_decimal("50");
  const auto submitted = this->broker().submit(limit);
  ASSERT_TRUE(submitted.ok()) << submitted.error->message;
  this->m_harness.set_price(k_btc, 100);
  auto open = this->broker().open_orders();
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1U);
  ASSERT_TRUE(this->broker().cancel(open->front().id));
  EXPECT_TRUE(this->broker().open_orders()->empty());
}

TYPED_TEST(BrokerContract, CloseAllFlattensEveryPosition) {
  this->m_harness.set_price(k_btc, 100);
  ASSERT_TRUE(this->broker().submit(btc(core::Side::buy, "1", "contract-close")).ok());
  this->m_harness.set_price(k_btc, 100);
  ASSERT_EQ(this->broker().positions()->size(), 1U);
  const auto closed = this->broker().close_all();
  ASSERT_TRUE(closed) << closed.error().message();
  this->m_harness.set_price(k_btc, 110);
  EXPECT_TRUE(this->broker().positions()->empty());
}

TYPED_TEST(BrokerContract, VenueRefusalsAgree) {
  this->m_harness.set_price(k_btc, 100);
  auto day = btc(core::Side::buy, "1", "contract-day");
  day.time_in_force = core::TimeInForce::day;
  EXPECT_EQ(this->broker().submit(day).error->http_status, 422);
  EXPECT_EQ(
      this->broker().submit(btc(core::Side::buy, "100000", "contract-poor")).error->http_status,
      403);
  EXPECT_EQ(this->broker().submit(btc(core::Side::sell, "1", "contract-short")).error->http_status,
            403);
}

TEST(AlpacaBrokerOverFake, DroppedOrderResponseIsRecoveredByClientOrderId) {
  FakeAlpacaHarness harness;
  if (const auto reason = harness.skip_reason(); !reason.empty()) {
    GTEST_SKIP() << reason;
  }
  harness.set_price(k_btc, 100);
  harness.drop_next_order_response();
  const auto submitted = harness.broker().submit(btc(core::Side::buy, "1", "dropped-1"));
  ASSERT_TRUE(submitted.ok()) << submitted.error->message;
  EXPECT_EQ(submitted.order->client_order_id, "dropped-1");
  const auto again = harness.broker().submit(btc(core::Side::buy, "1", "dropped-1"));
  ASSERT_TRUE(again.error);
  EXPECT_EQ(again.error->kind, SubmitError::Kind::duplicate_client_order_id);
}

} // namespace
} // namespace crew::broker
