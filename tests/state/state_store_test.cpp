// StateStore as a whole: opening, durability settings, and crash safety. The crash tests fork a
// child that writes through its own StateStore and is killed with SIGKILL at a known point (it
// reports progress through a pipe, so no sleeps); the parent then reopens the file.
#include "state/database.hpp"
#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

using namespace crew;
using namespace crew::state;

namespace {

// Forks a child running `body(write_fd)`; the child never returns into the test framework.
pid_t spawn(const std::function<int(int)>& body, int& read_fd) {
  int fds[2];
  if (::pipe(fds) != 0) {
    return -1;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    ::_exit(body(fds[1]));
  }
  ::close(fds[1]);
  read_fd = fds[0];
  return pid;
}

void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status)) << "child exited by itself with " << WEXITSTATUS(status);
}

std::string integrity(const std::filesystem::path& file) {
  auto db = Database::open(file);
  auto stmt = db->prepare("PRAGMA integrity_check");
  EXPECT_TRUE(*stmt->step());
  return stmt->text(0);
}

void signal_parent(int fd) {
  const char byte = 'x';
  (void)!::write(fd, &byte, 1);
}

} // namespace

TEST(StateStore, OpensInWalModeWithForeignKeys) {
  crew::test::TempDir dir;
  auto store = StateStore::open(dir / "nested" / "state.db");
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ(store->path(), dir / "nested" / "state.db");
  auto db = Database::open(dir / "nested" / "state.db");
  auto mode = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(*mode->step());
  EXPECT_EQ(mode->text(0), "wal");
}

TEST(StateStore, NotADatabaseIsAClearError) {
  crew::test::TempDir dir;
  const auto file = dir.write("state.db", std::string(4096, 'x'));
  auto store = StateStore::open(file);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().message().find("state.db"), std::string::npos);
}

TEST(StateStore, FastModeStoresTheSameRows) {
  crew::test::TempDir dir;
  {
    auto store = StateStore::open(dir / "sim.db", StoreOptions{.durable = false});
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(*store->insert_order(sample::intent("tc-1")));
  }
  auto store = StateStore::open(dir / "sim.db");
  EXPECT_TRUE(store->find_order("tc-1")->has_value());
}

TEST(StateStore, KillMidTransactionKeepsCommittedRowsOnly) {
  crew::test::TempDir dir;
  const auto file = dir / "state.db";
  int progress = -1;
  const pid_t pid = spawn(
      [&](int fd) {
        auto store = StateStore::open(file);
        if (!store) {
          return 3;
        }
        for (int i = 0; i < 10; ++i) {
          if (!store->insert_order(sample::intent("tc-c-" + std::to_string(i))).ok()) {
            return 4;
          }
        }
        // A transaction big enough to spill uncommitted pages into the WAL, then wait to die.
        (void)store->atomically([&]() -> core::Status {
          for (int i = 0; i < 3000; ++i) {
            OrderRecord record = sample::intent("tc-u-" + std::to_string(i));
            record.reason = std::string(4000, 'r');
            (void)store->insert_order(record);
            (void)store->insert_fill(
                sample::fill("f-u-" + std::to_string(i), record.order.client_order_id));
          }
          signal_parent(fd);
          char byte = 0;
          (void)!::read(fd, &byte, 1); // never answered: the parent kills us here
          return {};
        });
        return 5;
      },
      progress);
  ASSERT_GT(pid, 0);
  char byte = 0;
  ASSERT_EQ(::read(progress, &byte, 1), 1);
  kill_and_reap(pid);
  ::close(progress);

  EXPECT_EQ(integrity(file), "ok");
  auto store = StateStore::open(file);
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto orders = store->orders();
  ASSERT_EQ(orders->size(), 10U);
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(store->find_order("tc-c-" + std::to_string(i))->has_value());
  }
  EXPECT_FALSE(store->find_order("tc-u-0")->has_value());
  EXPECT_TRUE(store->fills_since(sample::at(-100000))->empty());
}

TEST(StateStore, KillBetweenCommitsLosesNoAcknowledgedOrder) {
  crew::test::TempDir dir;
  const auto file = dir / "state.db";
  for (int acknowledged : {1, 7, 23}) {
    int progress = -1;
    const pid_t pid = spawn(
        [&](int fd) {
          auto store = StateStore::open(file);
          if (!store) {
            return 3;
          }
          for (int i = 0;; ++i) {
            const std::string id = "tc-" + std::to_string(acknowledged) + "-" + std::to_string(i);
            if (!store->atomically([&]() -> core::Status {
                  if (auto inserted = store->insert_order(sample::intent(id)); !inserted) {
                    return inserted.error();
                  }
                  auto fill = store->insert_fill(sample::fill("f-" + id, id));
                  return fill ? core::Status{} : core::Status{fill.error()};
                })) {
              return 4;
            }
            signal_parent(fd); // after the commit returned: the order must survive
          }
        },
        progress);
    ASSERT_GT(pid, 0);
    char byte = 0;
    for (int i = 0; i < acknowledged; ++i) {
      ASSERT_EQ(::read(progress, &byte, 1), 1);
    }
    kill_and_reap(pid);
    ::close(progress);

    EXPECT_EQ(integrity(file), "ok");
    auto store = StateStore::open(file);
    ASSERT_TRUE(store.ok()) << store.error().message();
    for (int i = 0; i < acknowledged; ++i) {
      const std::string id = "tc-" + std::to_string(acknowledged) + "-" + std::to_string(i);
      EXPECT_TRUE(store->find_order(id)->has_value()) << id;
      EXPECT_EQ(store->fills_of_order(id)->size(), 1U) << id;
    }
    // Every order that made it has its fill: the pair was one transaction.
    const auto stored = store->orders();
    ASSERT_TRUE(stored.ok());
    for (const OrderRecord& r : *stored) {
      EXPECT_EQ(store->fills_of_order(r.order.client_order_id)->size(), 1U);
    }
  }
}
