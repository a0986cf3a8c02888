// One request = acquire a limiter token, send, and on a retryable outcome wait as the retry
// policy says and go again. A 429 also drains the shared bucket, since the server's window is
// full for every caller of the account. Logs name method, path and status, never headers.
#include "alpaca/api_client.hpp"

#include "alpaca/json_mapping.hpp"

#include <spdlog/spdlog.h>

namespace crew::alpaca {

WallClock system_wall_clock() {
  return [] {
    return core::UtcTime::from_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
  };
}

void RequestCounter::add(const std::string& endpoint) {
  const std::lock_guard lock(m_mutex);
  ++m_counts[endpoint];
}

std::map<std::string, std::uint64_t> RequestCounter::counts() const {
  const std::lock_guard lock(m_mutex);
  return m_counts;
}

std::uint64_t RequestCounter::total() const {
  const std::lock_guard lock(m_mutex);
  std::uint64_t sum = 0;
  for (const auto& [endpoint, count] : m_counts) {
    sum += count;
  }
  return sum;
}

std::string describe_http_error(const HttpResponse& response) {
  std::string what = "HTTP " + std::to_string(response.status);
  if (auto body = parse_error_body(response.body, ""); body) {
    if (body->code) {
      what += " (" + std::to_string(*body->code) + ")";
    }
    what += ": " + body->message;
  } else if (!response.body.empty()) {
    what += ": " + response.body.substr(0, 200);
  }
  return what;
}

ApiClient::ApiClient(HttpTransport& transport, std::shared_ptr<RateLimiter> limiter,
                     ApiClientSettings settings, Credentials credentials, Sleeper sleeper,
                     WallClock wall_clock)
    : m_transport(transport), m_limiter(std::move(limiter)), m_settings(std::move(settings)),
      m_credentials(std::move(credentials)),
      m_retry(m_settings.retry,
              m_settings.jitter_seed != 0 ? m_settings.jitter_seed : std::random_device{}()),
      m_sleeper(std::move(sleeper)), m_wall_clock(std::move(wall_clock)) {
  while (!m_settings.base_url.empty() && m_settings.base_url.back() == '/') {
    m_settings.base_url.pop_back();
  }
}

std::uint64_t ApiClient::retries() const {
  const std::lock_guard lock(m_mutex);
  return m_retries;
}

std::string ApiClient::url(std::string_view path, const QueryParams& query) const {
  std::string out = m_settings.base_url + std::string(path);
  char separator = '?';
  for (const auto& [key, value] : query) {
    out += separator;
    out += url_encode(key) + "=" + url_encode(value);
    separator = '&';
  }
  return out;
}

core::Result<HttpResponse> ApiClient::send(HttpMethod method, std::string_view path,
                                           const QueryParams& query, std::string body,
                                           std::string_view endpoint) {
  const std::string where = std::string(to_string(method)) + " " + std::string(path);
  if (!is_header_value(m_credentials.key_id) || !is_header_value(m_credentials.secret_key)) {
    // They would end the header line and inject headers of their own; not sent, never shown.
    return core::Error{"the Alpaca keys contain a control character; nothing was sent", where};
  }
  HttpRequest request;
  request.method = method;
  request.url = url(path, query);
  request.timeout = m_settings.timeout;
  request.headers = {{"APCA-API-KEY-ID", m_credentials.key_id},
                     {"APCA-API-SECRET-KEY", m_credentials.secret_key},
                     {"Accept", "application/json"}};
  if (!body.empty()) {
    request.headers.emplace_back("Content-Type", "application/json");
  }
  request.body = std::move(body);
  const std::string counter_name(endpoint.empty() ? path : endpoint);
  for (int retries_done = 0;; ++retries_done) {
    if (m_limiter) {
      m_limiter->acquire();
    }
    m_counter.add(counter_name);
    const auto sent = m_wall_clock();
    TransportResult outcome = m_transport.send(request);
    const auto* response = std::get_if<HttpResponse>(&outcome);
    if (m_observer) {
      // Paths carry no query today; cut one anyway, so a parameter never reaches a record.
      RequestRecord record{method, counter_name.substr(0, counter_name.find('?')), 0, std::nullopt,
                           sent};
      if (response != nullptr) {
        record.status = response->status;
      } else {
        record.error = std::get<TransportError>(outcome).kind;
      }
      m_observer(record);
    }
    if (response != nullptr && response->status == 429 && m_limiter) {
      m_limiter->drain();
    }
    const auto wait = m_retry.delay_before_retry(method, retries_done, outcome, m_wall_clock());
    if (!wait) {
      if (response != nullptr) {
        return *response;
      }
      const auto& error = std::get<TransportError>(outcome);
      return core::Error{std::string(to_string(error.kind)) + ": " + error.detail, where};
    }
    if (response != nullptr) {
      spdlog::debug("alpaca: {} answered {}; retry {} in {} ms", where, response->status,
                    retries_done + 1,
                    std::chrono::duration_cast<std::chrono::milliseconds>(*wait).count());
    } else {
      spdlog::debug("alpaca: {} failed ({}); retry {} in {} ms", where,
                    to_string(std::get<TransportError>(outcome).kind), retries_done + 1,
                    std::chrono::duration_cast<std::chrono::milliseconds>(*wait).count());
    }
    {
      const std::lock_guard lock(m_mutex);
      ++m_retries;
    }
    m_sleeper(*wait);
  }
}

core::Result<HttpResponse> ApiClient::get(std::string_view path, const QueryParams& query,
                                          std::string_view endpoint) {
  auto response = send(HttpMethod::get, path, query, {}, endpoint);
  if (!response) {
    return response.error();
  }
  if (response->status < 200 || response->status >= 300) {
    return core::Error{describe_http_error(*response), "GET " + std::string(path)};
  }
  return response;
}

} // namespace crew::alpaca
