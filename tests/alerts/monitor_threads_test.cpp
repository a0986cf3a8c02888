// The monitor as the program runs it, fed by the loop and by the stall watchdog on two threads:
// - with a webhook that never answers, or an SMTP server that never greets (loopback servers that
//   accept and stay silent), observe() returns within milliseconds while the delivery is stuck,
//   and the monitor's shutdown ends within the queue's grace;
// - one clock: the loop passes the time of a venue that runs 300 times faster than the wall clock
//   (and 16 days behind it), the watchdog passes none; episodes, retries and stalls are judged on
//   the monitor's clock alone, and the session's time only dates the events.
#include "alert_fakes.hpp"
#include "alerts/alert_monitor.hpp"
#include "alerts/smtp_sink.hpp"
#include "alerts/stall_watchdog.hpp"
#include "alerts/webhook_sink.hpp"
#include "alpaca/curl_transport.hpp"
#include "silent_server.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;
using crew::alerts::test::eventually;
using crew::alerts::test::halted;
using crew::alerts::test::RecordingSink;
using crew::alerts::test::SilentServer;
using Steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr long long k_observe_bound_ms = 50; // "a few milliseconds", with room for a loaded CI

std::unique_ptr<state::StateStore> open_store(const crew::test::TempDir& dir) {
  auto opened = state::StateStore::open(dir / "state.db");
  EXPECT_TRUE(opened.ok());
  return std::make_unique<state::StateStore>(std::move(*opened));
}

long long ms_since(Steady::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Steady::now() - start).count();
}

// How long one observe() took, in milliseconds (kept in microseconds as the test properties
// observe_us_1, observe_us_2, … of --gtest_output=xml).
long long time_observe(AlertMonitor& monitor, const Health& health) {
  static int calls = 0;
  const auto start = Steady::now();
  (void)monitor.observe(health, at(0));
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(Steady::now() - start);
  ::testing::Test::RecordProperty("observe_us_" + std::to_string(++calls),
                                  std::to_string(took.count()));
  return std::chrono::duration_cast<milliseconds>(took).count();
}

DeliveryOptions quick_shutdown() {
  DeliveryOptions options;
  options.shutdown_grace = milliseconds{200};
  return options;
}

// A stuck receiver: observe() stays fast while the delivery hangs, and so does the end.
void observe_while_stuck(std::unique_ptr<AlertSink> sink, const SilentServer& silent) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  std::vector<std::unique_ptr<AlertSink>> sinks;
  sinks.push_back(std::move(sink));
  auto monitor = std::make_unique<AlertMonitor>(
      config::default_config().alerts, *store, std::move(sinks), [] { return at(0); },
      quick_shutdown());
  EXPECT_LT(time_observe(*monitor, halted(true)), k_observe_bound_ms);
  ASSERT_TRUE(eventually([&] { return silent.accepted() == 1; })) << "never reached the receiver";
  std::this_thread::sleep_for(milliseconds{50}); // the delivery is stuck in the receiver
  Health more = halted(true);
  more.equity = EquityMark{core::Decimal::from_int(90),
                           core::Decimal::from_int(100)}; // a second alert: drawdown
  EXPECT_LT(time_observe(*monitor, more), k_observe_bound_ms);
  EXPECT_LT(time_observe(*monitor, more), k_observe_bound_ms);
  EXPECT_EQ(monitor->undelivered(), 2U);
  const auto start = Steady::now();
  monitor.reset(); // shutdown: 200 ms of grace, then the stuck delivery is left behind
  EXPECT_LT(ms_since(start), 200 + 300);
  auto book = load_alert_book(*store);
  ASSERT_TRUE(book.ok());
  EXPECT_EQ(book->outbox.size(), 2U) << "still owed, for the next start";
}

} // namespace

TEST(MonitorThreads, ObserveReturnsAtOnceWhileTheWebhookNeverAnswers) {
  SilentServer silent;
  observe_while_stuck(std::make_unique<WebhookSink>(silent.http_url(),
                                                    std::make_unique<alpaca::CurlTransport>(),
                                                    std::chrono::seconds{20}),
                      silent);
}

TEST(MonitorThreads, ObserveReturnsAtOnceWhileTheSmtpServerNeverGreets) {
  SilentServer silent;
  SmtpSettings smtp;
  smtp.url = silent.smtp_url();
  smtp.from = "crew@example.com";
  smtp.to = {"ops@example.com"};
  smtp.timeout = std::chrono::seconds{20};
  observe_while_stuck(std::make_unique<SmtpSink>(smtp), silent);
}

TEST(MonitorThreads, TheLoopAndTheWatchdogJudgeEpisodesOnOneClock) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  auto webhook = std::make_shared<RecordingSink::Log>();
  webhook->set_failing(true);
  std::vector<std::unique_ptr<AlertSink>> sinks;
  sinks.push_back(std::make_unique<RecordingSink>("webhook", webhook));
  std::atomic<std::int64_t> wall{0};
  auto config = config::default_config().alerts; // resolve after 300 s, stall after 300 s
  AlertMonitor monitor(
      config, *store, std::move(sinks), [&] { return at(wall.load()); }, quick_shutdown());
  const auto venue = [](std::int64_t w) { return at(-16 * 86'400 + 300 * w); };
  {
    StallWatchdog watchdog(monitor, milliseconds{5});
    for (std::int64_t w = 0; w <= 10; ++w) {
      wall = w;
      const auto report = monitor.observe(halted(w < 1), venue(w));
      EXPECT_TRUE(report.resolved.empty()) << "resolved after " << w << " s of wall time";
      watchdog.beat(venue(w));
      std::this_thread::sleep_for(milliseconds{20});
    }
    EXPECT_EQ(monitor.open_episodes().size(), 1U) << "the halt must stay open 9 s after it cleared";
    // The loop goes silent: 300 s of wall time later the watchdog sees a stall.
    wall = 10 + 300;
    ASSERT_TRUE(eventually([&] { return monitor.open_episodes().size() == 2; }))
        << "no stall after 300 s of wall-clock silence";
  }
  EXPECT_EQ(monitor.undelivered(), 2U) << "the halt and the stall are still owed to the webhook";
  EXPECT_EQ(webhook->attempts(), 2) << "one attempt each: the next retry is 30 s of real time away";
  auto events = store->events(at(-17 * 86'400), at(86'400), state::EventKind::alert);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ(events->at(0).time, venue(0)) << "the halt dated on the session's clock";
  EXPECT_EQ(events->at(1).time, venue(10)) << "the stall dated at the last tick's session time";
  EXPECT_EQ(events->at(1).message.rfind("stall: the loop has not ticked for 300 s", 0), 0U)
      << events->at(1).message;
}
