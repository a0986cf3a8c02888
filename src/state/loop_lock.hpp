#pragma once
// LoopLock: one trading loop per state database. Two loops writing one store both believe they
// own its orders and positions (seen: a filled sell stored as canceled with 0 filled), so
// `crew autonomous` holds an exclusive OS lock (flock) on `<state.db>.lock` for its whole life.
// The kernel drops the lock when the process ends in any way, SIGKILL and power loss included,
// so a crash never leaves a home locked. The file also says who holds it (pid, mode, since), for
// the second loop's refusal and for commands that only look (status, stop), which never lock.
#include "core/result.hpp"
#include "core/time.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace crew::state {

// Who holds a home's loop lock, as the holder wrote it.
struct LoopHolder {
  long pid = 0;
  std::string mode;  // sim, dry-run, paper, live
  std::string since; // RFC 3339, the holder's start by the real clock
};

class LoopLock {
public:
  // Takes the lock beside `state_db` (creating the file, mode 0600) without waiting, and writes
  // the holder line. Fails naming the holder when another process has it.
  static core::Result<LoopLock> acquire(const std::filesystem::path& state_db,
                                        const std::string& mode, core::UtcTime since);
  // The live holder of the lock beside `state_db`, nullopt when no process holds it (a file left
  // by a finished loop says nothing). Takes no lock that a loop could trip over.
  static std::optional<LoopHolder> holder(const std::filesystem::path& state_db);
  static std::filesystem::path lock_path(const std::filesystem::path& state_db);

  LoopLock(LoopLock&& other) noexcept;
  LoopLock& operator=(LoopLock&& other) noexcept;
  LoopLock(const LoopLock&) = delete;
  LoopLock& operator=(const LoopLock&) = delete;
  ~LoopLock();

private:
  explicit LoopLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

} // namespace crew::state
