#include "core/decimal.hpp"
#include "risk/position_sizing.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace crew::risk {
namespace {

TEST(PositionSizer, RisksTheFractionOfEquityOverTheStopDistance) {
  const PositionSizer sizer{0.01, 1.0, 1.0};
  EXPECT_EQ(sizer.quantity(100'000.0, 4.0, 100.0), 250.0); // 1,000 at risk / 4 per share
}

TEST(PositionSizer, CapsTheNotionalAtTheMaximumPositionFraction) {
  const PositionSizer sizer{0.01, 1.0 / 3.0, 1.0};
  // By risk 1,000 / 0.5 = 2,000 shares; the cap allows 33,333.33 / 100 = 333.33 → 333.
  EXPECT_EQ(sizer.quantity(100'000.0, 0.5, 100.0), 333.0);
}

TEST(PositionSizer, APositionSizedAtTheCapIsNeverWorthMoreThanItInDecimal) {
  // The loop checks the order in Decimal against the same cap (the position_size risk rule): an
  // entry sized at the cap was refused for being worth $0.00007 more than it.
  const PositionSizer sizer{0.01, 1.0 / 3.0, 1e-9};
  double equity = 99'352.537673097;
  double price = 39.437741;
  for (int i = 0; i < 2'000; ++i) {
    const double qty = sizer.quantity(equity, 1e-3, price); // the cap binds
    const auto worth = core::Decimal::from_double(qty) * core::Decimal::from_double(price);
    const auto cap = core::Decimal::from_double(equity / 3.0);
    ASSERT_LE(worth, cap) << "equity " << equity << " price " << price << " qty " << qty;
    equity *= 1.000731;
    price *= 1.013;
  }
}

TEST(PositionSizer, RoundsDownToWholeShares) {
  const PositionSizer sizer{0.01, 1.0, 1.0};
  EXPECT_EQ(sizer.quantity(100'000.0, 3.0, 100.0), 333.0); // 333.33…
}

TEST(PositionSizer, RoundsDownToTheCryptoIncrement) {
  const PositionSizer sizer{0.005, 1.0 / 3.0, 1e-9};
  // 500 / 1,234.5678 = 0.4050000332…; the cap (33,333 / 42,000 ≈ 0.79) does not bind.
  const double qty = sizer.quantity(100'000.0, 1'234.5678, 42'000.0);
  EXPECT_EQ(qty, 0.405000033); // the double nearest the decimal, not 405000033 · 1e-9
  EXPECT_LE(qty, 500.0 / 1'234.5678);
}

TEST(PositionSizer, KeepsAnExactMultipleDespiteFloatingPoint) {
  const PositionSizer sizer{0.01, 1.0, 0.1};
  EXPECT_DOUBLE_EQ(sizer.quantity(300.0, 1.0, 1.0), 3.0); // 3 / 0.1 = 29.999999999999996
}

TEST(PositionSizer, SizesNothingWithoutAUsableStopOrEquity) {
  const PositionSizer sizer{0.01, 1.0, 1.0};
  EXPECT_EQ(sizer.quantity(100'000.0, std::numeric_limits<double>::quiet_NaN(), 100.0), 0.0);
  EXPECT_EQ(sizer.quantity(100'000.0, 0.0, 100.0), 0.0);
  EXPECT_EQ(sizer.quantity(0.0, 1.0, 100.0), 0.0);
  EXPECT_EQ(sizer.quantity(100'000.0, 1.0, 0.0), 0.0);
  EXPECT_EQ(sizer.quantity(10.0, 0.01, 100.0), 0.0); // less than one share affordable
}

} // namespace
} // namespace crew::risk
