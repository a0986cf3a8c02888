#include "alert_fakes.hpp"
#include "alerts/log_sink.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

using namespace crew::alerts;
using crew::alerts::test::at;

TEST(LogSink, WritesOneLinePerAlertAtItsLevel) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  auto logger = std::make_shared<spdlog::logger>("alerts-test", sink);
  logger->set_pattern("%l %v");
  logger->set_level(spdlog::level::info);
  const auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);

  LogSink log;
  Alert alert{"stall", "stall", Severity::critical, false, at(0), at(0), "no tick"};
  EXPECT_TRUE(log.deliver(alert).ok());
  alert.severity = Severity::warning;
  EXPECT_TRUE(log.deliver(alert).ok());
  alert.resolved = true;
  EXPECT_TRUE(log.deliver(alert).ok());
  spdlog::set_default_logger(previous);

  EXPECT_EQ(out.str(), "error alert: [crew] CRITICAL stall: no tick\n"
                       "warning alert: [crew] WARNING stall: no tick\n"
                       "info alert: [crew] RESOLVED stall: no tick\n");
  EXPECT_EQ(log.name(), "log");
}
