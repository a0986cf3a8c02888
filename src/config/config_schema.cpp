#include "config/config_schema.hpp"

#include <array>

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

} // namespace

const char* check_url(std::string_view text) {
  return is_http_url(text) ? nullptr : "must be an http:// or https:// URL";
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
