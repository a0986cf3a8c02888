#pragma once
// A listening TCP socket on 127.0.0.1 with a port the kernel picks, for the tests' receivers.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace crew::alerts::test {

struct LoopbackListener {
  int fd = -1;
  int port = 0;
};

inline LoopbackListener listen_on_loopback(int backlog) {
  LoopbackListener listener;
  listener.fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int yes = 1;
  ::setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(listener.fd, reinterpret_cast<sockaddr*>(&address), sizeof address); // NOLINT
  ::listen(listener.fd, backlog);
  socklen_t length = sizeof address;
  ::getsockname(listener.fd, reinterpret_cast<sockaddr*>(&address), &length); // NOLINT
  listener.port = ntohs(address.sin_port);
  return listener;
}

} // namespace crew::alerts::test
