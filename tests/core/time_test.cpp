#include "core/time.hpp"

#include <gtest/gtest.h>

using crew::core::format_rfc3339;
using crew::core::parse_date;
using crew::core::parse_rfc3339;
using crew::core::UtcTime;

TEST(UtcTime, ParsesZuluWithAndWithoutFractions) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z")->ns(), 0);
  EXPECT_EQ(parse_rfc3339("2024-01-03T14:30:00Z")->seconds(), 1704292200);
  EXPECT_EQ(parse_rfc3339("2023-12-12T22:36:51.337711497Z")->ns(), 1702420611337711497);
  EXPECT_EQ(parse_rfc3339("2023-12-12T22:36:51.5Z")->ns(), 1702420611500000000);
}

TEST(UtcTime, AppliesNumericOffsets) {
  const auto ny = parse_rfc3339("2020-06-08T22:38:49.042731234-04:00");
  ASSERT_TRUE(ny.ok());
  EXPECT_EQ(format_rfc3339(*ny), "2020-06-09T02:38:49.042731234Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2024-01-03T09:30:00+05:30")), "2024-01-03T04:00:00Z");
}

TEST(UtcTime, FormatsShortestFractionOrFixedDigits) {
  const auto t = *parse_rfc3339("2024-02-29T23:59:59.120Z");
  EXPECT_EQ(format_rfc3339(t), "2024-02-29T23:59:59.12Z");
  EXPECT_EQ(format_rfc3339(t, 0), "2024-02-29T23:59:59Z");
  EXPECT_EQ(format_rfc3339(t, 3), "2024-02-29T23:59:59.120Z");
  EXPECT_EQ(format_rfc3339(UtcTime::from_seconds(-1)), "1969-12-31T23:59:59Z");
}

TEST(UtcTime, RejectsMalformedTimestamps) {
  for (const char* bad : {"", "2024-01-03", "2024-01-03T14:30:00", "2024-13-01T00:00:00Z",
                          "2024-02-30T00:00:00Z", "2024-01-03T25:00:00Z", "2024-01-03T14:30:00.Z",
                          "2024-01-03T14:30:00+0400", "2024-01-03T14:30:00Zjunk", "garbage"}) {
    const auto t = parse_rfc3339(bad);
    EXPECT_FALSE(t.ok()) << "accepted '" << bad << "'";
    if (!t) {
      EXPECT_NE(t.error().what.find("invalid timestamp"), std::string::npos);
    }
  }
}

TEST(UtcTime, ParsesDatesAsMidnightUtc) {
  EXPECT_EQ(format_rfc3339(*parse_date("2026-11-25")), "2026-11-25T00:00:00Z");
  EXPECT_FALSE(parse_date("2026-11-31").ok());
  EXPECT_FALSE(parse_date("2026-1-5").ok());
}

TEST(UtcTime, RefusesYearsOutsideTheNanosecondRange) {
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("2261-12-31T23:59:59-23:59")), "2262-01-01T23:58:59Z");
  EXPECT_EQ(format_rfc3339(*parse_rfc3339("1678-01-01T00:00:00+23:59")), "1677-12-31T00:01:00Z");
  for (const char* bad :
       {"1011-03-28T17:32:30.318Z", "2262-01-01T00:00:00Z", "9999-12-31T00:00:00Z"}) {
    const auto t = parse_rfc3339(bad);
    ASSERT_FALSE(t.ok()) << "accepted '" << bad << "'";
    EXPECT_NE(t.error().what.find("year out of range"), std::string::npos);
  }
  EXPECT_FALSE(parse_date("5202-04-10").ok());
  EXPECT_NE(crew::core::parse_day("0001-01-01").error().what.find("year out of range"),
            std::string::npos);
}

TEST(UtcTime, ArithmeticWithDurations) {
  const auto t = *parse_rfc3339("2024-01-03T14:30:00Z");
  EXPECT_EQ(format_rfc3339(t + std::chrono::hours{10}), "2024-01-04T00:30:00Z");
  EXPECT_EQ((t + std::chrono::minutes{5}) - t, std::chrono::minutes{5});
  EXPECT_EQ(crew::core::format_date(t.day()), "2024-01-03");
}
