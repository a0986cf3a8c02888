#include "alert_fakes.hpp"
#include "alerts/smtp_sink.hpp"
#include "smtp_receiver.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;
using crew::alerts::test::SmtpReceiver;

namespace {

Alert stall_alert() {
  return Alert{"stall",
               "stall",
               Severity::critical,
               false,
               at(0),
               at(0),
               "the loop has not ticked for 300 s (last tick 2026-11-18T11:01:40Z, alert after "
               "300 s)"};
}

SmtpSettings settings_for(const SmtpReceiver& receiver) {
  SmtpSettings settings;
  settings.url = receiver.url();
  settings.from = "crew@example.com";
  settings.to = {"ops@example.com", "oncall@example.org"};
  settings.timeout = std::chrono::seconds{5};
  return settings;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\r\n") != std::string::npos;
}

} // namespace

TEST(SmtpSink, DeliversTheAlertAsAMailToEveryRecipient) {
  SmtpReceiver receiver;
  SmtpSink sink(settings_for(receiver));
  const auto sent = sink.deliver(stall_alert());
  ASSERT_TRUE(sent.ok()) << sent.error().message();
  const auto mails = receiver.mails();
  ASSERT_EQ(mails.size(), 1U);
  const auto& mail = mails[0];
  EXPECT_EQ(mail.mail_from, "<crew@example.com>");
  EXPECT_EQ(mail.rcpt_to, (std::vector<std::string>{"<ops@example.com>", "<oncall@example.org>"}));
  EXPECT_TRUE(has_line(mail.data, "Subject: [crew] CRITICAL stall: the loop has not ticked for "
                                  "300 s (last tick 2026-11-18T11:01:40Z, alert after 300 s)"))
      << mail.data;
  EXPECT_TRUE(has_line(mail.data, "From: tradingcrew <crew@example.com>")) << mail.data;
  EXPECT_TRUE(has_line(mail.data, "To: ops@example.com, oncall@example.org")) << mail.data;
  EXPECT_TRUE(has_line(mail.data, "Date: Wed, 18 Nov 2026 11:06:40 +0000")) << mail.data;
  EXPECT_TRUE(has_line(mail.data, "Content-Type: text/plain; charset=utf-8")) << mail.data;
  const auto body = mail.data.substr(mail.data.find("\r\n\r\n") + 4);
  EXPECT_EQ(body.rfind("the loop has not ticked for 300 s", 0), 0U) << body;
  EXPECT_NE(body.find("crew autonomous"), std::string::npos) << body;
}

TEST(SmtpSink, LinesStartingWithADotArriveIntact) {
  SmtpReceiver receiver;
  SmtpSink sink(settings_for(receiver));
  auto alert = stall_alert();
  // body() puts the message first; a line of its own made only of "." must not end the DATA.
  alert.message = "line one\n.\n.hidden";
  ASSERT_TRUE(sink.deliver(alert).ok());
  const auto mails = receiver.mails();
  ASSERT_EQ(mails.size(), 1U);
  EXPECT_NE(mails[0].data.find("line one\r\n.\r\n.hidden\r\n"), std::string::npos) << mails[0].data;
}

TEST(SmtpSink, RefusesToSendAPasswordWithoutTls) {
  SmtpReceiver receiver; // offers no STARTTLS
  auto settings = settings_for(receiver);
  settings.user = "crew";
  settings.password = "hunter2";
  SmtpSink sink(settings);
  const auto sent = sink.deliver(stall_alert());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().where, "alerts.smtp_url");
  EXPECT_EQ(sent.error().message().find("hunter2"), std::string::npos);
  EXPECT_TRUE(receiver.mails().empty());
  for (const auto& command : receiver.commands()) {
    EXPECT_EQ(command.find("AUTH"), std::string::npos) << command;
  }
}

TEST(SmtpSink, AnUnreachableServerIsAnError) {
  int port = 0;
  {
    SmtpReceiver gone;
    port = gone.port();
  }
  SmtpSettings settings;
  settings.url = "smtp://127.0.0.1:" + std::to_string(port);
  settings.from = "crew@example.com";
  settings.to = {"ops@example.com"};
  settings.timeout = std::chrono::seconds{5};
  SmtpSink sink(settings);
  const auto sent = sink.deliver(stall_alert());
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().what.rfind("mail not sent: ", 0), 0U) << sent.error().what;
}

TEST(FormatMail, UsesCrlfAndKeepsHeadersOnOneLine) {
  auto alert = stall_alert();
  alert.message = "two\r\nlines";
  const auto mail = format_mail(alert, "crew@example.com", {"ops@example.com"});
  EXPECT_TRUE(has_line(mail, "Subject: [crew] CRITICAL stall: two  lines")) << mail;
  for (std::size_t i = 0; i < mail.size(); ++i) {
    if (mail[i] == '\n') {
      ASSERT_GT(i, 0U);
      EXPECT_EQ(mail[i - 1], '\r') << "bare LF at " << i;
    }
  }
  EXPECT_TRUE(has_line(mail, "Message-ID: <stall.raised.1795000000000000000@crew.invalid>"));
}

TEST(SplitAddresses, TrimsSpacesAndSkipsEmptyParts) {
  EXPECT_EQ(split_addresses(" a@x.org ,b@y.org,, "),
            (std::vector<std::string>{"a@x.org", "b@y.org"}));
  EXPECT_TRUE(split_addresses("").empty());
}
