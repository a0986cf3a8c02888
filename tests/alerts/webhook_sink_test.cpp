#include "alert_fakes.hpp"
#include "alerts/webhook_sink.hpp"
#include "alpaca/curl_transport.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <thread>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;

namespace {

// An HTTP receiver on loopback that answers POST /hook with `status` and keeps what arrived.
class HookReceiver {
public:
  explicit HookReceiver(int status) {
    m_server.Post("/hook",
                  [this, status](const httplib::Request& request, httplib::Response& response) {
                    const std::lock_guard lock(m_mutex);
                    m_bodies.push_back(request.body);
                    m_content_types.push_back(request.get_header_value("Content-Type"));
                    response.status = status;
                    if (status == 200) {
                      response.set_content("ok", "text/plain");
                    }
                  });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    // stop() before the accept loop runs would be lost and join() would wait forever.
    while (!m_server.is_running()) {
      std::this_thread::yield();
    }
  }
  ~HookReceiver() {
    m_server.stop();
    m_thread.join();
  }
  HookReceiver(const HookReceiver&) = delete;
  HookReceiver& operator=(const HookReceiver&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/hook"; }
  std::vector<std::string> bodies() const {
    const std::lock_guard lock(m_mutex);
    return m_bodies;
  }
  std::vector<std::string> content_types() const {
    const std::lock_guard lock(m_mutex);
    return m_content_types;
  }

private:
  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::vector<std::string> m_bodies;
  std::vector<std::string> m_content_types;
};

Alert drawdown_alert() {
  return Alert{"drawdown",
               "drawdown",
               Severity::warning,
               false,
               at(0),
               at(0),
               "equity 94000 is 6.00% below its high-water mark 100000 (alert at 5.0%)"};
}

WebhookSink sink_to(const std::string& url) {
  return WebhookSink(url, std::make_unique<alpaca::CurlTransport>(), std::chrono::seconds{5});
}

} // namespace

TEST(WebhookSink, PostsJsonThatSlackAndDiscordBothRead) {
  HookReceiver receiver(200);
  auto sink = sink_to(receiver.url());
  const auto sent = sink.deliver(drawdown_alert());
  ASSERT_TRUE(sent.ok()) << sent.error().message();
  ASSERT_EQ(receiver.bodies().size(), 1U);
  EXPECT_EQ(receiver.content_types()[0], "application/json");
  const auto json = nlohmann::json::parse(receiver.bodies()[0]);
  const auto text = json.at("text").get<std::string>();
  EXPECT_EQ(json.at("content").get<std::string>(), text);
  EXPECT_EQ(text.rfind("[crew] WARNING drawdown: equity 94000 is 6.00% below", 0), 0U) << text;
  EXPECT_NE(text.find("Raised at 2026-11-18T11:06:40Z"), std::string::npos) << text;
}

TEST(WebhookSink, DiscordsNoContentAnswerCountsAsDelivered) {
  HookReceiver receiver(204);
  auto sink = sink_to(receiver.url());
  EXPECT_TRUE(sink.deliver(drawdown_alert()).ok());
}

TEST(WebhookSink, AnErrorStatusFailsWithoutTheUrl) {
  HookReceiver receiver(500);
  auto sink = sink_to(receiver.url());
  const auto sent = sink.deliver(drawdown_alert());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().message(), "alerts.webhook_url: webhook answered HTTP 500");
}

TEST(WebhookSink, AnUnreachableReceiverFailsWithoutTheUrl) {
  int port = 0;
  {
    HookReceiver gone(200);
    port = std::stoi(gone.url().substr(17, 5));
  }
  const std::string secret_url = "http://127.0.0.1:" + std::to_string(port) + "/hook/SECRET";
  auto sink = sink_to(secret_url);
  const auto sent = sink.deliver(drawdown_alert());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().message().find("SECRET"), std::string::npos) << sent.error().message();
  EXPECT_NE(sent.error().message().find("webhook not reached"), std::string::npos);
}

TEST(WebhookBody, CutsLongTextToDiscordsLimit) {
  auto alert = drawdown_alert();
  alert.message = std::string(5000, 'x');
  const auto json = nlohmann::json::parse(webhook_body(alert));
  EXPECT_LE(json.at("content").get<std::string>().size(), 2000U);
  EXPECT_EQ(json.at("username"), "crew");
}
