#include "config/config_schema.hpp"

#include "core/http_url.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace crew::config::schema {
namespace {

bool one_of(std::string_view text, std::initializer_list<std::string_view> choices) {
  for (const auto choice : choices) {
    if (text == choice) {
      return true;
    }
  }
  return false;
}

// A plain mailbox "local@domain": no display name, nothing that could end a mail header line.
bool is_address(std::string_view text) {
  const auto at = text.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 >= text.size() ||
      text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (const char c : text) {
    if (c <= ' ' || c == '\x7f' ||
        std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

} // namespace

const char* check_optional_http_url(std::string_view text) {
  return text.empty() || is_http_url(text) ? nullptr
                                           : "must be empty or an http:// or https:// URL";
}

const char* check_optional_smtp_url(std::string_view text) {
  const char* complaint = "must be empty or an smtp:// or smtps:// URL with a host";
  if (text.empty()) {
    return nullptr;
  }
  std::string_view rest;
  if (text.substr(0, 7) == "smtp://") {
    rest = text.substr(7);
  } else if (text.substr(0, 8) == "smtps://") {
    rest = text.substr(8);
  } else {
    return complaint;
  }
  const auto host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host.front() == ':' || host.find('@') != std::string_view::npos) {
    return complaint; // credentials in the URL would end up in logs and `crew config`
  }
  for (const char c : text) {
    if (c <= ' ' || c == '\x7f') {
      return complaint;
    }
  }
  return nullptr;
}

const char* check_optional_address(std::string_view text) {
  return text.empty() || is_address(text) ? nullptr
                                          : "must be empty or one e-mail address (name@host)";
}

const char* check_optional_addresses(std::string_view text) {
  const char* complaint = "must be empty or comma-separated e-mail addresses (name@host)";
  if (text.empty()) {
    return nullptr;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    if (!is_address(trim_spaces(text.substr(start, comma - start)))) {
      return complaint;
    }
    start = comma + 1;
  }
  return nullptr;
}

const char* check_optional_user(std::string_view text) {
  for (const char c : text) {
    if (c < ' ' || c == '\x7f') {
      return "must not contain control characters";
    }
  }
  return nullptr;
}

const char* check_host_list(std::string_view text) {
  return parse_host_list(text).ok()
             ? nullptr
             : "must be empty or comma-separated HOST or HOST:PORT names (e.g. \"crew.lan, "
               "crew.lan:8443\")";
}

const char* check_equity_list(std::string_view text) {
  return parse_symbol_list(text, core::AssetClass::us_equity)
             ? nullptr
             : "must be empty or comma-separated US_EQUITY symbols (e.g. \"AAPL, MSFT\")";
}

const char* check_crypto_list(std::string_view text) {
  return parse_symbol_list(text, core::AssetClass::crypto)
             ? nullptr
             : "must be empty or comma-separated CRYPTO pairs (e.g. \"BTC/USD, ETH/USD\")";
}

const char* check_symbol_list(std::string_view text) {
  return parse_symbol_list(text) ? nullptr
                                 : "must be empty or comma-separated US_EQUITY or CRYPTO symbols";
}

const char* check_url(std::string_view text) {
  return core::base_url_problem(text);
}

const char* check_hold_or_close(std::string_view text) {
  return one_of(text, {"hold", "close"}) ? nullptr : "must be \"hold\" or \"close\"";
}

const char* check_feed(std::string_view text) {
  return one_of(text, {"iex", "sip", "otc", "boats", "delayed_sip"})
             ? nullptr
             : "must be one of iex, sip, otc, boats, delayed_sip";
}

// Alpaca accepts a comma-separated combination, e.g. "split,dividend".
const char* check_adjustment(std::string_view text) {
  const char* complaint = "must be raw, split, dividend, spin-off or all (comma-combinable)";
  if (text.empty()) {
    return complaint;
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string_view::npos ? text.size() : comma;
    if (!one_of(text.substr(start, end - start), {"raw", "split", "dividend", "spin-off", "all"})) {
      return complaint;
    }
    start = end + 1;
  }
  return nullptr;
}

const char* check_path(std::string_view text) {
  if (text.empty()) {
    return "must not be empty";
  }
  return text.find('\0') == std::string_view::npos ? nullptr : "must not contain NUL";
}

std::string_view canonical_strategy_name(std::string_view name) {
  struct Alias {
    std::string_view name;
    std::string_view alias;
  };
  static constexpr std::array<Alias, 4> k_names = {{{"3ma", "triple_ma"},
                                                    {"rsi", "rsi_breakout"},
                                                    {"macd", "macd_crossover"},
                                                    {"bb", "bollinger_bands_reversal"}}};
  for (const auto& entry : k_names) {
    if (name == entry.name || name == entry.alias) {
      return entry.name;
    }
  }
  return {};
}

} // namespace crew::config::schema

namespace crew::config {

core::Result<std::vector<std::string>> parse_host_list(std::string_view text) {
  std::vector<std::string> hosts;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    const auto entry = schema::trim_spaces(text.substr(start, comma - start));
    start = comma + 1;
    // HOST, [IPv6] or either with :PORT; a host is letters, digits, '-' and '.'.
    std::string_view host = entry;
    std::string_view port;
    if (host.starts_with('[')) {
      const auto close = host.find(']');
      port = close == std::string_view::npos ? "x" : host.substr(close + 1);
      host = host.substr(0, close == std::string_view::npos ? host.size() : close + 1);
      if (!port.empty() && port.front() != ':') {
        port = "x";
      }
    } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
      port = host.substr(colon);
      host = host.substr(0, colon);
    }
    bool valid = !host.empty() && host.front() != '.' && host.front() != '-';
    const bool bracketed = host.starts_with('[');
    for (const char c : bracketed ? host.substr(1, host.size() - 2) : host) {
      const bool name = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '.';
      valid = valid && (bracketed ? (name || c == ':') : name);
    }
    if (bracketed && host.size() < 3) {
      valid = false;
    }
    if (!port.empty()) {
      const auto digits = port.substr(1);
      int number = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
      valid = valid && !digits.empty() && ec == std::errc{} &&
              end == digits.data() + digits.size() && number >= 1 && number <= 65535;
    }
    if (!valid) {
      return core::Error{"'" + std::string(entry) + "' is not HOST or HOST:PORT",
                         "[dashboard] allowed_hosts"};
    }
    std::string lower(entry);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    hosts.push_back(std::move(lower));
  }
  return hosts;
}

} // namespace crew::config
