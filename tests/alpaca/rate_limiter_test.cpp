#include "alpaca/rate_limiter.hpp"
#include "scripted_transport.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace crew::alpaca {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsATenthOfAMinutesRequestsAtOnce) {
  test::FakeTime time;
  RateLimiter limiter(200, time.clock(), time.sleeper());
  for (int i = 0; i < 20; ++i) {
    limiter.acquire();
  }
  EXPECT_TRUE(time.sleeps.empty());
  EXPECT_GT(limiter.try_acquire(), 0ns);
}

TEST(RateLimiter, NeverGrantsMoreThanItsLimitInAnySixtySeconds) {
  test::FakeTime time;
  RateLimiter limiter(200, time.clock(), time.sleeper());
  std::vector<std::chrono::nanoseconds> granted;
  for (int i = 0; i < 1000; ++i) {
    limiter.acquire();
    granted.push_back(time.now);
  }
  for (std::size_t first = 0, last = 0; first < granted.size(); ++first) {
    while (last < granted.size() && granted[last] < granted[first] + 60s) {
      ++last;
    }
    ASSERT_LE(last - first, 200U) << "window starting at request " << first;
  }
  // …and uses it: 1000 requests take about (1000 - 20) / 180 minutes.
  EXPECT_NEAR(std::chrono::duration<double>(time.now).count(), 980.0 / 180.0 * 60.0, 1.0);
}

TEST(RateLimiter, WaitsForTheNextTokenWhenEmpty) {
  test::FakeTime time;
  RateLimiter limiter(61, time.clock(), time.sleeper(), 1); // refills 60 a minute
  limiter.acquire();
  limiter.acquire();
  ASSERT_EQ(time.sleeps.size(), 1U);
  EXPECT_NEAR(std::chrono::duration<double>(time.sleeps[0]).count(), 1.0, 1e-6);
}

TEST(RateLimiter, RefillsTheLimitLessTheBurst) {
  test::FakeTime time;
  RateLimiter limiter(130, time.clock(), time.sleeper(), 10); // 120 a minute: 2 per second
  for (int i = 0; i < 10; ++i) {
    limiter.acquire();
  }
  time.now += 5s;
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(limiter.try_acquire(), 0ns) << i;
  }
  EXPECT_GT(limiter.try_acquire(), 0ns);
}

TEST(RateLimiter, NeverHoldsMoreThanItsBurst) {
  test::FakeTime time;
  RateLimiter limiter(60, time.clock(), time.sleeper(), 3);
  time.now += 1h;
  int granted = 0;
  while (limiter.try_acquire() == 0ns) {
    ++granted;
  }
  EXPECT_EQ(granted, 3);
}

TEST(RateLimiter, DrainEmptiesTheBucket) {
  test::FakeTime time;
  RateLimiter limiter(200, time.clock(), time.sleeper());
  limiter.drain();
  EXPECT_GT(limiter.try_acquire(), 0ns);
}

TEST(RateLimiter, SharedBetweenThreadsGrantsEachTokenOnce) {
  test::FakeTime time;
  RateLimiter limiter(200, time.clock(), time.sleeper(), 100); // 100 tokens at once
  std::atomic<int> granted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (limiter.try_acquire() == 0ns) {
          ++granted;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(granted.load(), 100);
}

} // namespace
} // namespace crew::alpaca
