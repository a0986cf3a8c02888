// The lock is flock(2) on its own file, not SQLite's locking: SQLite locks only for the length of
// a transaction, and the read-only commands must keep opening the store while a loop runs.
// flock is per open file description, so even a second acquire inside one process is refused.
#include "state/loop_lock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/file.h>
#include <unistd.h>

namespace crew::state {
namespace {

std::optional<LoopHolder> parse_holder(const std::string& text) {
  LoopHolder holder;
  std::istringstream in(text);
  std::string field;
  while (in >> field) {
    const auto eq = field.find('=');
    if (eq == std::string::npos) {
      continue;
    }
    const auto key = field.substr(0, eq);
    const auto value = field.substr(eq + 1);
    if (key == "pid") {
      holder.pid = std::strtol(value.c_str(), nullptr, 10);
    } else if (key == "mode") {
      holder.mode = value;
    } else if (key == "since") {
      holder.since = value;
    }
  }
  if (holder.pid <= 0) {
    return std::nullopt;
  }
  return holder;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string describe(const std::optional<LoopHolder>& holder) {
  if (!holder) {
    return "another crew autonomous";
  }
  return "crew autonomous pid " + std::to_string(holder->pid) +
         (holder->mode.empty() ? "" : " (--" + holder->mode + ")") +
         (holder->since.empty() ? "" : ", running since " + holder->since);
}

} // namespace

std::filesystem::path LoopLock::lock_path(const std::filesystem::path& state_db) {
  auto path = state_db;
  path += ".lock";
  return path;
}

core::Result<LoopLock> LoopLock::acquire(const std::filesystem::path& state_db,
                                         const std::string& mode, core::UtcTime since) {
  const auto path = lock_path(state_db);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return core::Error{std::string("cannot open the loop lock: ") + std::strerror(errno),
                       path.string()};
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int why = errno;
    ::close(fd);
    if (why == EWOULDBLOCK) {
      return core::Error{"this home's state is in use by " +
                             describe(parse_holder(read_all(path))) +
                             "; one loop per home (stop it first, or use another --home)",
                         path.string()};
    }
    return core::Error{std::string("cannot lock: ") + std::strerror(why), path.string()};
  }
  const std::string line = "pid=" + std::to_string(::getpid()) + " mode=" + mode +
                           " since=" + core::format_rfc3339(since, 0) + "\n";
  if (::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, line.data(), line.size(), 0) != static_cast<ssize_t>(line.size())) {
    const int why = errno;
    ::close(fd);
    return core::Error{std::string("cannot write the loop lock: ") + std::strerror(why),
                       path.string()};
  }
  return LoopLock(fd);
}

std::optional<LoopHolder> LoopLock::holder(const std::filesystem::path& state_db) {
  const auto path = lock_path(state_db);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::nullopt;
  }
  // A shared lock we can take means no loop holds the exclusive one. Released at once, so a loop
  // starting this instant finds the file free again.
  const bool free = ::flock(fd, LOCK_SH | LOCK_NB) == 0;
  ::close(fd);
  if (free) {
    return std::nullopt;
  }
  auto holder = parse_holder(read_all(path));
  return holder ? holder : std::optional<LoopHolder>{LoopHolder{}};
}

LoopLock::LoopLock(LoopLock&& other) noexcept : m_fd(other.m_fd) {
  other.m_fd = -1;
}

LoopLock& LoopLock::operator=(LoopLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    other.m_fd = -1;
  }
  return *this;
}

LoopLock::~LoopLock() {
  if (m_fd >= 0) {
    if (::ftruncate(m_fd, 0) != 0) {
      // Harmless: holder() asks the kernel, not the file, whether a loop is alive.
    }
    ::close(m_fd);
  }
}

} // namespace crew::state
