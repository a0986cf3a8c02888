#pragma once
// Bar: one OHLCV bar. `time` is the bar's open time; its interval is [time, time + timeframe).
// Prices are doubles: market data arrives as JSON numbers and indicators work in floating point;
// money at the broker boundary is Decimal.
#include "core/time.hpp"

namespace crew::core {

struct Bar {
  UtcTime time;
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
  double trade_count = 0; // 0 when unknown
  double vwap = 0;        // 0 when unknown

  bool operator==(const Bar&) const = default;
};

} // namespace crew::core
