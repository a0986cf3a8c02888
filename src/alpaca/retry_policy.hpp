#pragma once
// RetryPolicy: decides whether a failed request is tried again and after how long. Only GETs are
// retried (never a POST: an order must be looked up by client_order_id, not resent); on 429, 5xx
// and transport errors, with exponential backoff and jitter, honouring Retry-After and
// X-RateLimit-Reset. Pure apart from its seeded random jitter.
#include "alpaca/http_transport.hpp"
#include "core/time.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>

namespace crew::alpaca {

struct RetrySettings {
  int max_retries = 4;
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{30'000};
};

class RetryPolicy {
public:
  explicit RetryPolicy(RetrySettings settings = {}, std::uint64_t seed = std::random_device{}());

  // The wait before retry number `retries_done + 1`, or nullopt when `outcome` is final (success,
  // a non-retryable status, a non-GET, or retries exhausted). `now` reads X-RateLimit-Reset.
  std::optional<std::chrono::nanoseconds> delay_before_retry(HttpMethod method, int retries_done,
                                                             const TransportResult& outcome,
                                                             core::UtcTime now);

  // Whether a status is worth retrying at all (429 and 5xx).
  static bool retryable_status(int status);

  const RetrySettings& settings() const { return m_settings; }

private:
  std::chrono::nanoseconds backoff(int retries_done);

  RetrySettings m_settings;
  std::mt19937_64 m_random;
  std::mutex m_mutex;
};

} // namespace crew::alpaca
