#pragma once
// Start-up against a venue (its clock, the assets of the universe) meets the faults the loop rides
// out: a 503, a dropped connection, a rate limit. The Alpaca client retries each request
// ([alpaca] max_retries); when one still fails, the whole step is tried again after a growing
// pause (1 s, 2 s, 4 s … at most 30 s) until it succeeds or [alpaca] startup_retry_seconds have
// passed. Only failures come here: bad input is refused before (wiring.hpp's check_request).
#include "core/result.hpp"

#include <chrono>
#include <functional>
#include <string_view>

namespace crew::app {

struct StartUpRetry {
  std::chrono::seconds budget{120}; // from the first attempt; no pause ends beyond it
  std::chrono::seconds first_pause{1};
  std::chrono::seconds longest_pause{30};
};

// Calls `attempt` until it succeeds, fails with bad input (core::Error::bad_input: trying again
// cannot help), or the next pause would end past the budget; then returns its last error, saying
// how many attempts were made. Each failure is logged as a warning with the
// pause that follows.
core::Status retry_start_up(std::string_view what, const StartUpRetry& retry,
                            const std::function<core::Status()>& attempt);

} // namespace crew::app
