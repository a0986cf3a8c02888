#include "config/utc_daily_file_sink.hpp"
#include "support/shared_paths.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <spdlog/pattern_formatter.h>

using namespace crew::config;
using namespace std::chrono;

namespace {

spdlog::details::log_msg message_at(sys_seconds time, std::string_view text) {
  return spdlog::details::log_msg(time_point_cast<system_clock::duration>(time), {}, "test",
                                  spdlog::level::info,
                                  spdlog::string_view_t(text.data(), text.size()));
}

} // namespace

TEST(DailyLogFilename, NamesTheUtcDate) {
  EXPECT_EQ(daily_log_filename(sys_days{2026y / November / 25}), "trading_crew_20261125.log");
  EXPECT_EQ(daily_log_filename(sys_days{2001y / January / 2}), "trading_crew_20010102.log");
}

TEST(UtcDailyFileSink, StartsANewFileAtMidnightUtc) {
  crew::test::TempDir dir;
  UtcDailyFileSink sink(dir / "logs");
  sink.set_formatter(std::make_unique<spdlog::pattern_formatter>("%v"));
  const sys_days day{2026y / November / 25};
  sink.log(message_at(day + 23h + 59min + 59s, "before midnight"));
  sink.log(message_at(day + 24h + 1s, "after midnight"));
  sink.flush();
  EXPECT_EQ(sink.current_file(), dir / "logs" / "trading_crew_20261126.log");
  EXPECT_EQ(crew::test::read_file(dir / "logs" / "trading_crew_20261125.log"), "before midnight\n");
  EXPECT_EQ(crew::test::read_file(dir / "logs" / "trading_crew_20261126.log"), "after midnight\n");
}

TEST(DailyLogFilename, ReadsBackTheDayAndNothingElse) {
  EXPECT_EQ(daily_log_day("trading_crew_20261125.log"), sys_days{2026y / November / 25});
  EXPECT_EQ(daily_log_day("trading_crew_20260230.log"), std::nullopt);
  EXPECT_EQ(daily_log_day("trading_crew_2026112.log"), std::nullopt);
  EXPECT_EQ(daily_log_day("trading_crew_2026112x.log"), std::nullopt);
  EXPECT_EQ(daily_log_day("trading_crew_20261125.log.gz"), std::nullopt);
  EXPECT_EQ(daily_log_day("notes.log"), std::nullopt);
}

TEST(UtcDailyFileSink, DeletesDailyFilesOlderThanKeepDaysAsADayBegins) {
  crew::test::TempDir dir;
  const sys_days today{2026y / November / 25};
  for (int age = 0; age <= 5; ++age) {
    dir.write("logs/" + daily_log_filename(today - days{age}), "old\n");
  }
  dir.write("logs/trading_crew_notes.log", "mine\n");
  dir.write("logs/other.txt", "mine\n");
  UtcDailyFileSink sink(dir / "logs", 3);
  sink.set_formatter(std::make_unique<spdlog::pattern_formatter>("%v"));
  sink.log(message_at(today + 1h, "today"));
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "logs")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{
                       "other.txt", "trading_crew_20261123.log", "trading_crew_20261124.log",
                       "trading_crew_20261125.log", "trading_crew_notes.log"}));
  sink.log(message_at(today + 24h + 1s, "tomorrow")); // the next day's switch prunes again
  EXPECT_FALSE(std::filesystem::exists(dir / "logs" / "trading_crew_20261123.log"));
  EXPECT_TRUE(std::filesystem::exists(dir / "logs" / "trading_crew_20261124.log"));
}

TEST(UtcDailyFileSink, KeepsEveryFileWhenKeepDaysIsZero) {
  crew::test::TempDir dir;
  const sys_days today{2026y / November / 25};
  dir.write("logs/" + daily_log_filename(today - days{4000}), "ancient\n");
  UtcDailyFileSink sink(dir / "logs");
  sink.log(message_at(today + 1h, "today"));
  EXPECT_TRUE(std::filesystem::exists(dir / "logs" / daily_log_filename(today - days{4000})));
}

TEST(UtcDailyFileSink, AppendsToAnExistingFile) {
  crew::test::TempDir dir;
  dir.write("trading_crew_20261125.log", "earlier\n");
  UtcDailyFileSink sink(dir.path());
  sink.set_formatter(std::make_unique<spdlog::pattern_formatter>("%v"));
  sink.log(message_at(sys_days{2026y / November / 25} + 12h, "later"));
  sink.flush();
  EXPECT_EQ(crew::test::read_file(dir / "trading_crew_20261125.log"), "earlier\nlater\n");
}

TEST(UtcDailyFileSink, OpeningFailsWhereNoDirectoryCanBe) {
  crew::test::TempDir dir;
  const auto blocker = dir.write("logs", "a file, not a directory");
  UtcDailyFileSink sink(blocker);
  EXPECT_THROW(sink.open_for(sys_days{2026y / November / 25}), spdlog::spdlog_ex);
}
