#include "config/logging.hpp"
#include "support/shared_paths.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <sstream>
#include <vector>

using namespace crew::config;

namespace {

// Restores the plain stderr logger after each test, so no test leaves a file open.
class Logging : public ::testing::Test {
protected:
  void TearDown() override { reset_logging(); }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The one file in `dir`; fails the test when there is not exactly one.
std::filesystem::path only_file(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files.push_back(entry.path());
  }
  EXPECT_EQ(files.size(), 1U);
  return files.empty() ? std::filesystem::path{} : files.front();
}

} // namespace

TEST_F(Logging, WritesOneUtcLinePerEventToTheDailyFile) {
  crew::test::TempDir dir;
  ASSERT_TRUE(setup_logging(dir / "logs", "info", false).ok());
  spdlog::info("scan found {} symbols", 5);
  spdlog::debug("not at info level");
  spdlog::warn("first line\nforged second line");
  reset_logging();

  const auto file = only_file(dir / "logs");
  std::smatch name;
  const auto filename = file.filename().string();
  ASSERT_TRUE(
      std::regex_match(filename, name, std::regex(R"(trading_crew_(\d{4})(\d{2})(\d{2})\.log)")))
      << filename;
  const auto lines = lines_of(crew::test::read_file(file));
  ASSERT_EQ(lines.size(), 2U);
  const std::regex line_format(
      R"((\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}\.\d{3}Z \[(\w+)\] (.*))");
  std::smatch first;
  ASSERT_TRUE(std::regex_match(lines[0], first, line_format)) << lines[0];
  EXPECT_EQ(first[1].str() + first[2].str() + first[3].str(),
            name[1].str() + name[2].str() + name[3].str());
  EXPECT_EQ(first[4], "info");
  EXPECT_EQ(first[5], "scan found 5 symbols");
  EXPECT_NE(lines[1].find("[warning] first line forged second line"), std::string::npos)
      << lines[1];
}

TEST_F(Logging, ScrubsRegisteredSecretsFromEveryLine) {
  crew::test::TempDir dir;
  SecretRedactor redactor;
  redactor.add("PKSECRETKEYID0001");
  redactor.add("sk-very-secret-value-42");
  ASSERT_TRUE(setup_logging(dir.path(), "debug", false, redactor).ok());
  spdlog::info("request with key PKSECRETKEYID0001");
  spdlog::error("auth failed: {} / {}", "PKSECRETKEYID0001", "sk-very-secret-value-42");
  reset_logging();

  const auto text = crew::test::read_file(only_file(dir.path()));
  EXPECT_EQ(text.find("PKSECRETKEYID0001"), std::string::npos) << text;
  EXPECT_EQ(text.find("sk-very-secret-value-42"), std::string::npos) << text;
  EXPECT_NE(text.find("auth failed: [REDACTED] / [REDACTED]"), std::string::npos) << text;
}

TEST_F(Logging, ConsoleShowsOnlyWarningsUnlessAskedForMore) {
  crew::test::TempDir dir;
  ::testing::internal::CaptureStderr();
  ASSERT_TRUE(setup_logging(dir.path(), "info", false).ok());
  spdlog::info("quiet detail");
  spdlog::warn("loud warning");
  reset_logging();
  const auto quiet = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(quiet.find("quiet detail"), std::string::npos) << quiet;
  EXPECT_NE(quiet.find("loud warning"), std::string::npos) << quiet;

  ::testing::internal::CaptureStderr();
  ASSERT_TRUE(setup_logging(dir.path(), "info", true).ok());
  spdlog::info("chatty detail");
  reset_logging();
  EXPECT_NE(::testing::internal::GetCapturedStderr().find("chatty detail"), std::string::npos);
}

TEST_F(Logging, RejectsAnUnknownLevelAndAnUnusableDirectory) {
  crew::test::TempDir dir;
  const auto level = setup_logging(dir.path(), "verbose", false);
  ASSERT_FALSE(level.ok());
  EXPECT_NE(level.error().what.find("unknown log level 'verbose'"), std::string::npos);
  const auto blocker = dir.write("logs", "a file");
  const auto opened = setup_logging(blocker, "info", false);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().where, blocker.string());
  EXPECT_TRUE(is_log_level("warn"));
  EXPECT_FALSE(is_log_level("warning"));
}
