#pragma once
// HttpTransport: the port through which every Alpaca REST call leaves the process. CurlTransport
// is the real one; tests script an in-memory one. A transport only moves bytes: it neither
// retries, nor rate-limits, nor interprets statuses (ApiClient does that).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace crew::alpaca {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

enum class HttpMethod { get, post, patch, del };

std::string_view to_string(HttpMethod method);

struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  std::string url; // absolute, query string included
  HttpHeaders headers;
  std::string body;
  std::chrono::milliseconds timeout{10'000};
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
  // The value of the first header named `name` (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const;
};

// Why no HTTP response arrived. Every kind is worth a retry for an idempotent request.
enum class TransportErrorKind { timeout, connection_failed, connection_dropped, tls, other };

std::string_view to_string(TransportErrorKind kind);

struct TransportError {
  TransportErrorKind kind = TransportErrorKind::other;
  std::string detail; // never contains request headers
};

// Either a response (of any status) or the reason there was none.
using TransportResult = std::variant<HttpResponse, TransportError>;

class HttpTransport {
public:
  virtual ~HttpTransport() = default;
  // Performs one request. Safe to call from several threads (implementations serialise).
  virtual TransportResult send(const HttpRequest& request) = 0;
};

// True when `value` can go into a request header as it is: no control character (CR, LF, NUL, any
// other byte below 0x20, DEL), which would end the header line and start another of its own.
bool is_header_value(std::string_view value);

// Percent-encodes a query-string value (RFC 3986 unreserved characters stay as they are).
std::string url_encode(std::string_view text);

} // namespace crew::alpaca
