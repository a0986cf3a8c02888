#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace crew::test {

std::filesystem::path fixtures_dir() {
  return CREW_TEST_FIXTURES_DIR;
}

std::filesystem::path fixture_path(const std::string& name) {
  return fixtures_dir() / name;
}

std::string read_fixture(const std::string& name) {
  const auto path = fixture_path(name);
  EXPECT_TRUE(std::filesystem::exists(path)) << "missing fixture " << path;
  return read_file(path);
}

std::filesystem::path shared_dir() {
  // Tests may read the environment directly: they are not part of the product's seams.
  if (const char* env = std::getenv("CREW_SHARED_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return CREW_SHARED_DIR;
}

std::filesystem::path real_fixtures_dir() {
  return shared_dir() / "alpaca-fixtures";
}

std::optional<std::string> read_real_fixture(const std::string& name) {
  const auto path = real_fixtures_dir() / name;
  if (!std::filesystem::exists(path)) {
    return std::nullopt;
  }
  return read_file(path);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::optional<std::filesystem::path> data_file(const std::string& relative) {
  const auto path = shared_dir() / "data" / relative;
  if (std::filesystem::exists(path)) {
    return path;
  }
  return std::nullopt;
}

} // namespace crew::test
