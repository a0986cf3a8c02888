#pragma once
// ApiClient: one Alpaca REST base URL with everything a call needs around the transport: auth
// headers, the account's shared rate limiter, retries of GETs, a count of requests per endpoint,
// and an observer told of every attempt that went on the wire (the app records them in the state
// store for `crew status`, the dashboard and `crew report`). The secret key is sent in a header
// and never appears in an error, a log line, a counter or a record.
#include "alpaca/http_transport.hpp"
#include "alpaca/rate_limiter.hpp"
#include "alpaca/retry_policy.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crew::alpaca {

struct Credentials {
  std::string key_id;
  std::string secret_key;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;
// The wall clock, read to interpret X-RateLimit-Reset (Unix seconds).
using WallClock = std::function<core::UtcTime()>;
WallClock system_wall_clock();

struct ApiClientSettings {
  std::string base_url; // e.g. https://data.alpaca.markets (no trailing slash needed)
  std::chrono::milliseconds timeout{10'000};
  RetrySettings retry;
  std::uint64_t jitter_seed = 0; // 0: random
};

// Requests sent per endpoint (retries included), safe to share between threads.
class RequestCounter {
public:
  void add(const std::string& endpoint);
  std::map<std::string, std::uint64_t> counts() const;
  std::uint64_t total() const;

private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::uint64_t> m_counts;
};

// One attempt that went on the wire: a retried request is one record per attempt.
struct RequestRecord {
  HttpMethod method = HttpMethod::get;
  std::string endpoint; // the path, or the name the caller gave it ("/v2/orders/{id}"); no query
  int status = 0;       // the HTTP status; 0 when no answer came (see `error`)
  std::optional<TransportErrorKind> error; // why no answer came
  core::UtcTime time;                      // the wall clock when it was sent
};
// Called on the thread that made the request, after the attempt's outcome is known.
using RequestObserver = std::function<void(const RequestRecord&)>;

class ApiClient {
public:
  ApiClient(HttpTransport& transport, std::shared_ptr<RateLimiter> limiter,
            ApiClientSettings settings, Credentials credentials, Sleeper sleeper = thread_sleeper(),
            WallClock wall_clock = system_wall_clock());

  // GET base_url + path (+ query). A 2xx response is returned; anything else after retries is an
  // Error "HTTP <status> (<code>): <message>" with where = "GET <path>". `endpoint` names the
  // counter entry (default: the path), e.g. "/v2/stocks/{symbol}/bars".
  core::Result<HttpResponse> get(std::string_view path, const QueryParams& query = {},
                                 std::string_view endpoint = {});
  // Any method, JSON body; only GETs are retried. The final response is returned whatever its
  // status; only a transport failure is an Error (the caller decides what a status means).
  core::Result<HttpResponse> send(HttpMethod method, std::string_view path,
                                  const QueryParams& query = {}, std::string body = {},
                                  std::string_view endpoint = {});

  // Set before the first request: it is read without a lock.
  void set_observer(RequestObserver observer) { m_observer = std::move(observer); }
  const RequestCounter& counter() const { return m_counter; }
  // Retries performed so far (for summaries).
  std::uint64_t retries() const;
  const std::string& base_url() const { return m_settings.base_url; }

private:
  std::string url(std::string_view path, const QueryParams& query) const;

  HttpTransport& m_transport;
  std::shared_ptr<RateLimiter> m_limiter;
  ApiClientSettings m_settings;
  Credentials m_credentials;
  RetryPolicy m_retry;
  Sleeper m_sleeper;
  WallClock m_wall_clock;
  RequestCounter m_counter;
  RequestObserver m_observer;
  mutable std::mutex m_mutex;
  std::uint64_t m_retries = 0;
};

// "HTTP 401 (40110000): access key verification failed …" from a non-2xx response.
std::string describe_http_error(const HttpResponse& response);

} // namespace crew::alpaca
