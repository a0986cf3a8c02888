// Small helpers of the transport port: names for logs, header values and query-string encoding.
#include "alpaca/http_transport.hpp"

#include <algorithm>
#include <cctype>

namespace crew::alpaca {

std::string_view to_string(HttpMethod method) {
  switch (method) {
  case HttpMethod::get:
    return "GET";
  case HttpMethod::post:
    return "POST";
  case HttpMethod::patch:
    return "PATCH";
  case HttpMethod::del:
    return "DELETE";
  }
  return "GET";
}

std::string_view to_string(TransportErrorKind kind) {
  switch (kind) {
  case TransportErrorKind::timeout:
    return "timeout";
  case TransportErrorKind::connection_failed:
    return "connection failed";
  case TransportErrorKind::connection_dropped:
    return "connection dropped";
  case TransportErrorKind::tls:
    return "TLS error";
  case TransportErrorKind::other:
    return "transport error";
  }
  return "transport error";
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  const auto same = [name](const std::string& candidate) {
    return candidate.size() == name.size() &&
           std::equal(candidate.begin(), candidate.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  for (const auto& [key, value] : headers) {
    if (same(key)) {
      return value;
    }
  }
  return std::nullopt;
}

bool is_header_value(std::string_view value) {
  return std::none_of(value.begin(), value.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; });
}

std::string url_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(k_hex[byte >> 4U]);
      out.push_back(k_hex[byte & 0x0FU]);
    }
  }
  return out;
}

} // namespace crew::alpaca
