// Replays every input the fuzzers once crashed on (tests/data/fuzz/<target>/) and the committed
// seed corpora (fuzz/corpus/<target>/) through the same entry functions as the libFuzzer
// targets, so a fixed bug stays fixed in every build, GCC and sanitizer builds included.
#include "fuzz/fuzz_entries.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace crew::fuzz {
namespace {

const std::filesystem::path k_source_dir = CREW_SOURCE_DIR;

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(dir)) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.is_regular_file()) {
        files.push_back(entry.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs every file of `dir` through the entry of its target; returns how many it ran.
std::size_t replay(const std::filesystem::path& dir, const Entry& entry) {
  const auto files = files_in(dir);
  for (const auto& file : files) {
    const core::Status status = entry.run(test::read_file(file));
    EXPECT_TRUE(status.ok()) << file << ": " << (status ? "" : status.error().message());
  }
  return files.size();
}

TEST(FuzzRegressions, EveryTargetHasSeeds) {
  for (const Entry& entry : entries()) {
    EXPECT_FALSE(files_in(k_source_dir / "fuzz" / "corpus" / std::string(entry.target)).empty())
        << entry.target;
  }
}

TEST(FuzzRegressions, SeedCorporaPassEveryInvariant) {
  for (const Entry& entry : entries()) {
    replay(k_source_dir / "fuzz" / "corpus" / std::string(entry.target), entry);
  }
}

TEST(FuzzRegressions, SavedCrashingInputsNowPass) {
  std::size_t replayed = 0;
  for (const Entry& entry : entries()) {
    replayed += replay(k_source_dir / "tests" / "data" / "fuzz" / std::string(entry.target), entry);
  }
  EXPECT_GT(replayed, 0U);
}

// Every Alpaca payload through both Alpaca targets: the project's own fixtures always, the real
// ones of ../shared/alpaca-fixtures when that folder is there.
std::size_t replay_alpaca(const std::filesystem::path& dir) {
  std::size_t replayed = 0;
  for (const Entry& entry : entries()) {
    if (entry.target.starts_with("alpaca_")) {
      replayed += replay(dir, entry);
    }
  }
  return replayed;
}

TEST(FuzzRegressions, AlpacaFixturesPassEveryInvariant) {
  EXPECT_GT(replay_alpaca(test::fixtures_dir()), 0U);
}

TEST(FuzzRegressions, RealAlpacaPayloadsPassEveryInvariant) {
  CREW_REQUIRE_REAL_FIXTURE(account, "account.json");
  EXPECT_FALSE(account.empty());
  EXPECT_GT(replay_alpaca(test::real_fixtures_dir()), 0U);
}

} // namespace
} // namespace crew::fuzz
