#pragma once
// Where the test payloads and real market data live, and how tests skip when the shared folder is
// absent (a user's fresh clone has no ../shared beside it).
#include <filesystem>
#include <optional>
#include <string>

namespace crew::test {

// tests/fixtures/alpaca: the project's own Alpaca payloads, written to the documented format.
std::filesystem::path fixtures_dir();
// fixtures_dir()/<name>.
std::filesystem::path fixture_path(const std::string& name);
// Reads one of the project's fixtures whole; they are part of the repository, so a missing one
// fails the test.
std::string read_fixture(const std::string& name);

// ../shared (or $CREW_SHARED_DIR).
std::filesystem::path shared_dir();
// shared/alpaca-fixtures: real recorded payloads, present only beside our own checkouts.
std::filesystem::path real_fixtures_dir();
// Reads shared/alpaca-fixtures/<name> whole if it exists.
std::optional<std::string> read_real_fixture(const std::string& name);
// shared/data/<relative> if it exists.
std::optional<std::filesystem::path> data_file(const std::string& relative);
// Reads any file whole.
std::string read_file(const std::filesystem::path& path);

} // namespace crew::test

// Declares `var` from the optional `found`, or skips the current test with a one-line reason.
#define CREW_REQUIRE_SHARED_(var, found, what, folder)                                             \
  const auto var##_opt = (found);                                                                  \
  if (!var##_opt) {                                                                                \
    GTEST_SKIP() << what << " is absent (" folder ")";                                             \
  }                                                                                                \
  const auto var = *var##_opt

// Skips the current test with a one-line reason when shared/data/<relative> is absent; else `var`
// is its path.
#define CREW_REQUIRE_DATA(var, relative)                                                           \
  CREW_REQUIRE_SHARED_(var, ::crew::test::data_file(relative), "shared data file " << (relative),  \
                       "../shared/data")

// Skips the current test with a one-line reason when shared/alpaca-fixtures/<name> is absent; else
// `var` is its text.
#define CREW_REQUIRE_REAL_FIXTURE(var, name)                                                       \
  CREW_REQUIRE_SHARED_(var, ::crew::test::read_real_fixture(name),                                 \
                       "real Alpaca fixture " << (name), "../shared/alpaca-fixtures")
