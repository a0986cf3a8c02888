#include "alpaca/retry_policy.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

using namespace std::chrono_literals;

const core::UtcTime k_now = core::UtcTime::from_seconds(1'700'000'000);

TransportResult status(int code, HttpHeaders headers = {}) {
  return HttpResponse{code, std::move(headers), "{}"};
}

TEST(RetryPolicy, RetriesGetsOnServerErrorsRateLimitsAndTransportFailures) {
  RetryPolicy policy({3, 100ms, 10s}, 1);
  EXPECT_TRUE(policy.delay_before_retry(HttpMethod::get, 0, status(500), k_now));
  EXPECT_TRUE(policy.delay_before_retry(HttpMethod::get, 0, status(503), k_now));
  EXPECT_TRUE(policy.delay_before_retry(HttpMethod::get, 0, status(429), k_now));
  EXPECT_TRUE(policy.delay_before_retry(
      HttpMethod::get, 0, TransportError{TransportErrorKind::timeout, "slow"}, k_now));
}

TEST(RetryPolicy, NeverRetriesSuccessOrClientErrors) {
  RetryPolicy policy({3, 100ms, 10s}, 1);
  EXPECT_FALSE(policy.delay_before_retry(HttpMethod::get, 0, status(200), k_now));
  EXPECT_FALSE(policy.delay_before_retry(HttpMethod::get, 0, status(401), k_now));
  EXPECT_FALSE(policy.delay_before_retry(HttpMethod::get, 0, status(422), k_now));
}

TEST(RetryPolicy, NeverRetriesAPost) {
  RetryPolicy policy({3, 100ms, 10s}, 1);
  EXPECT_FALSE(policy.delay_before_retry(HttpMethod::post, 0, status(500), k_now));
  EXPECT_FALSE(policy.delay_before_retry(
      HttpMethod::post, 0, TransportError{TransportErrorKind::timeout, "slow"}, k_now));
}

TEST(RetryPolicy, StopsAfterMaxRetries) {
  RetryPolicy policy({2, 100ms, 10s}, 1);
  EXPECT_TRUE(policy.delay_before_retry(HttpMethod::get, 1, status(500), k_now));
  EXPECT_FALSE(policy.delay_before_retry(HttpMethod::get, 2, status(500), k_now));
}

TEST(RetryPolicy, BacksOffExponentiallyWithJitterUnderTheCap) {
  RetryPolicy policy({10, 100ms, 1s}, 7);
  for (int n = 0; n < 8; ++n) {
    const auto full = std::min<std::chrono::nanoseconds>(100ms * (1 << n), 1s);
    const auto wait = *policy.delay_before_retry(HttpMethod::get, n, status(502), k_now);
    EXPECT_GE(wait, full / 2) << n;
    EXPECT_LE(wait, full) << n;
  }
}

TEST(RetryPolicy, HonoursRetryAfter) {
  RetryPolicy policy({3, 100ms, 30s}, 1);
  const auto wait =
      policy.delay_before_retry(HttpMethod::get, 0, status(503, {{"Retry-After", "4"}}), k_now);
  EXPECT_EQ(wait, std::chrono::nanoseconds{4s});
}

TEST(RetryPolicy, WaitsUntilTheRateLimitWindowResets) {
  RetryPolicy policy({3, 100ms, 30s}, 1);
  const auto reset = std::to_string(k_now.seconds() + 7);
  const auto wait = policy.delay_before_retry(HttpMethod::get, 0,
                                              status(429, {{"X-RateLimit-Reset", reset}}), k_now);
  EXPECT_EQ(wait, std::chrono::nanoseconds{7s});
}

TEST(RetryPolicy, WaitsASecondOnARateLimitWithoutHints) {
  RetryPolicy policy({3, 100ms, 30s}, 1);
  EXPECT_EQ(policy.delay_before_retry(HttpMethod::get, 0, status(429), k_now),
            std::chrono::nanoseconds{1s});
}

TEST(RetryPolicy, CapsServerHintsAtTheMaximumDelay) {
  RetryPolicy policy({3, 100ms, 5s}, 1);
  EXPECT_EQ(
      policy.delay_before_retry(HttpMethod::get, 0, status(429, {{"Retry-After", "600"}}), k_now),
      std::chrono::nanoseconds{5s});
}

} // namespace
} // namespace crew::alpaca
