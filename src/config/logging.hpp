#pragma once
// Logging for the whole program: spdlog's default logger, so modules just call spdlog::info().
// Every event is one line with a UTC timestamp, written to stderr and to the daily file
// <log_dir>/trading_crew_YYYYMMDD.log; registered secrets are scrubbed before any sink sees them.
#include "config/secret_redactor.hpp"
#include "core/result.hpp"

#include <filesystem>
#include <string_view>

namespace crew::config {

// The levels --log-level accepts: trace, debug, info, warn, error, off.
bool is_log_level(std::string_view level);

// Replaces the default logger. The file gets every event at `level` and above; the console
// (stderr) gets the same when `console` is true, else only warnings and errors, which suits
// commands whose results go to stdout. Flushes on warnings and every few seconds.
// Daily files older than `keep_days` days are deleted as days begin (0 keeps them all).
// An empty `log_dir` logs to stderr only. Fails when the level is unknown or the log file cannot
// be opened.
core::Status setup_logging(const std::filesystem::path& log_dir, std::string_view level,
                           bool console, const SecretRedactor& redactor = {}, int keep_days = 0);

// Flushes and closes the log file and goes back to a stderr logger for warnings and errors.
void reset_logging();

// The line layout, e.g. "2026-11-25T22:40:01.123Z [info] message" (UTC).
inline constexpr std::string_view k_log_pattern = "%Y-%m-%dT%H:%M:%S.%eZ [%l] %v";

} // namespace crew::config
