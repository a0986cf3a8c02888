#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

using crew::core::k_echo_chars;
using crew::core::printable;

TEST(Printable, KeepsOrdinaryTextAndUtf8AsTheyAre) {
  EXPECT_EQ(printable("AAPL"), "AAPL");
  EXPECT_EQ(printable("Zürich 東京 €5 🙂"), "Zürich 東京 €5 🙂");
  EXPECT_EQ(printable(""), "");
  EXPECT_EQ(printable("a\\x1b stays as written"), "a\\x1b stays as written");
}

TEST(Printable, EscapesControlCharacters) {
  EXPECT_EQ(printable("\x1b[2Jred"), "\\x1b[2Jred");
  EXPECT_EQ(printable(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(printable("line\r\nforged\tx\x7f"), "line\\x0d\\x0aforged\\x09x\\x7f");
  EXPECT_EQ(printable("\xc2\x9b"
                      "31m"),
            "\\u009b31m"); // the one-byte CSI of 8-bit terminals
}

TEST(Printable, EscapesBytesThatAreNotUtf8) {
  EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(printable("\x80x"), "\\x80x");                          // a stray continuation byte
  EXPECT_EQ(printable("\xe2\x82"), "\\xe2\\x82");                   // a truncated sequence
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");                   // an overlong '/'
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");          // a surrogate
  EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80"); // beyond U+10FFFF
}

TEST(Printable, CapsLongTextWithAnEllipsis) {
  const std::string huge(300'000'000 / 1000, 'A');
  const auto shown = printable(huge);
  EXPECT_EQ(shown, std::string(k_echo_chars, 'A') + "…");
  EXPECT_EQ(printable("abcdef", 3), "abc…");
  EXPECT_EQ(printable("abc", 3), "abc");
  EXPECT_EQ(printable("\x01\x02\x03\x04", 2), "\\x01\\x02…");
  EXPECT_EQ(printable("ééé", 2), "éé…");
}
