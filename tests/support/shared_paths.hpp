#pragma once
// Where the shared fixtures and real market data live, and how tests skip when they are absent
// (a user's fresh clone has no ../shared/data).
#include <filesystem>
#include <optional>
#include <string>

namespace crew::test {

// ../shared (or $CREW_SHARED_DIR).
std::filesystem::path shared_dir();
// shared/alpaca-fixtures/<name>; the fixtures are part of the contract, so a missing one fails.
std::filesystem::path fixture_path(const std::string& name);
// Reads a fixture file whole.
std::string read_fixture(const std::string& name);
// shared/data/<relative> if it exists.
std::optional<std::filesystem::path> data_file(const std::string& relative);
// Reads any file whole.
std::string read_file(const std::filesystem::path& path);

} // namespace crew::test

// Skips the current test with a one-line reason when shared/data/<relative> is absent.
#define CREW_REQUIRE_DATA(var, relative)                                                           \
  const auto var##_opt = ::crew::test::data_file(relative);                                        \
  if (!var##_opt) {                                                                                \
    GTEST_SKIP() << "shared data file " << (relative) << " is absent (../shared/data)";            \
  }                                                                                                \
  const std::filesystem::path var = *var##_opt
