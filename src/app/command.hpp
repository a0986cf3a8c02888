#pragma once
// What every `crew` subcommand shares: the global options and the exit-code convention.
// Each cmd_<name>.cpp registers its subcommand with add_<name>_command().
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace crew::app {

// Exit codes: 0 success, 1 a failure while working (I/O, network), 2 bad input or usage.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failure = 1;
inline constexpr int k_exit_bad_input = 2;

// Options every subcommand takes.
struct GlobalOptions {
  std::string home;        // --home, else $CREW_HOME, else ~/.local/share/tradingcrew
  std::string config_path; // --config, else $CREW_CONFIG, else ./crew.toml, else defaults
  std::string log_level = "info";
};

// A subcommand's body; returns the process exit code.
using CommandAction = std::function<int()>;

// The chosen subcommand's action, set by the callback of the subcommand CLI11 parsed.
struct CommandSlot {
  CommandAction action;
};

// Prints "crew: <message>" on stderr (one line) and returns `code`.
int fail(int code, const std::string& message);

} // namespace crew::app
