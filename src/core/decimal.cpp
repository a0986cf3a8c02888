#include "core/decimal.hpp"

#include "core/text.hpp"

#include <cmath>
#include <limits>

namespace crew::core {
namespace {

__extension__ using Int128 = __int128;

constexpr Int128 k_max = std::numeric_limits<std::int64_t>::max();

// Divides rounding half away from zero.
Int128 divide_rounded(Int128 numerator, Int128 denominator) {
  const bool negative = (numerator < 0) != (denominator < 0);
  const Int128 n = numerator < 0 ? -numerator : numerator;
  const Int128 d = denominator < 0 ? -denominator : denominator;
  Int128 q = n / d;
  if ((n % d) * 2 >= d) {
    ++q;
  }
  return negative ? -q : q;
}

std::int64_t narrow(Int128 value) {
  if (value > k_max || value < -k_max) {
    // Saturate rather than wrap: a wrapped amount of money is worse than a clamped one, and
    // callers validate magnitudes long before they get near ±9.2 billion.
    return value > 0 ? std::numeric_limits<std::int64_t>::max()
                     : -std::numeric_limits<std::int64_t>::max();
  }
  return static_cast<std::int64_t>(value);
}

} // namespace

Decimal Decimal::from_double(double value) {
  return Decimal(static_cast<std::int64_t>(std::llround(value * static_cast<double>(k_scale))));
}

std::string Decimal::to_string() const {
  const bool negative = m_units < 0;
  const auto magnitude = static_cast<std::uint64_t>(negative ? -Int128{m_units} : m_units);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / static_cast<std::uint64_t>(k_scale));
  std::uint64_t fraction = magnitude % static_cast<std::uint64_t>(k_scale);
  if (fraction != 0) {
    std::string digits(k_places, '0');
    for (int i = k_places - 1; i >= 0; --i) {
      digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    while (!digits.empty() && digits.back() == '0') {
      digits.pop_back();
    }
    out += '.';
    out += digits;
  }
  return out;
}

Decimal Decimal::operator*(Decimal o) const {
  return Decimal(narrow(divide_rounded(Int128{m_units} * o.m_units, k_scale)));
}

Decimal Decimal::operator/(Decimal o) const {
  if (o.m_units == 0) {
    return Decimal(0);
  }
  return Decimal(narrow(divide_rounded(Int128{m_units} * k_scale, o.m_units)));
}

Decimal Decimal::floor_to(Decimal increment) const {
  if (increment.m_units <= 0) {
    return *this;
  }
  std::int64_t steps = m_units / increment.m_units;
  if (m_units < 0 && m_units % increment.m_units != 0) {
    --steps;
  }
  return Decimal(steps * increment.m_units);
}

Result<Decimal> parse_decimal(std::string_view text) {
  const auto bad = [&](const char* why) {
    return Error{"invalid decimal '" + printable(text) + "': " + why, ""};
  };
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  Int128 whole = 0;
  std::size_t whole_digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    whole = whole * 10 + (text[pos] - '0');
    if (whole > k_max / Decimal::k_scale) {
      return bad("too large");
    }
    ++whole_digits;
    ++pos;
  }
  Int128 fraction = 0;
  std::size_t fraction_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (fraction_digits < static_cast<std::size_t>(Decimal::k_places)) {
        fraction = fraction * 10 + (text[pos] - '0');
      } else if (text[pos] != '0') {
        return bad("more than 9 decimal places");
      }
      ++fraction_digits;
      ++pos;
    }
  }
  if (whole_digits + fraction_digits == 0) {
    return bad("no digits");
  }
  if (pos != text.size()) {
    return bad("unexpected character");
  }
  for (std::size_t i = std::min<std::size_t>(fraction_digits, Decimal::k_places);
       i < static_cast<std::size_t>(Decimal::k_places); ++i) {
    fraction *= 10;
  }
  const Int128 units = whole * Decimal::k_scale + fraction;
  if (units > k_max) {
    return bad("too large");
  }
  return Decimal::from_units(static_cast<std::int64_t>(negative ? -units : units));
}

} // namespace crew::core
