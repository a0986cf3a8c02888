// E-mail over libcurl's SMTP client. The message is built here (format_mail) and handed to curl
// through a read callback; curl does the SMTP dialogue, the dot-stuffing of lines that start with
// ".", TLS and the login. Header values come only from validated configuration (addresses) and
// our own alert text, with CR and LF removed, so nothing can inject a header.
#include "alerts/smtp_sink.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstring>

namespace crew::alerts {
namespace {

struct Upload {
  const std::string* text = nullptr;
  std::size_t offset = 0;
};

std::size_t read_mail(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->text->size() - upload->offset;
  const std::size_t n = left < room ? left : room;
  std::memcpy(buffer, upload->text->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// RFC 5322 date-time in UTC: "Wed, 18 Nov 2026 20:50:00 +0000".
std::string mail_date(core::UtcTime t) {
  static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = t.day();
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday weekday{day};
  const auto seconds = t.seconds() - core::UtcTime::from_sys(day).seconds();
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", k_days[weekday.c_encoding()],
                     static_cast<unsigned>(ymd.day()),
                     k_months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                     seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\r' || c == '\n') {
      c = ' ';
    }
  }
  return text;
}

// Every line ends in CRLF, as SMTP requires.
std::string crlf(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
      out += '\r';
    }
    out += text[i];
  }
  return out;
}

std::string message_id(const Alert& alert) {
  std::string key;
  for (const char c : alert.key) {
    key += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '.';
  }
  return fmt::format("<{}.{}.{}@crew.invalid>", key, alert.resolved ? "resolved" : "raised",
                     alert.time.ns());
}

} // namespace

std::vector<std::string> split_addresses(std::string_view text) {
  std::vector<std::string> addresses;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    auto part = text.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ') {
      part.remove_prefix(1);
    }
    while (!part.empty() && part.back() == ' ') {
      part.remove_suffix(1);
    }
    if (!part.empty()) {
      addresses.emplace_back(part);
    }
    start = comma + 1;
  }
  return addresses;
}

std::string format_mail(const Alert& alert, const std::string& from,
                        const std::vector<std::string>& to) {
  std::string recipients;
  for (const auto& address : to) {
    recipients += (recipients.empty() ? "" : ", ") + address;
  }
  std::string mail;
  mail += "Date: " + mail_date(alert.time) + "\n";
  mail += "From: tradingcrew <" + one_line(from) + ">\n";
  mail += "To: " + one_line(recipients) + "\n";
  mail += "Subject: " + one_line(subject(alert)) + "\n";
  mail += "Message-ID: " + message_id(alert) + "\n";
  mail += "MIME-Version: 1.0\n";
  mail += "Content-Type: text/plain; charset=utf-8\n";
  mail += "Content-Transfer-Encoding: 8bit\n";
  mail +=
      "X-Crew-Alert: " + one_line(alert.key) + (alert.resolved ? " resolved" : " raised") + "\n\n";
  mail += body(alert);
  return crlf(mail);
}

SmtpSink::SmtpSink(SmtpSettings settings) : m_settings(std::move(settings)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
}

core::Status SmtpSink::deliver(const Alert& alert) {
  if (m_settings.to.empty()) {
    return core::Error{"no recipient", "alerts.smtp_to"};
  }
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    return core::Error{"libcurl could not be initialised", "alerts.smtp_url"};
  }
  const std::string mail = format_mail(alert, m_settings.from, m_settings.to);
  Upload upload{&mail, 0};
  curl_slist* recipients = nullptr;
  for (const auto& address : m_settings.to) {
    recipients = curl_slist_append(recipients, ("<" + address + ">").c_str());
  }
  const std::string sender = "<" + m_settings.from + ">";
  const long timeout = static_cast<long>(m_settings.timeout.count());
  curl_easy_setopt(curl, CURLOPT_URL, m_settings.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, sender.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_mail);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE, static_cast<long>(mail.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!m_settings.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, m_settings.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, m_settings.password.c_str());
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  } else {
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) {
    return core::Error{std::string("mail not sent: ") + curl_easy_strerror(code),
                       "alerts.smtp_url"};
  }
  return {};
}

} // namespace crew::alerts
