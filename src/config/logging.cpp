// Wiring of spdlog: one logger with a console sink and a UtcDailyFileSink, a formatter that
// scrubs secrets and folds line breaks (one line per event), and the periodic flusher.
#include "config/logging.hpp"

#include "config/utc_daily_file_sink.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <memory>
#include <vector>

namespace crew::config {
namespace {

constexpr auto k_flush_interval = std::chrono::seconds(3);

struct LevelName {
  std::string_view name;
  spdlog::level::level_enum level;
};
constexpr std::array<LevelName, 6> k_levels = {{{"trace", spdlog::level::trace},
                                                {"debug", spdlog::level::debug},
                                                {"info", spdlog::level::info},
                                                {"warn", spdlog::level::warn},
                                                {"error", spdlog::level::err},
                                                {"off", spdlog::level::off}}};

// Formats with the UTC pattern after scrubbing secrets from the message and folding its line
// breaks, so neither a key nor a forged second line can enter the log.
class RedactingFormatter final : public spdlog::formatter {
public:
  explicit RedactingFormatter(SecretRedactor redactor)
      : m_redactor(std::move(redactor)),
        m_pattern(std::make_unique<spdlog::pattern_formatter>(std::string(k_log_pattern),
                                                              spdlog::pattern_time_type::utc)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    std::string payload =
        m_redactor.scrub(std::string_view(msg.payload.data(), msg.payload.size()));
    for (char& c : payload) {
      if (c == '\n' || c == '\r') {
        c = ' ';
      }
    }
    spdlog::details::log_msg scrubbed(msg);
    scrubbed.payload = spdlog::string_view_t(payload.data(), payload.size());
    m_pattern->format(scrubbed, dest);
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<RedactingFormatter>(m_redactor);
  }

private:
  SecretRedactor m_redactor;
  std::unique_ptr<spdlog::pattern_formatter> m_pattern;
};

spdlog::level::level_enum level_of(std::string_view name) {
  for (const auto& entry : k_levels) {
    if (entry.name == name) {
      return entry.level;
    }
  }
  return spdlog::level::info;
}

} // namespace

bool is_log_level(std::string_view level) {
  for (const auto& entry : k_levels) {
    if (entry.name == level) {
      return true;
    }
  }
  return false;
}

core::Status setup_logging(const std::filesystem::path& log_dir, std::string_view level,
                           bool console, const SecretRedactor& redactor, int keep_days) {
  if (!is_log_level(level)) {
    return core::Error{"unknown log level '" + std::string(level) +
                           "' (expected trace, debug, info, warn, error or off)",
                       "--log-level"};
  }
  const auto file_level = level_of(level);
  auto console_sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  console_sink->set_level(console ? file_level : std::max(file_level, spdlog::level::warn));
  std::vector<spdlog::sink_ptr> sinks{console_sink};
  if (!log_dir.empty()) {
    auto file_sink = std::make_shared<UtcDailyFileSink>(log_dir, keep_days);
    try {
      file_sink->open_for(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    } catch (const spdlog::spdlog_ex& e) {
      return core::Error{std::string("cannot open the log file: ") + e.what(), log_dir.string()};
    }
    file_sink->set_level(file_level);
    sinks.push_back(std::move(file_sink));
  }

  auto logger = std::make_shared<spdlog::logger>("crew", sinks.begin(), sinks.end());
  logger->set_formatter(std::make_unique<RedactingFormatter>(redactor));
  logger->set_level(file_level);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(k_flush_interval);
  return {};
}

void reset_logging() {
  spdlog::flush_every(std::chrono::seconds::zero());
  spdlog::default_logger()->flush();
  auto logger =
      std::make_shared<spdlog::logger>("crew", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(std::make_unique<RedactingFormatter>(SecretRedactor{}));
  logger->set_level(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

} // namespace crew::config
