#include "alpaca/endpoint.hpp"

#include <string>

namespace crew::alpaca {
namespace {

constexpr std::string_view k_alpaca_domain = "alpaca.markets";

bool is_alpaca_host(std::string_view host) {
  return host == k_alpaca_domain ||
         (host.size() > k_alpaca_domain.size() && host.ends_with(k_alpaca_domain) &&
          host[host.size() - k_alpaca_domain.size() - 1] == '.');
}

// 127.0.0.0/8 as four decimal numbers of 0 to 255 without leading zeros (the resolver reads
// "0127" as octal and "0x7f.1" as hex: such spellings are not taken for loopback).
bool is_ipv4_loopback(std::string_view host) {
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    const auto dot = std::min(host.find('.', start), host.size());
    const auto part = host.substr(start, dot - start);
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part.front() == '0')) {
      return false;
    }
    int value = 0;
    for (const char c : part) {
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    if (value > 255 || (parts == 0 && value != 127)) {
      return false;
    }
    ++parts;
    start = dot + 1;
  }
  return parts == 4;
}

} // namespace

TradingEndpoint classify_trading_endpoint(const core::HttpUrl& url) {
  if (url.ipv6_literal) {
    return url.host == "::1" ? TradingEndpoint::loopback : TradingEndpoint::elsewhere;
  }
  if (url.host == k_live_trading_host) {
    return TradingEndpoint::live;
  }
  if (url.host == k_paper_trading_host) {
    return TradingEndpoint::paper;
  }
  if (is_alpaca_host(url.host)) {
    return TradingEndpoint::other_alpaca;
  }
  if (url.host == "localhost" || is_ipv4_loopback(url.host)) {
    return TradingEndpoint::loopback;
  }
  return TradingEndpoint::elsewhere;
}

core::Status check_trading_endpoint(Account account, std::string_view trading_url,
                                    std::string_view where) {
  const std::string place(where);
  if (const char* problem = core::base_url_problem(trading_url); problem != nullptr) {
    return core::Error{std::string("the trading URL ") + problem, place};
  }
  const auto url = core::parse_http_url(trading_url);
  if (!url) {
    return core::Error{"the trading URL " + url.error().what, place};
  }
  const auto endpoint = classify_trading_endpoint(*url);
  const bool paper = account == Account::paper;
  if (paper && endpoint == TradingEndpoint::live) {
    return core::Error{
        "--paper refuses " + std::string(k_live_trading_host) + ", Alpaca's live endpoint", place};
  }
  if (!paper && endpoint == TradingEndpoint::paper) {
    return core::Error{
        "--live refuses " + std::string(k_paper_trading_host) + ", Alpaca's paper endpoint", place};
  }
  const auto own = paper ? TradingEndpoint::paper : TradingEndpoint::live;
  const std::string mode = paper ? "--paper" : "--live";
  const std::string own_host(paper ? k_paper_trading_host : k_live_trading_host);
  if (endpoint != own && endpoint != TradingEndpoint::loopback) {
    return core::Error{
        mode + " trades only on " + own_host + " or a loopback address, not " + url->host, place};
  }
  if (endpoint == own && url->scheme != "https") {
    return core::Error{mode + " reaches " + own_host +
                           " only over https:// (the keys travel in the request headers)",
                       place};
  }
  return {};
}

} // namespace crew::alpaca
