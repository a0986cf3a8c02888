#include "config/utc_daily_file_sink.hpp"

#include <fmt/format.h>

#include <charconv>

namespace crew::config {

std::string daily_log_filename(std::chrono::sys_days day) {
  const std::chrono::year_month_day date{day};
  return fmt::format("trading_crew_{:04}{:02}{:02}.log", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<std::chrono::sys_days> daily_log_day(std::string_view filename) {
  constexpr std::string_view prefix = "trading_crew_";
  constexpr std::string_view suffix = ".log";
  if (filename.size() != prefix.size() + 8 + suffix.size() || !filename.starts_with(prefix) ||
      !filename.ends_with(suffix)) {
    return std::nullopt;
  }
  const auto digits = filename.substr(prefix.size(), 8);
  int number = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc{} || end != digits.data() + digits.size()) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{
      std::chrono::year{number / 10'000},
      std::chrono::month{static_cast<unsigned>(number / 100 % 100)},
      std::chrono::day{static_cast<unsigned>(number % 100)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  return std::chrono::sys_days{date};
}

UtcDailyFileSink::UtcDailyFileSink(std::filesystem::path directory, int keep_days)
    : m_directory(std::move(directory)), m_keep_days(keep_days) {}

void UtcDailyFileSink::open_for(std::chrono::sys_days day) {
  std::lock_guard<std::mutex> lock(mutex_);
  switch_to(day);
}

std::filesystem::path UtcDailyFileSink::current_file() {
  std::lock_guard<std::mutex> lock(mutex_);
  return m_day ? m_directory / daily_log_filename(*m_day) : std::filesystem::path{};
}

void UtcDailyFileSink::sink_it_(const spdlog::details::log_msg& msg) {
  const auto day = std::chrono::floor<std::chrono::days>(msg.time);
  if (!m_day || *m_day != day) {
    switch_to(day);
  }
  spdlog::memory_buf_t formatted;
  formatter_->format(msg, formatted);
  m_file.write(formatted);
}

void UtcDailyFileSink::flush_() {
  m_file.flush();
}

void UtcDailyFileSink::switch_to(std::chrono::sys_days day) {
  std::error_code ec;
  std::filesystem::create_directories(m_directory, ec); // a failure shows in open() below
  m_file.close();
  m_file.open((m_directory / daily_log_filename(day)).string(), false);
  m_day = day;
  if (m_keep_days > 0) {
    prune_before(day - std::chrono::days{m_keep_days - 1});
  }
}

void UtcDailyFileSink::prune_before(std::chrono::sys_days oldest_kept) {
  // Best effort: a file that cannot be deleted now is tried again at the next day's switch.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(m_directory, ec)) {
    const auto day = daily_log_day(entry.path().filename().string());
    if (day && *day < oldest_kept) {
      std::error_code removed;
      std::filesystem::remove(entry.path(), removed);
    }
  }
}

} // namespace crew::config
