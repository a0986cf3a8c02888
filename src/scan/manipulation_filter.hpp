#pragma once
// ManipulationFilter: flags bars that look like a pump-and-dump (a spike of several baseline true
// ranges on volume many times its median, then a reversal) or wash trading (a volume spike with no
// price movement), design.md section 7. It reads only bars up to the one it flags, so a flag at
// bar t is known at the close of t. It neither excludes symbols nor logs: the scanner does.
#include "config/config.hpp"
#include "core/time.hpp"
#include "data/bar_series.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crew::scan {

enum class ManipulationKind { pump_and_dump, wash_trading };

// "pump_and_dump", "wash_trading".
std::string_view to_string(ManipulationKind kind);

struct ManipulationFlag {
  ManipulationKind kind = ManipulationKind::pump_and_dump;
  core::UtcTime time;       // open time of the bar at whose close the pattern was complete
  std::size_t index = 0;    // that bar's index in the series
  core::UtcTime spike_time; // the spike bar (equal to `time` for wash trading)
  std::string reason;
};

class ManipulationFilter {
public:
  explicit ManipulationFilter(config::ManipulationConfig settings);

  // Every flag raised by bars [first, end) of `bars` (end clamped to the size), in time order.
  // Spikes before `first` are not looked for, so a reversal at `first` of an older spike is
  // missed; recent_flag() starts early enough for its window.
  std::vector<ManipulationFlag> scan(const data::BarSeries& bars, std::size_t first = 0,
                                     std::size_t end = static_cast<std::size_t>(-1)) const;

  // The latest flag raised within the last lookback_bars of bars [0, end), if any.
  std::optional<ManipulationFlag> recent_flag(const data::BarSeries& bars,
                                              std::size_t end = static_cast<std::size_t>(-1)) const;

  // Bars needed before the first bar that can be judged.
  std::size_t warmup_bars() const;

private:
  config::ManipulationConfig m_settings;
};

} // namespace crew::scan
