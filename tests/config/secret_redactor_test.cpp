#include "config/secret_redactor.hpp"

#include <gtest/gtest.h>

using crew::config::SecretRedactor;

TEST(SecretRedactor, ReplacesEveryOccurrenceOfASecret) {
  SecretRedactor redactor;
  redactor.add("PKTESTKEY123");
  EXPECT_EQ(redactor.scrub("key=PKTESTKEY123 again PKTESTKEY123."),
            "key=[REDACTED] again [REDACTED].");
  EXPECT_EQ(redactor.scrub("nothing here"), "nothing here");
}

TEST(SecretRedactor, RemovesALongerSecretWhole) {
  SecretRedactor redactor;
  redactor.add("abcd");
  redactor.add("xxabcdyy");
  EXPECT_EQ(redactor.scrub("<xxabcdyy> <abcd>"), "<[REDACTED]> <[REDACTED]>");
}

TEST(SecretRedactor, IgnoresEmptyAndShortValues) {
  SecretRedactor redactor;
  redactor.add("");
  redactor.add("ab");
  EXPECT_TRUE(redactor.empty());
  EXPECT_EQ(redactor.scrub("abab"), "abab");
}

TEST(RedactUrl, KeepsOnlyWhereAWebhookGoes) {
  using crew::config::redact_url;
  EXPECT_EQ(redact_url("https://hooks.slack.com/services/T000/B000/XXXXSECRET"),
            "https://hooks.slack.com/REDACTED");
  EXPECT_EQ(redact_url("https://discord.com/api/webhooks/123/tok?wait=true"),
            "https://discord.com/REDACTED");
  EXPECT_EQ(redact_url("http://user:hunter2@127.0.0.1:8080/hook"),
            "http://REDACTED@127.0.0.1:8080/REDACTED");
  EXPECT_EQ(redact_url("http://[::1]:9000"), "http://[::1]:9000");
  EXPECT_EQ(redact_url("https://example.com/"), "https://example.com");
  EXPECT_EQ(redact_url(""), "");
  EXPECT_EQ(redact_url("not a url with hunter2"), "REDACTED");
}
