#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace crew::test {

std::filesystem::path shared_dir() {
  // Tests may read the environment directly: they are not part of the product's seams.
  if (const char* env = std::getenv("CREW_SHARED_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return CREW_SHARED_DIR;
}

std::filesystem::path fixture_path(const std::string& name) {
  return shared_dir() / "alpaca-fixtures" / name;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string read_fixture(const std::string& name) {
  const auto path = fixture_path(name);
  EXPECT_TRUE(std::filesystem::exists(path)) << "missing fixture " << path;
  return read_file(path);
}

std::optional<std::filesystem::path> data_file(const std::string& relative) {
  const auto path = shared_dir() / "data" / relative;
  if (std::filesystem::exists(path)) {
    return path;
  }
  return std::nullopt;
}

} // namespace crew::test
