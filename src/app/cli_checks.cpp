#include "app/cli_checks.hpp"

#include "app/command.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace crew::app {

CLI::Validator finite_number(double min, double max, bool min_open) {
  const std::string range = min_open ? fmt::format("greater than {} and at most {}", min, max)
                                     : fmt::format("between {} and {}", min, max);
  return CLI::Validator(
      [min, max, min_open, range](std::string& input) -> std::string {
        double value = 0;
        const char* end = input.data() + input.size();
        const auto [ptr, ec] = std::from_chars(input.data(), end, value);
        const bool number = !input.empty() && ec == std::errc{} && ptr == end;
        const bool above = min_open ? value > min : value >= min;
        if (number && std::isfinite(value) && above && value <= max) {
          return {};
        }
        return "must be a number " + range + ", not '" + input + "'";
      },
      "NUMBER");
}

CLI::Validator whole_number() {
  return CLI::Validator(
      [](std::string& input) -> std::string {
        std::uint64_t value = 0;
        const char* end = input.data() + input.size();
        const auto [ptr, ec] = std::from_chars(input.data(), end, value);
        if (!input.empty() && ec == std::errc{} && ptr == end) {
          return {};
        }
        return "must be a whole number from 0 to 18446744073709551615, not '" + input + "'";
      },
      "UINT");
}

int exit_code_for(const core::Error& error, int otherwise) {
  return error.bad_input ? k_exit_bad_input : otherwise;
}

int finish_output(int code) {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int error = errno;
  if (flushed && std::ferror(stdout) == 0 && std::cout.good()) {
    return code;
  }
  if (code != k_exit_ok) {
    return code; // the command has printed its one line already
  }
  return fail(k_exit_failure, "cannot write to standard output" +
                                  (error != 0 ? ": " + std::string(std::strerror(error)) : ""));
}

} // namespace crew::app
