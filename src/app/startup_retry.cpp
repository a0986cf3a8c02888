#include "app/startup_retry.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace crew::app {

core::Status retry_start_up(std::string_view what, const StartUpRetry& retry,
                            const std::function<core::Status()>& attempt) {
  // The budget is real time, whatever clock the session will run on.
  const auto started = std::chrono::steady_clock::now();
  auto pause = retry.first_pause;
  for (int attempts = 1;; ++attempts) {
    auto done = attempt();
    if (done) {
      if (attempts > 1) {
        spdlog::info("start-up: {} succeeded at attempt {}", what, attempts);
      }
      return done;
    }
    const auto elapsed = std::chrono::steady_clock::now() - started;
    if (done.error().bad_input || elapsed + pause > retry.budget) {
      if (attempts == 1) {
        return done;
      }
      return core::Error{
          fmt::format("{} ({} gave up after {} attempts in {} s)", done.error().message(), what,
                      attempts, std::chrono::duration_cast<std::chrono::seconds>(elapsed).count()),
          ""};
    }
    spdlog::warn("start-up: {} failed (attempt {}), trying again in {} s: {}", what, attempts,
                 pause.count(), done.error().message());
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, retry.longest_pause);
  }
}

} // namespace crew::app
