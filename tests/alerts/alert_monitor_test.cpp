#include "alert_fakes.hpp"
#include "alerts/alert_monitor.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;
using crew::alerts::test::halted;
using crew::alerts::test::RecordingSink;

namespace {

// A store, two recording sinks ("log" and "webhook") and the default thresholds.
class AlertMonitorTest : public ::testing::Test {
protected:
  AlertMonitorTest() {
    auto opened = state::StateStore::open(m_dir / "state.db");
    EXPECT_TRUE(opened.ok()) << opened.error().message();
    m_store = std::make_unique<state::StateStore>(std::move(*opened));
    m_config = config::default_config().alerts;
  }

  AlertMonitor monitor() {
    std::vector<std::unique_ptr<AlertSink>> sinks;
    sinks.push_back(std::make_unique<RecordingSink>("log", m_log));
    sinks.push_back(std::make_unique<RecordingSink>("webhook", m_webhook));
    return AlertMonitor(m_config, *m_store, std::move(sinks));
  }

  std::vector<state::Event> alert_events() {
    auto events = m_store->events(at(-100'000), at(1'000'000), state::EventKind::alert);
    EXPECT_TRUE(events.ok());
    return events.ok() ? *events : std::vector<state::Event>{};
  }

  crew::test::TempDir m_dir;
  std::unique_ptr<state::StateStore> m_store;
  config::AlertsConfig m_config;
  std::shared_ptr<RecordingSink::Log> m_log = std::make_shared<RecordingSink::Log>();
  std::shared_ptr<RecordingSink::Log> m_webhook = std::make_shared<RecordingSink::Log>();
};

} // namespace

TEST_F(AlertMonitorTest, SendsAnAlertOncePerEpisodeNotOncePerTick) {
  auto m = monitor();
  const auto first = m.observe(halted(true), at(0));
  ASSERT_EQ(first.raised.size(), 1U);
  EXPECT_EQ(first.raised[0].key, "halt");
  EXPECT_EQ(first.delivered, 2);
  for (int tick = 1; tick <= 10; ++tick) {
    const auto later = m.observe(halted(true), at(tick * 60));
    EXPECT_TRUE(later.raised.empty());
    EXPECT_EQ(later.delivered, 0);
  }
  ASSERT_EQ(m_webhook->delivered.size(), 1U);
  EXPECT_FALSE(m_webhook->delivered[0].resolved);
  EXPECT_EQ(m_webhook->delivered[0].message,
            "trading is halted (drawdown 10.4% from the high-water mark)");
  EXPECT_EQ(m.open_episodes().size(), 1U);
}

TEST_F(AlertMonitorTest, ResolvesOnceTheConditionStaysClear) {
  auto m = monitor();
  (void)m.observe(halted(true), at(0));
  EXPECT_TRUE(m.observe(halted(false), at(60)).resolved.empty());  // clear for 0 s
  EXPECT_TRUE(m.observe(halted(false), at(300)).resolved.empty()); // 240 s < 300 s
  const auto ended = m.observe(halted(false), at(360));
  ASSERT_EQ(ended.resolved.size(), 1U);
  EXPECT_EQ(ended.resolved[0].since, at(0));
  EXPECT_EQ(ended.resolved[0].time, at(360));
  ASSERT_EQ(m_webhook->delivered.size(), 2U);
  EXPECT_TRUE(m_webhook->delivered[1].resolved);
  EXPECT_TRUE(m.open_episodes().empty());
  EXPECT_TRUE(m.observe(halted(false), at(420)).resolved.empty());
  // A new halt is a new episode.
  EXPECT_EQ(m.observe(halted(true), at(480)).raised.size(), 1U);
}

TEST_F(AlertMonitorTest, AFlickerShorterThanResolveAfterStaysOneEpisode) {
  auto m = monitor();
  (void)m.observe(halted(true), at(0));
  (void)m.observe(halted(false), at(60));
  (void)m.observe(halted(false), at(300));
  EXPECT_TRUE(m.observe(halted(true), at(330)).raised.empty());
  EXPECT_TRUE(m.observe(halted(false), at(390)).resolved.empty()); // the clock starts again
  EXPECT_TRUE(m.observe(halted(false), at(660)).resolved.empty());
  EXPECT_EQ(m.observe(halted(false), at(690)).resolved.size(), 1U);
  EXPECT_EQ(m_webhook->delivered.size(), 2U);
}

TEST_F(AlertMonitorTest, ResolvesAtOnceWhenResolveAfterIsZero) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  (void)m.observe(halted(true), at(0));
  EXPECT_EQ(m.observe(halted(false), at(60)).resolved.size(), 1U);
}

TEST_F(AlertMonitorTest, ResolvedGoesOnlyToTheLogWithoutSendResolved) {
  m_config.send_resolved = false;
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  (void)m.observe(halted(true), at(0));
  (void)m.observe(halted(false), at(60));
  EXPECT_EQ(m_log->delivered.size(), 2U);
  ASSERT_EQ(m_webhook->delivered.size(), 1U);
  EXPECT_FALSE(m_webhook->delivered[0].resolved);
}

TEST_F(AlertMonitorTest, AnUnobservedRuleNeitherRaisesNorResolves) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  (void)m.observe(halted(true), at(0));
  Health only_loop; // a watchdog's snapshot: the loop time alone
  only_loop.last_loop_time = at(100);
  const auto report = m.observe(only_loop, at(120));
  EXPECT_TRUE(report.raised.empty());
  EXPECT_TRUE(report.resolved.empty());
  EXPECT_EQ(m.open_episodes().size(), 1U);
}

TEST_F(AlertMonitorTest, ARestartDoesNotResendOpenEpisodes) {
  {
    auto m = monitor();
    (void)m.observe(halted(true), at(0));
  }
  auto restarted = monitor();
  EXPECT_EQ(restarted.open_episodes().size(), 1U);
  EXPECT_TRUE(restarted.observe(halted(true), at(600)).raised.empty());
  EXPECT_EQ(m_webhook->delivered.size(), 1U);
  m_config.resolve_after_seconds = 0;
  auto again = monitor();
  EXPECT_EQ(again.observe(halted(false), at(660)).resolved.size(), 1U);
  EXPECT_EQ(m_webhook->delivered.size(), 2U);
}

TEST_F(AlertMonitorTest, AFailedDeliveryIsRetriedForThatSinkAlone) {
  m_webhook->failing = true;
  auto m = monitor();
  const auto first = m.observe(halted(true), at(0));
  EXPECT_EQ(first.delivered, 1); // the log
  EXPECT_EQ(first.failed, 1);
  EXPECT_EQ(m.undelivered(), 1U);
  EXPECT_EQ(m.observe(halted(true), at(10)).failed, 0); // retry_delay(1) = 30 s not yet over
  EXPECT_EQ(m.observe(halted(true), at(60)).failed, 1);
  m_webhook->failing = false;
  EXPECT_EQ(m.observe(halted(true), at(119)).delivered, 0); // retry_delay(2) = 60 s from 60
  const auto sent = m.observe(halted(true), at(120));
  EXPECT_EQ(sent.delivered, 1);
  EXPECT_EQ(m.undelivered(), 0U);
  EXPECT_EQ(m_log->delivered.size(), 1U);
  EXPECT_EQ(m_webhook->delivered.size(), 1U);
  EXPECT_EQ(m_webhook->attempts, 3);
}

TEST_F(AlertMonitorTest, UndeliveredAlertsSurviveARestart) {
  m_webhook->failing = true;
  {
    auto m = monitor();
    (void)m.observe(halted(true), at(0));
  }
  m_webhook->failing = false;
  auto restarted = monitor();
  EXPECT_EQ(restarted.undelivered(), 1U);
  EXPECT_EQ(restarted.observe(halted(true), at(60)).delivered, 1);
  EXPECT_EQ(m_log->delivered.size(), 1U); // the log had it before the restart
  EXPECT_EQ(m_webhook->delivered.size(), 1U);
}

TEST_F(AlertMonitorTest, GivesUpOnAnAlertUndeliveredForADay) {
  m_webhook->failing = true;
  auto m = monitor();
  (void)m.observe(halted(true), at(0));
  (void)m.observe(halted(true), at(24 * 3600 - 1));
  EXPECT_EQ(m.undelivered(), 1U);
  (void)m.observe(halted(true), at(24 * 3600));
  EXPECT_EQ(m.undelivered(), 0U);
}

TEST_F(AlertMonitorTest, RecordsRaisedAndResolvedAsAlertEvents) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  Health health;
  health.daily_loss_limit_hit[core::AssetClass::crypto] = true;
  (void)m.observe(health, at(0));
  health.daily_loss_limit_hit[core::AssetClass::crypto] = false;
  (void)m.observe(health, at(60));
  const auto events = alert_events();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].market, core::AssetClass::crypto);
  EXPECT_EQ(events[0].message.rfind("daily_loss: CRYPTO hit its daily loss limit", 0), 0U);
  EXPECT_EQ(events[1].time, at(60));
  EXPECT_EQ(events[1].message.rfind("resolved daily_loss: ", 0), 0U);
}

TEST_F(AlertMonitorTest, ASinkConfiguredAwayIsNoLongerOwed) {
  m_webhook->failing = true;
  {
    auto m = monitor();
    (void)m.observe(halted(true), at(0));
  }
  std::vector<std::unique_ptr<AlertSink>> only_log;
  only_log.push_back(std::make_unique<RecordingSink>("log", m_log));
  AlertMonitor m(m_config, *m_store, std::move(only_log));
  EXPECT_EQ(m.undelivered(), 0U);
}

TEST_F(AlertMonitorTest, AMalformedStoredBookStartsEmpty) {
  ASSERT_TRUE(m_store->set_setting(k_alert_book_setting, "not json", at(0)).ok());
  auto m = monitor();
  EXPECT_TRUE(m.open_episodes().empty());
  EXPECT_EQ(m.observe(halted(true), at(10)).raised.size(), 1U);
  EXPECT_TRUE(load_alert_book(*m_store).ok()); // replaced by a good one
}

TEST(RetryDelay, DoublesFromThirtySecondsToFifteenMinutes) {
  EXPECT_EQ(retry_delay(1), std::chrono::seconds{30});
  EXPECT_EQ(retry_delay(2), std::chrono::seconds{60});
  EXPECT_EQ(retry_delay(5), std::chrono::seconds{480});
  EXPECT_EQ(retry_delay(6), std::chrono::minutes{15});
  EXPECT_EQ(retry_delay(100), std::chrono::minutes{15});
}

TEST_F(AlertMonitorTest, AHaltInTheStoreIsRaisedAndResolvedThroughStoreFacts) {
  m_config.resolve_after_seconds = 0;
  auto m = monitor();
  ASSERT_TRUE(m_store->record_heartbeat(at(0)).ok());
  ASSERT_TRUE(m_store->set_halted("crew stop", at(0)).ok());
  Health health;
  ASSERT_TRUE(add_store_facts(health, *m_store, 200, at(0)).ok());
  const auto raised = m.observe(health, at(0));
  ASSERT_EQ(raised.raised.size(), 1U);
  EXPECT_EQ(raised.raised[0].message, "trading is halted (crew stop)");
  ASSERT_TRUE(m_store->clear_halt(at(60)).ok());
  ASSERT_TRUE(m_store->record_heartbeat(at(60)).ok());
  Health later;
  ASSERT_TRUE(add_store_facts(later, *m_store, 200, at(60)).ok());
  EXPECT_EQ(m.observe(later, at(60)).resolved.size(), 1U);
  // A loop silent for stall_seconds, seen by a watchdog reading the last heartbeat.
  Health watchdog;
  ASSERT_TRUE(add_store_facts(watchdog, *m_store, 200, at(60 + 300)).ok());
  const auto stalled = m.observe(watchdog, at(60 + 300));
  ASSERT_EQ(stalled.raised.size(), 1U);
  EXPECT_EQ(stalled.raised[0].rule, "stall");
}
