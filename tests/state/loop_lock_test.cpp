#include "state/loop_lock.hpp"
#include "state/state_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

using namespace crew;
using namespace crew::state;
using sample::at;

TEST(LoopLock, ASecondLoopIsRefusedNamingTheFirst) {
  test::TempDir dir;
  auto first = LoopLock::acquire(dir / "state.db", "paper", at(0));
  ASSERT_TRUE(first) << first.error().message();
  auto second = LoopLock::acquire(dir / "state.db", "sim", at(5));
  ASSERT_FALSE(second);
  const auto message = second.error().message();
  EXPECT_NE(message.find("pid " + std::to_string(::getpid())), std::string::npos) << message;
  EXPECT_NE(message.find("--paper"), std::string::npos) << message;
  EXPECT_NE(message.find("state.db.lock"), std::string::npos) << message;
}

TEST(LoopLock, IsFreeAgainWhenTheHolderEnds) {
  test::TempDir dir;
  {
    auto first = LoopLock::acquire(dir / "state.db", "sim", at(0));
    ASSERT_TRUE(first);
    ASSERT_TRUE(LoopLock::holder(dir / "state.db").has_value());
  }
  EXPECT_FALSE(LoopLock::holder(dir / "state.db").has_value());
  EXPECT_TRUE(LoopLock::acquire(dir / "state.db", "sim", at(1)));
}

TEST(LoopLock, TellsWhoHoldsItWithoutTakingIt) {
  test::TempDir dir;
  EXPECT_FALSE(LoopLock::holder(dir / "state.db").has_value()); // no file yet
  auto first = LoopLock::acquire(dir / "state.db", "live", at(0));
  ASSERT_TRUE(first);
  const auto holder = LoopLock::holder(dir / "state.db");
  ASSERT_TRUE(holder.has_value());
  EXPECT_EQ(holder->pid, ::getpid());
  EXPECT_EQ(holder->mode, "live");
  EXPECT_EQ(holder->since, "2024-01-03T14:30:00Z");
  // Looking did not take it: the holder still holds it, and a second loop is still refused.
  EXPECT_FALSE(LoopLock::acquire(dir / "state.db", "sim", at(1)));
}

TEST(LoopLock, AHolderKilledOutrightFreesTheHome) {
  test::TempDir dir;
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto held = LoopLock::acquire(dir / "state.db", "paper", at(0));
    const char byte = held ? 'y' : 'n';
    (void)!::write(ready[1], &byte, 1);
    ::pause(); // until SIGKILL: no destructor runs
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ASSERT_EQ(byte, 'y');
  const auto holder = LoopLock::holder(dir / "state.db");
  ASSERT_TRUE(holder.has_value());
  EXPECT_EQ(holder->pid, child);
  EXPECT_FALSE(LoopLock::acquire(dir / "state.db", "sim", at(1)));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  EXPECT_FALSE(LoopLock::holder(dir / "state.db").has_value());
  EXPECT_TRUE(LoopLock::acquire(dir / "state.db", "sim", at(2)));
}
