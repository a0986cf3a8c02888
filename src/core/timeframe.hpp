#pragma once
// Timeframe: bar lengths by Alpaca's names (1Min … 1Day).
#include "core/result.hpp"
#include "core/time.hpp"

#include <array>
#include <string_view>

namespace crew::core {

enum class Timeframe { min1, min5, min15, min30, hour1, hour4, day1 };

inline constexpr std::array<Timeframe, 7> k_timeframes = {
    Timeframe::min1,  Timeframe::min5,  Timeframe::min15, Timeframe::min30,
    Timeframe::hour1, Timeframe::hour4, Timeframe::day1};

// "1Min", "5Min", "15Min", "30Min", "1Hour", "4Hour", "1Day".
std::string_view to_string(Timeframe timeframe);
// Accepts Alpaca's names and the short forms of the data folders (1m, 5m, 15m, 30m, 1h, 4h, 1d).
Result<Timeframe> parse_timeframe(std::string_view text);
int minutes(Timeframe timeframe);
inline Duration duration(Timeframe timeframe) {
  return std::chrono::minutes{minutes(timeframe)};
}

} // namespace crew::core
