// The fuzz entries over Alpaca response bodies: every parser runs on the same bytes, so one
// corpus of payloads (tests/fixtures/alpaca, and shared/alpaca-fixtures when present) seeds them
// all.
#include "alpaca/json_mapping.hpp"
#include "alpaca/trading_json.hpp"
#include "fuzz/fuzz_entries.hpp"

namespace crew::fuzz {

core::Status alpaca_market_json_entry(std::string_view input) {
  constexpr std::string_view endpoint = "fuzz";
  (void)alpaca::parse_bars_page(input, endpoint);
  (void)alpaca::parse_single_symbol_bars_page(input, endpoint);
  (void)alpaca::parse_latest_bars(input, endpoint);
  (void)alpaca::parse_latest_quotes(input, endpoint);
  (void)alpaca::parse_latest_trades(input, endpoint);
  (void)alpaca::parse_stock_snapshots(input, endpoint);
  (void)alpaca::parse_crypto_snapshots(input, endpoint);
  (void)alpaca::parse_asset(input, endpoint);
  (void)alpaca::parse_assets(input, endpoint);
  (void)alpaca::parse_clock(input, endpoint);
  (void)alpaca::parse_calendar(input, endpoint);
  (void)alpaca::parse_error_body(input, endpoint);
  return {};
}

core::Status alpaca_trading_json_entry(std::string_view input) {
  constexpr std::string_view endpoint = "fuzz";
  (void)alpaca::parse_order(input, endpoint);
  (void)alpaca::parse_orders(input, endpoint);
  (void)alpaca::parse_position(input, endpoint);
  (void)alpaca::parse_positions(input, endpoint);
  (void)alpaca::parse_account(input, endpoint);
  (void)alpaca::parse_fill_activities(input, endpoint);
  (void)alpaca::parse_fee_activities(input, endpoint);
  (void)alpaca::parse_multi_status(input, endpoint);
  if (const auto request = alpaca::parse_order_request(input, endpoint)) {
    const std::string text = alpaca::order_request_json(*request);
    const auto again = alpaca::parse_order_request(text, endpoint);
    if (!again || !(*again == *request)) {
      return core::Error{"order_request_json of an accepted request does not parse back equal",
                         "alpaca_trading_json"};
    }
  }
  return {};
}

} // namespace crew::fuzz
