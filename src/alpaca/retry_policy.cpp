// Backoff: base · 2^n, scaled by a random factor in [0.5, 1] ("equal jitter") so clients that
// failed together do not retry together, capped at max_delay. A server hint wins when present:
// Retry-After (seconds) first, then X-RateLimit-Reset (Unix seconds when the window resets);
// a 429 without either waits at least a second (alpaca-api.md 2.2). Hints are capped too.
#include "alpaca/retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <string>

namespace crew::alpaca {
namespace {

std::optional<std::int64_t> parse_integer(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto* begin = text->data();
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc{} || ptr == begin) {
    return std::nullopt;
  }
  return value;
}

} // namespace

RetryPolicy::RetryPolicy(RetrySettings settings, std::uint64_t seed)
    : m_settings(settings), m_random(seed) {}

bool RetryPolicy::retryable_status(int status) {
  return status == 429 || status >= 500;
}

std::chrono::nanoseconds RetryPolicy::backoff(int retries_done) {
  const int exponent = std::clamp(retries_done, 0, 20);
  const auto full = std::min<std::chrono::nanoseconds>(
      m_settings.base_delay * (std::int64_t{1} << exponent), m_settings.max_delay);
  double factor = 1.0;
  {
    const std::lock_guard lock(m_mutex);
    factor = std::uniform_real_distribution<double>(0.5, 1.0)(m_random);
  }
  return std::chrono::nanoseconds{
      static_cast<std::int64_t>(static_cast<double>(full.count()) * factor)};
}

std::optional<std::chrono::nanoseconds>
RetryPolicy::delay_before_retry(HttpMethod method, int retries_done, const TransportResult& outcome,
                                core::UtcTime now) {
  if (method != HttpMethod::get || retries_done >= m_settings.max_retries) {
    return std::nullopt;
  }
  const auto* response = std::get_if<HttpResponse>(&outcome);
  if (response == nullptr) {
    return backoff(retries_done);
  }
  if (!retryable_status(response->status)) {
    return std::nullopt;
  }
  const std::chrono::nanoseconds cap = m_settings.max_delay;
  if (const auto after = parse_integer(response->header("Retry-After")); after && *after >= 0) {
    return std::min<std::chrono::nanoseconds>(std::chrono::seconds{*after}, cap);
  }
  if (response->status == 429) {
    std::chrono::nanoseconds wait = std::chrono::seconds{1};
    if (const auto reset = parse_integer(response->header("X-RateLimit-Reset")); reset) {
      const auto until_reset = core::UtcTime::from_seconds(*reset) - now;
      wait = std::max<std::chrono::nanoseconds>(until_reset, std::chrono::milliseconds{100});
    }
    return std::min(wait, cap);
  }
  return backoff(retries_done);
}

} // namespace crew::alpaca
