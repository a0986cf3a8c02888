#pragma once
// SystemdNotifier: the sd_notify() protocol without libsystemd. Under a unit with Type=notify,
// systemd puts a datagram socket's path in $NOTIFY_SOCKET; crew sends "READY=1" once the loop
// starts, "WATCHDOG=1" after every tick (so WatchdogSec= restarts a loop that stopped ticking)
// and "STOPPING=1" when it ends. Without $NOTIFY_SOCKET every call does nothing. A failed send is
// logged once and never stops trading.
#include <string>
#include <string_view>

namespace crew::app {

class SystemdNotifier {
public:
  // Reads $NOTIFY_SOCKET ("/path" or "@abstract").
  static SystemdNotifier from_environment();
  explicit SystemdNotifier(std::string socket_path);
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;
  SystemdNotifier(SystemdNotifier&& other) noexcept;
  SystemdNotifier& operator=(SystemdNotifier&&) = delete;
  ~SystemdNotifier();

  bool enabled() const { return m_fd >= 0; }
  void notify(std::string_view state);

private:
  std::string m_path;
  int m_fd = -1;
  bool m_warned = false;
};

} // namespace crew::app
