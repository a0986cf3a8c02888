#include "config/utc_daily_file_sink.hpp"

#include <fmt/format.h>

namespace crew::config {

std::string daily_log_filename(std::chrono::sys_days day) {
  const std::chrono::year_month_day date{day};
  return fmt::format("trading_crew_{:04}{:02}{:02}.log", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

UtcDailyFileSink::UtcDailyFileSink(std::filesystem::path directory)
    : m_directory(std::move(directory)) {}

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
}

} // namespace crew::config
