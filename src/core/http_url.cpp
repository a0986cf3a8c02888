// RFC 3986 authority parsing, restricted to what reads one way only. libcurl (7.88, urlapi.c)
// takes the userinfo up to the first '@' of the authority, URL-decodes the host and sends a
// trailing dot to DNS, which ignores it; browsers take the last '@' and treat '\' as '/'. So:
// at most one '@', a host of letters, digits, '-', '_' and '.' once decoded (nothing that could
// end the host or be mapped to another name: no '%', '/', '@', ':', '\', space or non-ASCII),
// bracketed IPv6 literals without a zone index, ports 1 to 65535.
#include "core/http_url.hpp"

#include <algorithm>

namespace crew::core {
namespace {

constexpr std::size_t k_max_host = 253; // DNS: a name of at most 253 characters...
constexpr std::size_t k_max_label = 63; // ... in labels of at most 63

const char* const k_not_http = "must be an http:// or https:// URL";

bool is_control_or_space(char c) {
  return static_cast<unsigned char>(c) <= ' ' || c == '\x7f';
}

// ASCII only, whatever the locale: a non-ASCII letter would be a different (IDN) name.
bool is_letter_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    c = lower(c);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// RFC 3986 userinfo: unreserved, percent-encoded, sub-delims and ':'.
bool is_userinfo(std::string_view text) {
  for (const char c : text) {
    if (!is_letter_or_digit(c) &&
        std::string_view("-._~%!$&'()*+,;=:").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

// A registered name: percent-decoded, lower-cased, without the trailing dot; nullptr on success.
const char* read_name(std::string_view text, std::string& host) {
  const char* const complaint =
      "must name a host of letters, digits, '-' and '.' (or an IPv6 address in brackets)";
  host.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = high >= 0 ? hex_value(text[i + 2]) : -1;
      if (low < 0) {
        return "must write '%' only as %XX with two hex digits";
      }
      c = static_cast<char>(high * 16 + low);
      i += 2;
    }
    if (!is_letter_or_digit(c) && c != '-' && c != '_' && c != '.') {
      return complaint;
    }
    host.push_back(lower(c));
  }
  if (!host.empty() && host.back() == '.') {
    host.pop_back(); // "api.alpaca.markets." is api.alpaca.markets
  }
  if (host.empty() || host.size() > k_max_host) {
    return complaint;
  }
  std::size_t start = 0;
  while (start <= host.size()) {
    const auto dot = std::min(host.find('.', start), host.size());
    if (dot == start || dot - start > k_max_label) {
      return complaint; // an empty label ("a..b", ".a", "a..") or an overlong one
    }
    start = dot + 1;
  }
  return nullptr;
}

// The inside of "[...]": hex digits, ':' and the dots of an embedded IPv4 address, no zone index.
bool is_ipv6_literal(std::string_view text) {
  if (text.find(':') == std::string_view::npos || text.size() > 45) {
    return false;
  }
  for (const char c : text) {
    if (hex_value(c) < 0 && c != ':' && c != '.') {
      return false;
    }
  }
  return true;
}

// "" (the scheme's default) or 1 to 65535 in decimal digits; -1 when invalid.
int read_port(std::string_view text, int default_port) {
  if (text.empty()) {
    return default_port;
  }
  if (text.size() > 5) {
    return -1;
  }
  int port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return -1;
    }
    port = port * 10 + (c - '0');
  }
  return port >= 1 && port <= 65'535 ? port : -1;
}

// Splits "host[:port]" or "[v6][:port]" into url.host and url.port; nullptr on success.
const char* read_host_and_port(std::string_view text, HttpUrl& url) {
  const char* const bad_ipv6 = "must write an IPv6 address as [hex:digits] (no zone index)";
  std::string_view after_host; // "" or ":port"
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || !is_ipv6_literal(text.substr(1, close - 1))) {
      return bad_ipv6;
    }
    url.host = lower(text.substr(1, close - 1));
    url.ipv6_literal = true;
    after_host = text.substr(close + 1);
    if (!after_host.empty() && after_host.front() != ':') {
      return bad_ipv6;
    }
  } else {
    const auto colon = std::min(text.find(':'), text.size());
    if (const char* problem = read_name(text.substr(0, colon), url.host); problem != nullptr) {
      return problem;
    }
    after_host = text.substr(colon);
  }
  url.port = read_port(after_host.empty() ? after_host : after_host.substr(1),
                       url.scheme == "https" ? 443 : 80);
  return url.port < 0 ? "must have a port from 1 to 65535" : nullptr;
}

const char* parse(std::string_view text, HttpUrl& url) {
  for (const char c : text) {
    if (is_control_or_space(c)) {
      return "must not contain spaces or control characters";
    }
  }
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || text.substr(colon, 3) != "://") {
    return k_not_http;
  }
  url.scheme = lower(text.substr(0, colon));
  if (url.scheme != "http" && url.scheme != "https") {
    return k_not_http;
  }
  const auto rest = text.substr(colon + 3);
  const auto authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  auto authority = rest.substr(0, authority_end);
  url.path = std::string(rest.substr(authority_end));
  if (const auto at = authority.find('@'); at != std::string_view::npos) {
    if (authority.find('@', at + 1) != std::string_view::npos ||
        !is_userinfo(authority.substr(0, at))) {
      return "must have at most one '@' (user@host), and a plain user name before it";
    }
    url.has_userinfo = true;
    authority.remove_prefix(at + 1);
  }
  return read_host_and_port(authority, url);
}

} // namespace

Result<HttpUrl> parse_http_url(std::string_view text) {
  HttpUrl url;
  if (const char* problem = parse(text, url); problem != nullptr) {
    return Error{problem, ""};
  }
  return url;
}

const char* base_url_problem(std::string_view text) {
  HttpUrl url;
  if (const char* problem = parse(text, url); problem != nullptr) {
    return problem;
  }
  if (url.has_userinfo) {
    return "must not carry a user name or password";
  }
  if (url.path.find_first_of("?#") != std::string::npos) {
    return "must not have a query or a fragment ('?', '#'): paths are appended to it";
  }
  return nullptr;
}

} // namespace crew::core
