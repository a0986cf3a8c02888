#include "core/timeframe.hpp"

#include "core/text.hpp"

#include <string>

namespace crew::core {
namespace {

struct TimeframeName {
  Timeframe timeframe;
  std::string_view alpaca;
  std::string_view folder;
  int minutes;
};

constexpr TimeframeName k_names[] = {
    {Timeframe::min1, "1Min", "1m", 1},     {Timeframe::min5, "5Min", "5m", 5},
    {Timeframe::min15, "15Min", "15m", 15}, {Timeframe::min30, "30Min", "30m", 30},
    {Timeframe::hour1, "1Hour", "1h", 60},  {Timeframe::hour4, "4Hour", "4h", 240},
    {Timeframe::day1, "1Day", "1d", 1440},
};

const TimeframeName& entry(Timeframe timeframe) {
  for (const auto& name : k_names) {
    if (name.timeframe == timeframe) {
      return name;
    }
  }
  return k_names[0];
}

} // namespace

std::string_view to_string(Timeframe timeframe) {
  return entry(timeframe).alpaca;
}

int minutes(Timeframe timeframe) {
  return entry(timeframe).minutes;
}

Result<Timeframe> parse_timeframe(std::string_view text) {
  for (const auto& name : k_names) {
    if (text == name.alpaca || text == name.folder) {
      return name.timeframe;
    }
  }
  return Error{"unknown timeframe '" + printable(text) +
                   "' (expected 1Min, 5Min, 15Min, 30Min, 1Hour, 4Hour or 1Day)",
               ""};
}

} // namespace crew::core
