// The contract every indicator keeps (style.md 7.5): batch equals streaming bit for bit on random
// series of several lengths and seeds, undefined exactly before its warm-up, ready() and
// warmup_length() consistent with that, and reset() back to a fresh state.
#include "indicators/atr.hpp"
#include "indicators/batch.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/correlation.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/volatility.hpp"
#include "random_series.hpp"

#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

namespace crew::indicators {
namespace {

using test::RandomSeries;

// Each case: how to build the indicator, feed bar i, run the batch helper, and the index at which
// each output is first defined (worked out from design.md section 4).
struct SmaCase {
  static constexpr std::size_t k_outputs = 1;
  static Sma make() { return Sma(7); }
  static std::array<double, 1> feed(Sma& x, const RandomSeries& s, std::size_t i) {
    return {x.update(s.close[i])};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) { return {sma(s.close, 7)}; }
  static std::array<std::size_t, 1> first_defined() { return {6}; }
};

struct EmaCase {
  static constexpr std::size_t k_outputs = 1;
  static Ema make() { return Ema(12); }
  static std::array<double, 1> feed(Ema& x, const RandomSeries& s, std::size_t i) {
    return {x.update(s.close[i])};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) {
    return {ema(s.close, 12)};
  }
  static std::array<std::size_t, 1> first_defined() { return {11}; }
};

struct RsiCase {
  static constexpr std::size_t k_outputs = 1;
  static Rsi make() { return Rsi(14); }
  static std::array<double, 1> feed(Rsi& x, const RandomSeries& s, std::size_t i) {
    return {x.update(s.close[i])};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) {
    return {rsi(s.close, 14)};
  }
  static std::array<std::size_t, 1> first_defined() { return {14}; }
};

struct MacdCase {
  static constexpr std::size_t k_outputs = 3;
  static Macd make() { return Macd(12, 26, 9); }
  static std::array<double, 3> feed(Macd& x, const RandomSeries& s, std::size_t i) {
    const auto& v = x.update(s.close[i]);
    return {v.macd, v.signal, v.hist};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) {
    auto m = macd(s.close, 12, 26, 9);
    return {m.macd, m.signal, m.hist};
  }
  static std::array<std::size_t, 3> first_defined() { return {25, 33, 33}; }
};

struct BollingerCase {
  static constexpr std::size_t k_outputs = 3;
  static Bollinger make() { return Bollinger(20, 2.0); }
  static std::array<double, 3> feed(Bollinger& x, const RandomSeries& s, std::size_t i) {
    const auto& v = x.update(s.close[i]);
    return {v.middle, v.upper, v.lower};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) {
    auto b = bollinger(s.close, 20, 2.0);
    return {b.middle, b.upper, b.lower};
  }
  static std::array<std::size_t, 3> first_defined() { return {19, 19, 19}; }
};

struct AtrCase {
  static constexpr std::size_t k_outputs = 1;
  static Atr make() { return Atr(14); }
  static std::array<double, 1> feed(Atr& x, const RandomSeries& s, std::size_t i) {
    return {x.update(s.high[i], s.low[i], s.close[i])};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) {
    return {atr(s.high, s.low, s.close, 14)};
  }
  static std::array<std::size_t, 1> first_defined() { return {14}; }
};

struct VolatilityCase {
  static constexpr std::size_t k_outputs = 1;
  static Volatility make() { return Volatility(20); }
  static std::array<double, 1> feed(Volatility& x, const RandomSeries& s, std::size_t i) {
    return {x.update(s.close[i])};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) {
    return {volatility(s.close, 20)};
  }
  static std::array<std::size_t, 1> first_defined() { return {20}; }
};

struct CorrelationCase {
  static constexpr std::size_t k_outputs = 1;
  static Correlation make() { return Correlation(10); }
  static std::array<double, 1> feed(Correlation& x, const RandomSeries& s, std::size_t i) {
    return {x.update(s.close[i], s.other_close[i])};
  }
  static std::vector<std::vector<double>> batch(const RandomSeries& s) {
    return {correlation(s.time, s.close, s.time, s.other_close, 10).value};
  }
  static std::array<std::size_t, 1> first_defined() { return {10}; }
};

template <typename Case>
class IndicatorContract : public ::testing::Test {};

using Cases = ::testing::Types<SmaCase, EmaCase, RsiCase, MacdCase, BollingerCase, AtrCase,
                               VolatilityCase, CorrelationCase>;
TYPED_TEST_SUITE(IndicatorContract, Cases);

template <typename Case>
std::vector<std::vector<double>> stream(const RandomSeries& s) {
  auto indicator = Case::make();
  std::vector<std::vector<double>> out(Case::k_outputs);
  for (std::size_t i = 0; i < s.close.size(); ++i) {
    const auto values = Case::feed(indicator, s, i);
    for (std::size_t k = 0; k < Case::k_outputs; ++k) {
      out[k].push_back(values[k]);
    }
  }
  return out;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<std::uint64_t>(a[i]) != std::bit_cast<std::uint64_t>(b[i])) {
      return false;
    }
  }
  return true;
}

TYPED_TEST(IndicatorContract, BatchEqualsStreamingBitForBit) {
  for (const std::uint64_t seed : {1u, 7u, 42u, 2024u}) {
    for (const std::size_t length : {0u, 1u, 5u, 40u, 333u, 5000u}) {
      const auto series = test::random_series(seed, length);
      const auto streamed = stream<TypeParam>(series);
      const auto batched = TypeParam::batch(series);
      ASSERT_EQ(batched.size(), TypeParam::k_outputs);
      for (std::size_t k = 0; k < TypeParam::k_outputs; ++k) {
        EXPECT_TRUE(same_bits(streamed[k], batched[k]))
            << "output " << k << " seed " << seed << " length " << length;
      }
    }
  }
}

TYPED_TEST(IndicatorContract, UndefinedExactlyBeforeItsWarmup) {
  const auto series = test::random_series(3, 200);
  const auto streamed = stream<TypeParam>(series);
  const auto first = TypeParam::first_defined();
  for (std::size_t k = 0; k < TypeParam::k_outputs; ++k) {
    for (std::size_t i = 0; i < series.close.size(); ++i) {
      EXPECT_EQ(std::isnan(streamed[k][i]), i < first[k]) << "output " << k << " index " << i;
    }
  }
}

TYPED_TEST(IndicatorContract, ReadyAndWarmupLengthMatchTheLastOutputToBeDefined) {
  const auto series = test::random_series(5, 100);
  const auto first = TypeParam::first_defined();
  std::size_t last_first = 0;
  for (const auto f : first) {
    last_first = std::max(last_first, f);
  }
  auto indicator = TypeParam::make();
  EXPECT_EQ(indicator.warmup_length(), last_first + 1);
  for (std::size_t i = 0; i < series.close.size(); ++i) {
    TypeParam::feed(indicator, series, i);
    EXPECT_EQ(indicator.ready(), i >= last_first) << "index " << i;
  }
}

TYPED_TEST(IndicatorContract, ResetReturnsToTheFreshState) {
  const auto series = test::random_series(11, 300);
  const auto fresh = stream<TypeParam>(series);
  auto indicator = TypeParam::make();
  const auto other = test::random_series(99, 150);
  for (std::size_t i = 0; i < other.close.size(); ++i) {
    TypeParam::feed(indicator, other, i);
  }
  indicator.reset();
  EXPECT_FALSE(indicator.ready());
  for (std::size_t i = 0; i < series.close.size(); ++i) {
    const auto values = TypeParam::feed(indicator, series, i);
    for (std::size_t k = 0; k < TypeParam::k_outputs; ++k) {
      ASSERT_EQ(std::bit_cast<std::uint64_t>(values[k]), std::bit_cast<std::uint64_t>(fresh[k][i]))
          << "output " << k << " index " << i;
    }
  }
}

} // namespace
} // namespace crew::indicators
