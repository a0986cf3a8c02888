#pragma once
// SmtpReceiver: a tiny SMTP server on a loopback socket for the SmtpSink tests. It answers one
// client at a time with the minimum of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT;
// no STARTTLS, no AUTH) and keeps each message's envelope and data for the test to check.
// Sockets have a receive timeout so a confused client cannot hang the test.
#include "loopback_listener.hpp"

#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace crew::alerts::test {

struct ReceivedMail {
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string data; // as sent, dot-stuffing undone, without the final "."
};

class SmtpReceiver {
public:
  SmtpReceiver() {
    const auto listener = listen_on_loopback(4);
    m_listener = listener.fd;
    m_port = listener.port;
    m_thread = std::thread([this] { serve(); });
  }
  ~SmtpReceiver() {
    m_stopping = true;
    ::shutdown(m_listener, SHUT_RDWR);
    ::close(m_listener);
    m_thread.join();
  }
  SmtpReceiver(const SmtpReceiver&) = delete;
  SmtpReceiver& operator=(const SmtpReceiver&) = delete;

  int port() const { return m_port; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
  std::vector<ReceivedMail> mails() const {
    const std::lock_guard lock(m_mutex);
    return m_mails;
  }
  // Every command line the clients sent, in order (AUTH would show up here).
  std::vector<std::string> commands() const {
    const std::lock_guard lock(m_mutex);
    return m_commands;
  }

private:
  void serve() {
    while (!m_stopping) {
      const int client = ::accept(m_listener, nullptr, nullptr);
      if (client < 0) {
        return;
      }
      timeval timeout{5, 0};
      ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      converse(client);
      ::close(client);
    }
  }

  static void send_line(int client, const std::string& line) {
    const std::string text = line + "\r\n";
    (void)::send(client, text.data(), text.size(), MSG_NOSIGNAL);
  }

  // Reads one CRLF-terminated line; false when the client went away.
  bool read_line(int client, std::string& line) {
    while (true) {
      if (const auto end = m_buffer.find("\r\n"); end != std::string::npos) {
        line = m_buffer.substr(0, end);
        m_buffer.erase(0, end + 2);
        return true;
      }
      char chunk[4096];
      const auto n = ::recv(client, chunk, sizeof chunk, 0);
      if (n <= 0) {
        return false;
      }
      m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }

  void converse(int client) {
    m_buffer.clear();
    send_line(client, "220 receiver.test ESMTP ready");
    ReceivedMail mail;
    std::string line;
    while (read_line(client, line)) {
      {
        const std::lock_guard lock(m_mutex);
        m_commands.push_back(line);
      }
      const std::string verb = line.substr(0, 4);
      if (verb == "EHLO") {
        send_line(client, "250-receiver.test");
        send_line(client, "250 8BITMIME");
      } else if (verb == "HELO" || verb == "NOOP" || verb == "RSET") {
        send_line(client, "250 OK");
      } else if (verb == "MAIL") {
        mail = ReceivedMail{};
        mail.mail_from = line.substr(line.find(':') + 1);
        send_line(client, "250 OK");
      } else if (verb == "RCPT") {
        mail.rcpt_to.push_back(line.substr(line.find(':') + 1));
        send_line(client, "250 OK");
      } else if (verb == "DATA") {
        send_line(client, "354 End data with <CR><LF>.<CR><LF>");
        while (read_line(client, line) && line != ".") {
          mail.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
        }
        {
          const std::lock_guard lock(m_mutex);
          m_mails.push_back(mail);
        }
        send_line(client, "250 OK queued");
      } else if (verb == "QUIT") {
        send_line(client, "221 Bye");
        return;
      } else {
        send_line(client, "502 Command not implemented");
      }
    }
  }

  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::thread m_thread;
  std::string m_buffer;
  mutable std::mutex m_mutex;
  std::vector<ReceivedMail> m_mails;
  std::vector<std::string> m_commands;
};

} // namespace crew::alerts::test
