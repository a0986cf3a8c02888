// Shared answer helpers of fake_alpaca's routes.
#include "route_context.hpp"

#include <cmath>
#include <cstdint>

namespace crew::fake_alpaca {
namespace {

constexpr char k_base64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(const std::string& in) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char ch : in) {
    buffer = (buffer << 8U) | static_cast<unsigned char>(ch);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(k_base64[(buffer >> static_cast<unsigned>(bits)) & 0x3FU]);
    }
  }
  if (bits > 0) {
    out.push_back(k_base64[(buffer << static_cast<unsigned>(6 - bits)) & 0x3FU]);
  }
  while (out.size() % 4 != 0) {
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> base64_decode(const std::string& in) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : in) {
    if (c == '=') {
      break;
    }
    const char* found = std::char_traits<char>::find(k_base64, 64, c);
    if (found == nullptr) {
      return std::nullopt;
    }
    buffer = (buffer << 6U) | static_cast<std::uint32_t>(found - k_base64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  return out;
}

} // namespace

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, std::int64_t code, const std::string& message) {
  send_json(res, status, {{"code", code}, {"message", message}});
}

nlohmann::json bar_json(const core::Bar& bar, bool integer_volume) {
  nlohmann::json out = {{"t", core::format_rfc3339(bar.time)},
                        {"o", bar.open},
                        {"h", bar.high},
                        {"l", bar.low},
                        {"c", bar.close}};
  if (integer_volume && std::floor(bar.volume) == bar.volume && std::abs(bar.volume) < 9e15) {
    out["v"] = static_cast<std::int64_t>(bar.volume);
  } else {
    out["v"] = bar.volume;
  }
  out["n"] = static_cast<std::int64_t>(bar.trade_count);
  out["vw"] = bar.vwap;
  return out;
}

std::optional<core::UtcTime> parse_time_param(const std::string& text) {
  if (auto instant = core::parse_rfc3339(text); instant) {
    return *instant;
  }
  if (auto date = core::parse_date(text); date) {
    return *date;
  }
  return std::nullopt;
}

std::vector<std::string> split_symbols(const std::string& text) {
  std::vector<std::string> symbols;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    std::string item = text.substr(start, end - start);
    while (!item.empty() && item.back() == ' ') {
      item.pop_back();
    }
    while (!item.empty() && item.front() == ' ') {
      item.erase(item.begin());
    }
    if (!item.empty()) {
      symbols.push_back(item);
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return symbols;
}

std::string encode_page_token(const std::string& symbol, const std::string& timeframe,
                              core::UtcTime last) {
  return base64_encode(symbol + "|" + timeframe + "|" + core::format_rfc3339(last, 9));
}

std::optional<PageCursor> decode_page_token(const std::string& token) {
  const auto text = base64_decode(token);
  if (!text) {
    return std::nullopt;
  }
  const auto first = text->find('|');
  const auto second = text->rfind('|');
  if (first == std::string::npos || second == first) {
    return std::nullopt;
  }
  auto last = core::parse_rfc3339(text->substr(second + 1));
  if (!last) {
    return std::nullopt;
  }
  return PageCursor{text->substr(0, first), *last};
}

} // namespace crew::fake_alpaca
