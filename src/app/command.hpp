#pragma once
// What every `crew` subcommand shares: the global options and the exit-code convention.
// Each cmd_<name>.cpp registers its subcommand with add_<name>_command().
#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

namespace crew::app {

// Exit codes: 0 success, 1 a failure while working (I/O, network), 2 bad input or usage.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failure = 1;
inline constexpr int k_exit_bad_input = 2;

// Options every subcommand takes.
// Given but empty (`--home ''`) is refused, never taken as not given.
struct GlobalOptions {
  std::optional<std::string> home; // --home, else $CREW_HOME, else ~/.local/share/tradingcrew
  std::optional<std::string>
      config_path; // --config, else $CREW_CONFIG, else ./crew.toml, else defaults
  std::string log_level = "info";
};

// A subcommand's body; returns the process exit code.
using CommandAction = std::function<int()>;

// The chosen subcommand's action, set by the callback of the subcommand CLI11 parsed.
struct CommandSlot {
  CommandAction action;
};

// The longest error line fail() prints: the outside text an error quotes is capped shorter
// (core::k_echo_chars) where it is quoted; this bounds whatever else a message may carry.
inline constexpr std::size_t k_max_error_chars = 1000;

// Prints "crew: <message>" on stderr as one line, control characters and bytes that are not UTF-8
// escaped and at most k_max_error_chars characters long (core::printable), and returns `code`.
int fail(int code, const std::string& message);

} // namespace crew::app
