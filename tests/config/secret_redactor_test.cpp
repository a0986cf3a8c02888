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
