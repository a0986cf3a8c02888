#include "alert_fakes.hpp"
#include "alerts/alert_monitor.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;
using crew::alerts::test::eventually;
using crew::alerts::test::halted;
using crew::alerts::test::RecordingSink;

namespace {

// A store, two recording sinks ("log" and "webhook"), the default thresholds and the monitor's
// clock moved by hand (`observe_at` sets it, observes, and lets the queue deliver what is due).
class AlertMonitorTest : public ::testing::Test {
protected:
  AlertMonitorTest() {
    auto opened = state::StateStore::open(m_dir / "state.db");
    EXPECT_TRUE(opened.ok()) << opened.error().message();
    m_store = std::make_unique<state::StateStore>(std::move(*opened));
    m_config = config::default_config().alerts;
    m_delivery.shutdown_grace = std::chrono::milliseconds{100};
  }

  AlertMonitor::Now clock() {
    return [this] { return at(m_seconds.load()); };
  }

  std::unique_ptr<AlertMonitor> monitor() {
    std::vector<std::unique_ptr<AlertSink>> sinks;
    sinks.push_back(std::make_unique<RecordingSink>("log", m_log));
    sinks.push_back(std::make_unique<RecordingSink>("webhook", m_webhook));
    return std::make_unique<AlertMonitor>(m_config, *m_store, std::move(sinks), clock(),
                                          m_delivery);
  }

  ObserveReport observe_at(AlertMonitor& m, const Health& health, std::int64_t seconds,
                           std::optional<core::UtcTime> session_time = std::nullopt) {
    m_seconds = seconds;
    auto report = m.observe(health, session_time);
    EXPECT_TRUE(m.drain(std::chrono::seconds{5}));
    return report;
  }

  std::vector<state::Event> alert_events() {
    auto events = m_store->events(at(-10'000'000), at(10'000'000), state::EventKind::alert);
    EXPECT_TRUE(events.ok());
    return events.ok() ? *events : std::vector<state::Event>{};
  }

  crew::test::TempDir m_dir;
  std::unique_ptr<state::StateStore> m_store;
  config::AlertsConfig m_config;
  DeliveryOptions m_delivery;
  std::atomic<std::int64_t> m_seconds{0};
  std::shared_ptr<RecordingSink::Log> m_log = std::make_shared<RecordingSink::Log>();
  std::shared_ptr<RecordingSink::Log> m_webhook = std::make_shared<RecordingSink::Log>();
};

} // namespace

TEST_F(AlertMonitorTest, SendsAnAlertOncePerEpisodeNotOncePerTick) {
  auto m = monitor();
  const auto first = observe_at(*m, halted(true), 0);
  ASSERT_EQ(first.raised.size(), 1U);
  EXPECT_EQ(first.raised[0].key, "halt");
  for (int tick = 1; tick <= 10; ++tick) {
    EXPECT_TRUE(observe_at(*m, halted(true), tick * 60).raised.empty());
  }
  EXPECT_EQ(m_log->delivered().size(), 1U);
  const auto sent = m_webhook->delivered();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_FALSE(sent[0].resolved);
  EXPECT_EQ(sent[0].message, "trading is halted (drawdown 10.4% from the high-water mark)");
  EXPECT_EQ(m->open_episodes().size(), 1U);
  EXPECT_EQ(m->undelivered(), 0U);
}

TEST_F(AlertMonitorTest, ResolvesOnceTheConditionStaysClear) {
  auto m = monitor();
  (void)observe_at(*m, halted(true), 0);
  EXPECT_TRUE(observe_at(*m, halted(false), 60).resolved.empty());  // clear for 0 s
  EXPECT_TRUE(observe_at(*m, halted(false), 300).resolved.empty()); // 240 s < 300 s
  const auto ended = observe_at(*m, halted(false), 360);
  ASSERT_EQ(ended.resolved.size(), 1U);
  EXPECT_EQ(ended.resolved[0].since, at(0));
  EXPECT_EQ(ended.resolved[0].time, at(360));
  const auto sent = m_webhook->delivered();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_TRUE(sent[1].resolved);
  EXPECT_TRUE(m->open_episodes().empty());
  EXPECT_TRUE(observe_at(*m, halted(false), 420).resolved.empty());
  // A new halt is a new episode.
  EXPECT_EQ(observe_at(*m, halted(true), 480).raised.size(), 1U);
}

TEST_F(AlertMonitorTest, AFlickerShorterThanResolveAfterStaysOneEpisode) {
  auto m = monitor();
  (void)observe_at(*m, halted(true), 0);
  (void)observe_at(*m, halted(false), 60);
  (void)observe_at(*m, halted(false), 300);
  EXPECT_TRUE(observe_at(*m, halted(true), 330).raised.empty());
  EXPECT_TRUE(observe_at(*m, halted(false), 390).resolved.empty()); // the clock starts again
  EXPECT_TRUE(observe_at(*m, halted(false), 660).resolved.empty());
  EXPECT_EQ(observe_at(*m, halted(false), 690).resolved.size(), 1U);
  EXPECT_EQ(m_webhook->delivered().size(), 2U);
}

TEST_F(AlertMonitorTest, ResolvesAtOnceWhenResolveAfterIsZero) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  (void)observe_at(*m, halted(true), 0);
  EXPECT_EQ(observe_at(*m, halted(false), 60).resolved.size(), 1U);
}

TEST_F(AlertMonitorTest, ResolvedGoesOnlyToTheLogWithoutSendResolved) {
  m_config.send_resolved = false;
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  (void)observe_at(*m, halted(true), 0);
  (void)observe_at(*m, halted(false), 60);
  EXPECT_EQ(m_log->delivered().size(), 2U);
  const auto sent = m_webhook->delivered();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_FALSE(sent[0].resolved);
}

TEST_F(AlertMonitorTest, AnUnobservedRuleNeitherRaisesNorResolves) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  (void)observe_at(*m, halted(true), 0);
  Health only_loop; // a watchdog's snapshot: the loop time alone
  only_loop.last_loop_time = at(100);
  const auto report = observe_at(*m, only_loop, 120);
  EXPECT_TRUE(report.raised.empty());
  EXPECT_TRUE(report.resolved.empty());
  EXPECT_EQ(m->open_episodes().size(), 1U);
}

TEST_F(AlertMonitorTest, ARestartDoesNotResendOpenEpisodes) {
  {
    auto m = monitor();
    (void)observe_at(*m, halted(true), 0);
  }
  auto restarted = monitor();
  EXPECT_EQ(restarted->open_episodes().size(), 1U);
  EXPECT_TRUE(observe_at(*restarted, halted(true), 600).raised.empty());
  restarted.reset();
  EXPECT_EQ(m_webhook->delivered().size(), 1U);
  m_config.resolve_after_seconds = 0;
  auto again = monitor();
  EXPECT_EQ(observe_at(*again, halted(false), 660).resolved.size(), 1U);
  EXPECT_EQ(m_webhook->delivered().size(), 2U);
}

TEST_F(AlertMonitorTest, AFailedDeliveryIsRetriedForThatSinkAlone) {
  m_delivery.first_retry = std::chrono::milliseconds{20};
  m_webhook->set_failing(true);
  auto m = monitor();
  m_seconds = 0;
  (void)m->observe(halted(true));
  ASSERT_TRUE(eventually([&] { return m_webhook->attempts() >= 2; })) << "no retry";
  EXPECT_EQ(m_log->attempts(), 1) << "the log had it the first time";
  (void)m->observe(halted(true));
  EXPECT_EQ(m->undelivered(), 1U);
  m_webhook->set_failing(false);
  ASSERT_TRUE(eventually([&] { return m_webhook->delivered().size() == 1; }));
  (void)observe_at(*m, halted(true), 60);
  EXPECT_EQ(m->undelivered(), 0U);
  EXPECT_EQ(m_log->delivered().size(), 1U);
}

TEST_F(AlertMonitorTest, UndeliveredAlertsSurviveARestartWithTheirBackoff) {
  m_delivery.first_retry = std::chrono::hours{1};
  m_delivery.max_retry = std::chrono::hours{1};
  m_webhook->set_failing(true);
  {
    auto m = monitor();
    (void)observe_at(*m, halted(true), 0); // the webhook failed once: next try in an hour
  }
  auto book = load_alert_book(*m_store);
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->outbox.size(), 1U);
  EXPECT_EQ(book->outbox[0].pending, std::vector<std::string>{"webhook"});
  EXPECT_EQ(book->outbox[0].attempts, 1);
  EXPECT_EQ(book->outbox[0].next_attempt, at(3600));
  m_webhook->set_failing(false);
  {
    m_seconds = 1800; // half an hour later: not yet
    auto restarted = monitor();
    EXPECT_EQ(restarted->undelivered(), 1U);
    EXPECT_TRUE(restarted->drain(std::chrono::milliseconds{100}));
    EXPECT_TRUE(m_webhook->delivered().empty());
  }
  m_seconds = 3600;
  auto restarted = monitor();
  (void)observe_at(*restarted, halted(true), 3600);
  EXPECT_EQ(restarted->undelivered(), 0U);
  EXPECT_EQ(m_log->delivered().size(), 1U); // the log had it before the restart
  EXPECT_EQ(m_webhook->delivered().size(), 1U);
}

TEST_F(AlertMonitorTest, GivesUpOnAnAlertAfterMaxAttempts) {
  m_delivery.first_retry = std::chrono::milliseconds{1};
  m_delivery.max_attempts = 3;
  m_webhook->set_failing(true);
  auto m = monitor();
  (void)observe_at(*m, halted(true), 0);
  EXPECT_EQ(m_webhook->attempts(), 3);
  EXPECT_EQ(m->undelivered(), 0U);
  EXPECT_EQ(m->delivery_stats().gave_up, 1);
}

TEST_F(AlertMonitorTest, RecordsRaisedAndResolvedAsAlertEventsOnTheSessionClock) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  Health health;
  health.daily_loss_limit_hit[core::AssetClass::crypto] = true;
  (void)observe_at(*m, health, 0, at(-86'400));
  health.daily_loss_limit_hit[core::AssetClass::crypto] = false;
  (void)observe_at(*m, health, 60, at(-86'400 + 300 * 60));
  const auto events = alert_events();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].market, core::AssetClass::crypto);
  EXPECT_EQ(events[0].time, at(-86'400));
  EXPECT_EQ(events[0].message.rfind("daily_loss: CRYPTO hit its daily loss limit", 0), 0U);
  EXPECT_EQ(events[1].time, at(-86'400 + 300 * 60));
  EXPECT_EQ(events[1].message.rfind("resolved daily_loss: ", 0), 0U);
}

TEST_F(AlertMonitorTest, TheSessionTimeIsOnlyQuotedInTheAlert) {
  auto m = monitor();
  const auto raised = observe_at(*m, halted(true), 0, at(-16 * 86'400));
  ASSERT_EQ(raised.raised.size(), 1U);
  const Alert& alert = raised.raised[0];
  EXPECT_EQ(alert.since, at(0)) << "episodes are on the monitor's clock";
  EXPECT_EQ(alert.time, at(0));
  EXPECT_EQ(alert.session_time, at(-16 * 86'400));
  EXPECT_NE(body(alert).find("Session time: 2026-11-02T11:06:40Z"), std::string::npos)
      << body(alert);
  const auto sent = m_webhook->delivered();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0], alert);
}

TEST_F(AlertMonitorTest, ABookWrittenOnAFasterSessionClockStillResolves) {
  // An older version judged on the venue's clock, which ran days ahead: clear since then.
  AlertBook old;
  old.open["halt"] =
      Episode{"halt", "halt", Severity::critical, at(9 * 86'400), "halted", at(10 * 86'400)};
  ASSERT_TRUE(save_alert_book(*m_store, old, at(0)).ok());
  auto m = monitor();
  EXPECT_TRUE(observe_at(*m, halted(false), 0).resolved.empty());
  EXPECT_EQ(observe_at(*m, halted(false), 300).resolved.size(), 1U)
      << "clear since a time ahead of the clock counts as clear since the start";
}

TEST_F(AlertMonitorTest, ASinkConfiguredAwayIsNoLongerOwed) {
  m_webhook->set_failing(true);
  m_delivery.first_retry = std::chrono::hours{1};
  {
    auto m = monitor();
    (void)observe_at(*m, halted(true), 0);
  }
  std::vector<std::unique_ptr<AlertSink>> only_log;
  only_log.push_back(std::make_unique<RecordingSink>("log", m_log));
  AlertMonitor m(m_config, *m_store, std::move(only_log), clock(), m_delivery);
  EXPECT_EQ(m.undelivered(), 0U);
}

TEST_F(AlertMonitorTest, AMalformedStoredBookStartsEmpty) {
  ASSERT_TRUE(m_store->set_setting(k_alert_book_setting, "not json", at(0)).ok());
  auto m = monitor();
  EXPECT_TRUE(m->open_episodes().empty());
  EXPECT_EQ(observe_at(*m, halted(true), 10).raised.size(), 1U);
  EXPECT_TRUE(load_alert_book(*m_store).ok()); // replaced by a good one
}

TEST_F(AlertMonitorTest, AHaltInTheStoreIsRaisedAndResolvedThroughStoreFacts) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  ASSERT_TRUE(m_store->record_heartbeat(at(0)).ok());
  ASSERT_TRUE(m_store->set_halted("crew stop", at(0)).ok());
  Health health;
  ASSERT_TRUE(add_store_facts(health, *m_store, 200, at(0)).ok());
  const auto raised = observe_at(*m, health, 0, at(0));
  ASSERT_EQ(raised.raised.size(), 1U);
  EXPECT_EQ(raised.raised[0].message, "trading is halted (crew stop)");
  ASSERT_TRUE(m_store->clear_halt(at(60)).ok());
  ASSERT_TRUE(m_store->record_heartbeat(at(60)).ok());
  Health later;
  ASSERT_TRUE(add_store_facts(later, *m_store, 200, at(60)).ok());
  EXPECT_EQ(observe_at(*m, later, 60, at(60)).resolved.size(), 1U);
  // The heartbeats are on the session's clock: no stall is judged from them.
  Health much_later;
  ASSERT_TRUE(add_store_facts(much_later, *m_store, 200, at(60 + 300)).ok());
  EXPECT_FALSE(much_later.last_loop_time.has_value());
  EXPECT_TRUE(observe_at(*m, much_later, 60 + 300, at(60 + 300)).raised.empty());
}
