// The stall watchdog on its own thread, with a hand-moved clock and a 5 ms check interval: a loop
// that keeps beating raises nothing; one silent for stall_seconds raises one critical "stall"
// alert (not one per check), which ends once the loop has beaten again for resolve_after_seconds.
#include "alert_fakes.hpp"
#include "alerts/stall_watchdog.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;
using crew::alerts::test::RecordingSink;

namespace {

constexpr auto k_check = std::chrono::milliseconds{5};

class StallWatchdogTest : public ::testing::Test {
protected:
  StallWatchdogTest() {
    auto opened = state::StateStore::open(m_dir / "state.db");
    EXPECT_TRUE(opened.ok()) << opened.error().message();
    m_store = std::make_unique<state::StateStore>(std::move(*opened));
    auto config = config::default_config().alerts;
    config.stall_seconds = 300;
    config.resolve_after_seconds = 60;
    std::vector<std::unique_ptr<AlertSink>> sinks;
    sinks.push_back(std::make_unique<RecordingSink>("webhook", m_webhook));
    m_monitor = std::make_unique<AlertMonitor>(config, *m_store, std::move(sinks),
                                               [this] { return at(m_seconds.load()); });
  }

  // Waits (real time, bounded) until the monitor's open stall episodes number `count`.
  bool stall_episodes_become(std::size_t count) {
    for (int i = 0; i < 10000; ++i) {
      std::size_t stalls = 0;
      for (const auto& episode : m_monitor->open_episodes()) {
        stalls += episode.rule == "stall" ? 1U : 0U;
      }
      if (stalls == count) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds{1});
    }
    return false;
  }

  // Lets the watchdog look a few more times at the present state.
  static void let_it_check() { std::this_thread::sleep_for(k_check * 10); }

  crew::test::TempDir m_dir;
  std::unique_ptr<state::StateStore> m_store;
  std::shared_ptr<RecordingSink::Log> m_webhook = std::make_shared<RecordingSink::Log>();
  std::atomic<std::int64_t> m_seconds{0}; // the monitor's clock: outlives the monitor
  std::unique_ptr<AlertMonitor> m_monitor;
};

} // namespace

TEST_F(StallWatchdogTest, ALoopThatKeepsBeatingRaisesNothing) {
  {
    StallWatchdog watchdog(*m_monitor, k_check);
    for (int tick = 1; tick <= 20; ++tick) {
      m_seconds += 60;
      watchdog.beat(at(m_seconds.load()));
      let_it_check();
    }
  }
  ASSERT_TRUE(m_monitor->drain(std::chrono::seconds{5}));
  EXPECT_TRUE(m_webhook->delivered().empty());
  EXPECT_TRUE(m_monitor->open_episodes().empty());
}

TEST_F(StallWatchdogTest, ASilentLoopRaisesOneStallAlertThenResolvesWhenItBeatsAgain) {
  {
    StallWatchdog watchdog(*m_monitor, k_check);
    m_seconds = 299;
    let_it_check();
    EXPECT_TRUE(stall_episodes_become(0)) << "299 s of silence is not a stall yet";
    m_seconds = 300;
    ASSERT_TRUE(stall_episodes_become(1)) << "no stall episode after 300 s of silence";
    m_seconds = 900; // still silent: the same episode
    let_it_check();
    watchdog.beat(at(900)); // the loop is back at 900 s
    m_seconds = 930;
    let_it_check();
    EXPECT_TRUE(stall_episodes_become(1)) << "ended before resolve_after_seconds";
    watchdog.beat(at(930));
    m_seconds = 990;
    ASSERT_TRUE(stall_episodes_become(0)) << "still open 90 s after the loop came back";
  }
  ASSERT_TRUE(m_monitor->drain(std::chrono::seconds{5}));
  const auto sent = m_webhook->delivered();
  ASSERT_EQ(sent.size(), 2U) << "one alert when raised, one when resolved";
  const Alert& alert = sent.front();
  EXPECT_EQ(alert.rule, "stall");
  EXPECT_EQ(alert.severity, Severity::critical);
  EXPECT_FALSE(alert.resolved);
  EXPECT_NE(alert.message.find("has not ticked for 300 s"), std::string::npos) << alert.message;
  EXPECT_TRUE(sent.back().resolved);
  auto events = m_store->events(at(-1), at(10'000), state::EventKind::alert);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2U) << "raised and resolved are both recorded";
  EXPECT_EQ(events->at(1).message.rfind("resolved stall: ", 0), 0U) << events->at(1).message;
}

TEST(StallWatchdogInterval, IsAQuarterOfTheThresholdBetweenOneAndFifteenSeconds) {
  EXPECT_EQ(StallWatchdog::check_interval(300), std::chrono::seconds{15});
  EXPECT_EQ(StallWatchdog::check_interval(20), std::chrono::seconds{5});
  EXPECT_EQ(StallWatchdog::check_interval(10), std::chrono::milliseconds{2500});
  EXPECT_EQ(StallWatchdog::check_interval(2), std::chrono::seconds{1});
}
