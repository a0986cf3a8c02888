#pragma once
// Exclusion: a symbol left out of a universe or a scan, and why, as `crew universe` and
// `crew scan` print it.
#include <string>

namespace crew::scan {

struct Exclusion {
  std::string symbol;
  std::string reason;
};

} // namespace crew::scan
