#pragma once
// UtcDailyFileSink: an spdlog sink writing to <dir>/trading_crew_YYYYMMDD.log, the date being the
// UTC date of each message, so a new file starts at 00:00 UTC whatever the machine's time zone
// (spdlog's own daily sink rotates on local time). Files are appended to, never truncated. With
// keep_days > 0, each new day's file deletes the daily files older than keep_days days (today
// counts as one), so an unattended program does not fill its disk; other files are left alone.
#include <spdlog/details/file_helper.h>
#include <spdlog/sinks/base_sink.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace crew::config {

// "trading_crew_20261125.log" for 2026-11-25.
std::string daily_log_filename(std::chrono::sys_days day);
// The day a daily_log_filename() names; nullopt for any other name.
std::optional<std::chrono::sys_days> daily_log_day(std::string_view filename);

class UtcDailyFileSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
  explicit UtcDailyFileSink(std::filesystem::path directory, int keep_days = 0);

  // Opens the file of `day` now (creating the directory), so setup fails early when it cannot.
  // Throws spdlog::spdlog_ex when the file cannot be opened.
  void open_for(std::chrono::sys_days day);
  // The file written last, empty before the first message.
  std::filesystem::path current_file();

protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;

private:
  void switch_to(std::chrono::sys_days day);
  void prune_before(std::chrono::sys_days oldest_kept);

  std::filesystem::path m_directory;
  int m_keep_days;
  spdlog::details::file_helper m_file;
  std::optional<std::chrono::sys_days> m_day;
};

} // namespace crew::config
