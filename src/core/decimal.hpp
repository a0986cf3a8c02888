#pragma once
// Decimal: an exact fixed-point number with 9 decimal places, for quantities, prices and cash at
// the broker boundary. Alpaca sends these as decimal strings ("0.000123456", "-23140.2"); they
// must round-trip exactly, which double cannot do. Range: about ±9.2 billion.
#include "core/result.hpp"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace crew::core {

class Decimal {
public:
  static constexpr int k_places = 9;
  static constexpr std::int64_t k_scale = 1'000'000'000;

  constexpr Decimal() = default;
  static constexpr Decimal from_units(std::int64_t units) { return Decimal(units); }
  static constexpr Decimal from_int(std::int64_t whole) { return Decimal(whole * k_scale); }
  // Rounds to the nearest representable value (half away from zero).
  static Decimal from_double(double value);

  constexpr std::int64_t units() const { return m_units; }
  double to_double() const { return static_cast<double>(m_units) / static_cast<double>(k_scale); }
  // The shortest exact text: no exponent, no trailing zeros ("1.5", "-23140.2", "0").
  std::string to_string() const;

  constexpr bool is_zero() const { return m_units == 0; }
  constexpr bool is_negative() const { return m_units < 0; }
  constexpr auto operator<=>(const Decimal&) const = default;
  constexpr Decimal operator-() const { return Decimal(-m_units); }
  constexpr Decimal operator+(Decimal o) const { return Decimal(m_units + o.m_units); }
  constexpr Decimal operator-(Decimal o) const { return Decimal(m_units - o.m_units); }
  constexpr Decimal& operator+=(Decimal o) {
    m_units += o.m_units;
    return *this;
  }
  constexpr Decimal& operator-=(Decimal o) {
    m_units -= o.m_units;
    return *this;
  }
  // Product and quotient rounded half away from zero to 9 places (128-bit intermediates).
  Decimal operator*(Decimal o) const;
  Decimal operator/(Decimal o) const;

  // The largest multiple of `increment` (> 0) that is ≤ this value (for non-negative values).
  Decimal floor_to(Decimal increment) const;
  constexpr Decimal abs() const { return Decimal(m_units < 0 ? -m_units : m_units); }

private:
  constexpr explicit Decimal(std::int64_t units) : m_units(units) {}
  std::int64_t m_units = 0;
};

// Parses a plain decimal string: optional sign, digits, optional fraction. No exponent; more than
// 9 decimal places is an error unless the extra digits are zeros.
Result<Decimal> parse_decimal(std::string_view text);

} // namespace crew::core
