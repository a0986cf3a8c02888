#pragma once
// Which trading endpoint a URL reaches, decided on its parsed host (core::parse_http_url), never
// on its spelling: `https://API.ALPACA.MARKETS`, `https://%61pi.alpaca.markets` and
// `https://api.alpaca.markets.:443/` are all the live endpoint. The paper/live guard of
// `crew autonomous` is check_trading_endpoint().
#include "core/http_url.hpp"
#include "core/result.hpp"

#include <string_view>

namespace crew::alpaca {

inline constexpr std::string_view k_live_trading_host = "api.alpaca.markets";
inline constexpr std::string_view k_paper_trading_host = "paper-api.alpaca.markets";

enum class TradingEndpoint {
  live,         // api.alpaca.markets: real money
  paper,        // paper-api.alpaca.markets
  other_alpaca, // another host under alpaca.markets (data, broker, a name Alpaca may add)
  loopback,     // localhost, 127.0.0.0/8, ::1: this machine (fake_alpaca, a local tunnel)
  elsewhere,    // any other host: nobody here knows where it forwards orders and keys
};

TradingEndpoint classify_trading_endpoint(const core::HttpUrl& url);

// The account a session trades, as the user asked for it (--paper or --live).
enum class Account { paper, live };

// Whether a session for `account` may send orders to `trading_url`: --paper only to Alpaca's paper
// endpoint or a loopback address, --live only to the live endpoint or a loopback address, and
// Alpaca's own hosts only over https (the keys travel in headers). The Error names `where` (the
// key or variable the URL came from) and the parsed host, never the URL as written.
core::Status check_trading_endpoint(Account account, std::string_view trading_url,
                                    std::string_view where);

} // namespace crew::alpaca
