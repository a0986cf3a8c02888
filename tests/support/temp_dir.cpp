#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace crew::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info != nullptr ? std::string(info->test_suite_name()) + "." + info->name()
                                     : std::string("test");
  for (char& c : name) {
    if (c == '/') {
      c = '_';
    }
  }
  m_path = std::filesystem::temp_directory_path() /
           ("crew-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
  // A test that cannot get its own directory must fail here, not later in a confusing way.
  EXPECT_TRUE(std::filesystem::is_directory(m_path)) << "could not create " << m_path;
}

TempDir::~TempDir() {
  if (std::getenv("CREW_KEEP_TEMP") == nullptr) { // seam-ok: test support only
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
  const auto file = m_path / name;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
  return file;
}

} // namespace crew::test
