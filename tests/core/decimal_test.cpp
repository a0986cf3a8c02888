#include "core/decimal.hpp"

#include <gtest/gtest.h>

using crew::core::Decimal;
using crew::core::parse_decimal;

namespace {

std::string round_trip(const char* text) {
  auto value = parse_decimal(text);
  EXPECT_TRUE(value.ok()) << text;
  return value ? value->to_string() : "";
}

} // namespace

TEST(Decimal, RoundTripsAlpacaStringsExactly) {
  EXPECT_EQ(round_trip("0.000123456"), "0.000123456");
  EXPECT_EQ(round_trip("-23140.2"), "-23140.2");
  EXPECT_EQ(round_trip("0.0283"), "0.0283");
  EXPECT_EQ(round_trip("100000"), "100000");
  EXPECT_EQ(round_trip("0.000000001"), "0.000000001");
  EXPECT_EQ(round_trip("893.5"), "893.5");
}

TEST(Decimal, NormalisesTrailingZerosAndSigns) {
  EXPECT_EQ(round_trip("1.500"), "1.5");
  EXPECT_EQ(round_trip("+7"), "7");
  EXPECT_EQ(round_trip("-0"), "0");
  EXPECT_EQ(round_trip(".5"), "0.5");
  EXPECT_EQ(round_trip("0.1234567890000"), "0.123456789");
}

TEST(Decimal, RejectsMalformedText) {
  for (const char* bad : {"", "-", "1e5", "1.2.3", "abc", "1,5", " 1", "0.0000000001", "NaN"}) {
    auto value = parse_decimal(bad);
    EXPECT_FALSE(value.ok()) << "accepted '" << bad << "'";
    if (!value) {
      EXPECT_NE(value.error().what.find("invalid decimal"), std::string::npos);
    }
  }
}

TEST(Decimal, RejectsValuesBeyondRange) {
  EXPECT_FALSE(parse_decimal("10000000000").ok());
  EXPECT_TRUE(parse_decimal("9000000000").ok());
}

TEST(Decimal, MultipliesAndDividesWithRounding) {
  const Decimal qty = *parse_decimal("0.0283");
  const Decimal price = *parse_decimal("67000.5");
  EXPECT_EQ((qty * price).to_string(), "1896.11415");
  EXPECT_EQ((*parse_decimal("1") / *parse_decimal("3")).to_string(), "0.333333333");
  EXPECT_EQ((*parse_decimal("2") / *parse_decimal("3")).to_string(), "0.666666667");
  EXPECT_EQ((*parse_decimal("-2") / *parse_decimal("3")).to_string(), "-0.666666667");
  EXPECT_EQ((*parse_decimal("1") / Decimal{}).to_string(), "0");
}

TEST(Decimal, FloorsToAnIncrement) {
  const Decimal qty = *parse_decimal("1.23456789");
  EXPECT_EQ(qty.floor_to(*parse_decimal("0.001")).to_string(), "1.234");
  EXPECT_EQ(qty.floor_to(Decimal::from_int(1)).to_string(), "1");
  EXPECT_EQ((-qty).floor_to(Decimal::from_int(1)).to_string(), "-2");
}

TEST(Decimal, ComparesAndConvertsToDouble) {
  EXPECT_LT(*parse_decimal("0.1"), *parse_decimal("0.2"));
  EXPECT_DOUBLE_EQ(parse_decimal("-23140.2")->to_double(), -23140.2);
  EXPECT_EQ(Decimal::from_double(0.1).to_string(), "0.1");
  EXPECT_EQ(Decimal::from_double(-1.0000000005).to_string(), "-1.000000001");
}
