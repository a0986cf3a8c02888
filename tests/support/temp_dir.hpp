#pragma once
// TempDir: a fresh directory per test, removed when the test ends (unless CREW_KEEP_TEMP is set,
// for looking at what a failing test left behind).
#include <filesystem>
#include <string>

namespace crew::test {

class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }
  // Writes `content` to a file under the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

private:
  std::filesystem::path m_path;
};

} // namespace crew::test
