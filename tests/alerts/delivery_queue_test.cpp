// The delivery queue on its own: push never waits for a sink; a full lane drops the oldest
// waiting warning (counted and logged), never a critical alert while a warning is there; a failure
// is retried with doubling delays a bounded number of times; one stuck sink holds up only itself;
// shutdown gives due deliveries their grace, and with receivers that never answer (a loopback
// HTTP server and an SMTP server that accept and stay silent) it ends within that grace.
#include "alert_fakes.hpp"
#include "alerts/delivery_queue.hpp"
#include "alerts/smtp_sink.hpp"
#include "alerts/webhook_sink.hpp"
#include "alpaca/curl_transport.hpp"
#include "silent_server.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;
using crew::alerts::test::CapturedLog;
using crew::alerts::test::eventually;
using crew::alerts::test::GateSink;
using crew::alerts::test::RecordingSink;
using crew::alerts::test::SilentServer;
using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

Alert alert_named(const std::string& key, Severity severity = Severity::warning) {
  return Alert{key, "halt", severity, false, at(0), at(0), key + " happened"};
}

std::vector<std::string> keys(const std::vector<Alert>& alerts) {
  std::vector<std::string> out;
  for (const auto& a : alerts) {
    out.push_back(a.key);
  }
  return out;
}

std::vector<std::string> keys_with(const std::vector<DeliveryResult>& results,
                                   DeliveryOutcome outcome) {
  std::vector<std::string> out;
  for (const auto& r : results) {
    if (r.outcome == outcome) {
      out.push_back(r.alert.key);
    }
  }
  return out;
}

template <typename... Sinks>
std::vector<std::unique_ptr<AlertSink>> sinks_of(Sinks... sinks) {
  std::vector<std::unique_ptr<AlertSink>> out;
  (out.push_back(std::move(sinks)), ...);
  return out;
}

DeliveryOptions fast(std::size_t capacity = 100) {
  DeliveryOptions options;
  options.capacity = capacity;
  options.max_attempts = 4;
  options.first_retry = milliseconds{20};
  options.max_retry = milliseconds{40};
  options.shutdown_grace = milliseconds{200};
  return options;
}

long long elapsed_ms(Steady::time_point since) {
  return std::chrono::duration_cast<milliseconds>(Steady::now() - since).count();
}

} // namespace

TEST(DeliveryQueue, PushNeverWaitsForABlockedSink) {
  auto gate = std::make_shared<GateSink::Gate>();
  DeliveryQueue queue(sinks_of(std::make_unique<GateSink>("webhook", gate)), fast());
  const auto start = Steady::now();
  for (int i = 1; i <= 5; ++i) {
    queue.push(alert_named("a" + std::to_string(i)), "webhook");
  }
  EXPECT_LT(elapsed_ms(start), 5) << "five pushes while the sink is blocked";
  ASSERT_TRUE(eventually([&] { return gate->entered_count() == 1; }));
  gate->open_it();
  ASSERT_TRUE(queue.drain(std::chrono::seconds{5}));
  EXPECT_EQ(keys(gate->delivered_alerts()),
            (std::vector<std::string>{"a1", "a2", "a3", "a4", "a5"}));
  EXPECT_EQ(queue.stats().delivered, 5);
}

TEST(DeliveryQueue, AFullLaneDropsTheOldestWarningNeverACriticalWhileAWarningWaits) {
  CapturedLog log;
  auto gate = std::make_shared<GateSink::Gate>();
  DeliveryQueue queue(sinks_of(std::make_unique<GateSink>("webhook", gate)), fast(3));
  queue.push(alert_named("w1"), "webhook");
  ASSERT_TRUE(eventually([&] { return gate->entered_count() == 1; })) << "w1 in flight";
  queue.push(alert_named("w2"), "webhook");
  queue.push(alert_named("c1", Severity::critical), "webhook"); // full: w1 (in flight), w2, c1
  queue.push(alert_named("w3"), "webhook");                     // pushes out w2
  queue.push(alert_named("c2", Severity::critical), "webhook"); // pushes out w3
  queue.push(alert_named("w4"), "webhook");                     // only criticals wait: w4 itself
  queue.push(alert_named("c3", Severity::critical), "webhook"); // the oldest critical, c1
  EXPECT_EQ(queue.stats().dropped, 4);
  EXPECT_EQ(keys_with(queue.take_results(), DeliveryOutcome::dropped),
            (std::vector<std::string>{"w2", "w3", "w4", "c1"}));
  gate->open_it();
  ASSERT_TRUE(queue.drain(std::chrono::seconds{5}));
  EXPECT_EQ(keys(gate->delivered_alerts()), (std::vector<std::string>{"w1", "c2", "c3"}))
      << "the one in flight is never dropped";
  EXPECT_EQ(log.count("the webhook queue is full (3 alerts): dropped"), 4) << log.text();
  EXPECT_EQ(log.count("dropped the raised critical alert 'c1'"), 1) << log.text();
}

TEST(DeliveryQueue, RetriesAFailureWithDoublingDelaysABoundedNumberOfTimes) {
  auto webhook = std::make_shared<RecordingSink::Log>();
  webhook->set_failing(true);
  DeliveryQueue queue(sinks_of(std::make_unique<RecordingSink>("webhook", webhook)), fast());
  queue.push(alert_named("halt"), "webhook");
  ASSERT_TRUE(eventually([&] { return queue.stats().gave_up == 1; }));
  std::this_thread::sleep_for(milliseconds{100});
  ASSERT_EQ(webhook->attempts(), 4) << "max_attempts, then no more";
  const auto times = webhook->attempt_times();
  const std::vector<int> least = {20, 40, 40}; // 20 ms doubling to at most 40 ms
  for (std::size_t i = 1; i < times.size(); ++i) {
    EXPECT_GE(std::chrono::duration_cast<milliseconds>(times[i] - times[i - 1]).count(),
              least[i - 1])
        << "attempt " << i + 1;
  }
  const auto results = queue.take_results();
  ASSERT_EQ(results.size(), 4U);
  EXPECT_EQ(results[0].outcome, DeliveryOutcome::failed);
  EXPECT_EQ(results[0].retry_in, milliseconds{20});
  EXPECT_EQ(results[2].retry_in, milliseconds{40});
  EXPECT_EQ(results[3].outcome, DeliveryOutcome::gave_up);
  EXPECT_EQ(results[3].attempts, 4);
}

TEST(DeliveryQueue, AReceiverThatRecoversGetsTheRetriedAlert) {
  auto webhook = std::make_shared<RecordingSink::Log>();
  webhook->fail_first(2);
  DeliveryQueue queue(sinks_of(std::make_unique<RecordingSink>("webhook", webhook)), fast());
  queue.push(alert_named("halt"), "webhook");
  ASSERT_TRUE(queue.drain(std::chrono::seconds{5}));
  EXPECT_EQ(webhook->attempts(), 3);
  EXPECT_EQ(keys(webhook->delivered()), (std::vector<std::string>{"halt"}));
  const auto results = queue.take_results();
  EXPECT_EQ(keys_with(results, DeliveryOutcome::failed).size(), 2U);
  EXPECT_EQ(keys_with(results, DeliveryOutcome::delivered), (std::vector<std::string>{"halt"}));
}

TEST(DeliveryQueue, AStuckSinkHoldsUpOnlyItsOwnDeliveries) {
  auto gate = std::make_shared<GateSink::Gate>();
  auto log = std::make_shared<RecordingSink::Log>();
  DeliveryQueue queue(sinks_of(std::make_unique<GateSink>("webhook", gate),
                               std::make_unique<RecordingSink>("log", log)),
                      fast());
  for (const auto* key : {"a", "b"}) {
    queue.push(alert_named(key), "webhook");
    queue.push(alert_named(key), "log");
  }
  EXPECT_TRUE(eventually([&] { return log->delivered().size() == 2; }, milliseconds{1000}))
      << "the log waited for the webhook";
  EXPECT_TRUE(gate->delivered_alerts().empty());
  gate->open_it();
  EXPECT_TRUE(queue.drain(std::chrono::seconds{5}));
}

TEST(DeliveryQueue, ShutdownGivesDueDeliveriesTheirGrace) {
  CapturedLog captured;
  auto gate = std::make_shared<GateSink::Gate>();
  auto options = fast();
  options.shutdown_grace = std::chrono::seconds{5};
  DeliveryQueue queue(sinks_of(std::make_unique<GateSink>("webhook", gate)), options);
  for (int i = 1; i <= 3; ++i) {
    queue.push(alert_named("a" + std::to_string(i)), "webhook");
  }
  std::thread opener([&] {
    std::this_thread::sleep_for(milliseconds{50});
    gate->open_it();
  });
  EXPECT_EQ(queue.shutdown(), 0U);
  opener.join();
  EXPECT_EQ(gate->delivered_alerts().size(), 3U);
  EXPECT_EQ(captured.count("gave up"), 0) << captured.text();
  queue.push(alert_named("late"), "webhook"); // after shutdown: not taken
  EXPECT_EQ(gate->delivered_alerts().size(), 3U);
}

TEST(DeliveryQueue, ShutdownEndsWithinItsGraceWhenReceiversNeverAnswer) {
  CapturedLog captured;
  SilentServer hook;
  SilentServer mail;
  SmtpSettings smtp;
  smtp.url = mail.smtp_url();
  smtp.from = "crew@example.com";
  smtp.to = {"ops@example.com"};
  smtp.timeout = std::chrono::seconds{20};
  auto options = fast();
  options.shutdown_grace = milliseconds{300};
  DeliveryQueue queue(sinks_of(std::make_unique<WebhookSink>(
                                   hook.http_url(), std::make_unique<alpaca::CurlTransport>(),
                                   std::chrono::seconds{20}),
                               std::make_unique<SmtpSink>(smtp)),
                      options);
  queue.push(alert_named("halt", Severity::critical), "webhook");
  queue.push(alert_named("halt", Severity::critical), "email");
  queue.push(alert_named("drawdown"), "webhook");
  ASSERT_TRUE(eventually([&] { return hook.accepted() == 1 && mail.accepted() == 1; }))
      << "both deliveries are in flight, waiting for an answer";
  const auto start = Steady::now();
  EXPECT_EQ(queue.shutdown(), 3U) << "two in flight, one waiting behind the webhook";
  const auto took = elapsed_ms(start);
  EXPECT_GE(took, 290);
  EXPECT_LT(took, 600) << "the sinks' own timeouts are 20 s";
  EXPECT_EQ(captured.count("alerts: shutdown: gave up after "), 1) << captured.text();
  EXPECT_EQ(captured.count(" on 3 pending deliveries (2 stuck on a receiver that has not answered, "
                           "1 waiting for a retry or behind one)"),
            1)
      << captured.text();
  // The silent servers close their connections when destroyed: the lanes left behind then end.
}

TEST(RetryDelay, DoublesFromThirtySecondsToFifteenMinutes) {
  EXPECT_EQ(retry_delay(1), std::chrono::seconds{30});
  EXPECT_EQ(retry_delay(2), std::chrono::seconds{60});
  EXPECT_EQ(retry_delay(5), std::chrono::seconds{480});
  EXPECT_EQ(retry_delay(6), std::chrono::minutes{15});
  EXPECT_EQ(retry_delay(100), std::chrono::minutes{15});
  EXPECT_EQ(retry_delay(3, milliseconds{20}, milliseconds{40}), milliseconds{40});
}
