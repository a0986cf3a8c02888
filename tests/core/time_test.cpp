#include "core/time.hpp"

#include <gtest/gtest.h>

#include <cstdint>

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

TEST(UtcTime, AddsDurationsOnlyInsideTheSpanItHandles) {
  using crew::core::add_duration;
  using crew::core::k_latest_time;
  const auto start = *parse_rfc3339("2026-11-27T17:50:00Z");
  EXPECT_EQ(format_rfc3339(*add_duration(start, std::chrono::hours{24})), "2026-11-28T17:50:00Z");
  EXPECT_EQ(format_rfc3339(k_latest_time), "2261-12-31T23:59:59.999999999Z");
  EXPECT_EQ(format_rfc3339(crew::core::k_earliest_time), "1678-01-01T00:00:00Z");
  EXPECT_EQ(*add_duration(k_latest_time - std::chrono::hours{1}, std::chrono::hours{1}),
            k_latest_time);
  // 100000 days from 2026 is 2300: adding them wrapped around before, and a session ended at once.
  const auto far = add_duration(start, std::chrono::days{100'000});
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().what,
            "ends after 2261-12-31T23:59:59Z, the latest time the program handles");
  EXPECT_FALSE(add_duration(start, crew::core::Duration::max()));
  EXPECT_FALSE(add_duration(*parse_rfc3339("2261-12-31T00:00:00Z"), std::chrono::days{200}));
  EXPECT_FALSE(add_duration(*parse_rfc3339("1700-01-01T00:00:00Z"), -std::chrono::days{30'000}));
  EXPECT_FALSE(add_duration(UtcTime::from_ns(INT64_MIN), std::chrono::hours{1}));
  EXPECT_FALSE(add_duration(UtcTime::from_ns(INT64_MAX), -std::chrono::hours{1}));
}

TEST(UtcTime, ParsesDurationsWithoutOverflow) {
  using crew::core::parse_duration;
  EXPECT_EQ(*parse_duration("3600"), std::chrono::hours{1});
  EXPECT_EQ(*parse_duration("90s"), std::chrono::seconds{90});
  EXPECT_EQ(*parse_duration("90m"), std::chrono::minutes{90});
  EXPECT_EQ(*parse_duration("24h"), std::chrono::hours{24});
  EXPECT_EQ(*parse_duration("3650d"), std::chrono::days{3650});
  EXPECT_EQ(*parse_duration("106751d"), std::chrono::days{106'751});
  for (const char* bad : {"", "forever", "d", "-5m", "+5m", " 5m", "5 m", "5M", "1.5h", "5mm"}) {
    const auto parsed = parse_duration(bad);
    ASSERT_FALSE(parsed) << "accepted '" << bad << "'";
    EXPECT_NE(parsed.error().what.find("is not a duration"), std::string::npos) << bad;
  }
  EXPECT_NE(parse_duration("0h").error().what.find("must be positive"), std::string::npos);
  // Each of these overflowed int64 nanoseconds (or int64 seconds) before.
  for (const char* huge : {"106752d", "9999999999999d", "99999999999999999999999", "2562048h",
                           "153722868m", "9223372037"}) {
    const auto parsed = parse_duration(huge);
    ASSERT_FALSE(parsed) << "accepted '" << huge << "'";
    EXPECT_NE(parsed.error().what.find("too long: at most 106751 days"), std::string::npos)
        << parsed.error().what;
  }
  EXPECT_EQ(parse_duration("\x1b[31m").error().what.substr(0, 8), "'\\x1b[31");
}
