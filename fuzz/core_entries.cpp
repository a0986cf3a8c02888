// The fuzz entries over core parsers (symbols, timestamps, decimals): see fuzz_entries.hpp.
#include "core/decimal.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"
#include "data/csv_io.hpp"
#include "fuzz/fuzz_entries.hpp"

#include <string>

namespace crew::fuzz {
namespace {

core::Error broken(const std::string& what, std::string_view input) {
  return {what, "input '" + std::string(input) + "'"};
}

} // namespace

core::Status symbol_entry(std::string_view input) {
  const auto symbol = core::classify_symbol(input);
  if (!symbol) {
    return {};
  }
  const auto again = core::classify_symbol(symbol->str());
  if (!again || *again != *symbol || again->asset_class() != symbol->asset_class() ||
      again->base() != symbol->base() || again->quote() != symbol->quote()) {
    return broken("normal form '" + symbol->str() + "' does not classify to itself", input);
  }
  if (symbol->file_form().empty() || symbol->position_form().empty()) {
    return broken("empty file or position form of '" + symbol->str() + "'", input);
  }
  return {};
}

core::Status timestamp_entry(std::string_view input) {
  if (const auto time = core::parse_rfc3339(input)) {
    const std::string text = core::format_rfc3339(*time);
    const auto again = core::parse_rfc3339(text);
    if (!again || *again != *time) {
      return broken("format_rfc3339 gave '" + text + "', which does not parse back", input);
    }
  }
  if (const auto date = core::parse_date(input)) {
    const std::string text = core::format_date(date->day());
    const auto again = core::parse_date(text);
    if (!again || *again != *date) {
      return broken("format_date gave '" + text + "', which does not parse back", input);
    }
  }
  if (const auto day = core::parse_day(input)) {
    const std::string text = core::format_date(*day);
    const auto again = core::parse_day(text);
    if (!again || *again != *day) {
      return broken("format_date gave '" + text + "', which does not parse back", input);
    }
  }
  if (const auto time = data::parse_csv_timestamp(input)) {
    const std::string text = core::format_rfc3339(*time);
    const auto again = data::parse_csv_timestamp(text);
    if (!again || *again != *time) {
      return broken("a CSV timestamp formats as '" + text + "', which does not parse back", input);
    }
  }
  return {};
}

core::Status decimal_entry(std::string_view input) {
  const auto value = core::parse_decimal(input);
  if (!value) {
    return {};
  }
  const std::string text = value->to_string();
  const auto again = core::parse_decimal(text);
  if (!again || *again != *value) {
    return broken("to_string gave '" + text + "', which does not parse back", input);
  }
  return {};
}

} // namespace crew::fuzz
