#include "data/csv_io.hpp"

#include "calendar/market_calendar.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>

namespace crew::data {
namespace {

constexpr std::int64_t k_ns_per_second = 1'000'000'000;
constexpr std::int64_t k_first_millisecond_epoch = 100'000'000'000; // 1e11: year 5138 in seconds

enum Column : std::size_t { timestamp, open, high, low, close, volume, trade_count, vwap, count };
constexpr std::array<std::string_view, Column::count> k_column_names = {
    "timestamp", "open", "high", "low", "close", "volume", "trade_count", "vwap"};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, unsigned& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const auto d = static_cast<unsigned>(s[i] - '0');
    if (d > 9) {
      return false;
    }
    out = out * 10 + d;
  }
  return true;
}

// The common `YYYY-MM-DDTHH:MM:SSZ` without the general parser; nullopt sends it to the latter.
std::optional<core::UtcTime> parse_plain_zulu(std::string_view s) {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != 'Z') {
    return std::nullopt;
  }
  unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi) || !digits(s, 17, 2, se)) {
    return std::nullopt;
  }
  // Impossible dates (Feb 30) go to the general parser, which names the problem.
  static constexpr std::array<unsigned, 13> k_month_days = {0,  31, 29, 31, 30, 31, 30,
                                                            31, 31, 30, 31, 30, 31};
  if (y < core::k_min_year || y > core::k_max_year || mo < 1 || mo > 12 || d < 1 ||
      d > k_month_days[mo] || (mo == 2 && d == 29) || h > 23 || mi > 59 || se > 59) {
    return std::nullopt;
  }
  const std::int64_t days = days_from_civil(y, mo, d);
  const std::int64_t secs = days * 86'400 + h * 3600 + mi * 60 + se;
  return core::UtcTime::from_ns(secs * k_ns_per_second);
}

struct Header {
  std::array<std::optional<std::size_t>, Column::count> index; // column → field position
  std::size_t fields = 0;
};

core::Result<Header> parse_header(std::string_view line, const std::string& where) {
  Header header;
  std::size_t pos = 0;
  while (true) {
    const std::size_t comma = line.find(',', pos);
    const std::string_view raw =
        line.substr(pos, comma == std::string_view::npos ? line.npos : comma - pos);
    std::string name(trim(raw));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    const auto it = std::find(k_column_names.begin(), k_column_names.end(), name);
    if (it == k_column_names.end()) {
      return core::Error{"unknown column '" + name +
                             "' (expected timestamp,open,high,low,close,volume[,trade_count,vwap])",
                         where};
    }
    auto& slot = header.index[static_cast<std::size_t>(it - k_column_names.begin())];
    if (slot) {
      return core::Error{"column '" + name + "' appears twice", where};
    }
    slot = header.fields++;
    if (comma == std::string_view::npos) {
      break;
    }
    pos = comma + 1;
  }
  for (std::size_t c = 0; c < Column::trade_count; ++c) {
    if (!header.index[c]) {
      return core::Error{"missing column '" + std::string(k_column_names[c]) + "'", where};
    }
  }
  return header;
}

std::string describe(double value) {
  std::array<char, 64> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return std::string(buf.data(), r.ptr);
}

// The significant digits of a decimal number and its exponent E (value = 0.DIGITS × 10^E),
// without leading or trailing zeros: "0.0150" and "1.5e-2" both give {"15", -1}.
struct SignificantDigits {
  std::string digits;
  long exponent = 0;
  bool operator==(const SignificantDigits&) const = default;
};

SignificantDigits significant_digits(std::string_view text) {
  SignificantDigits out;
  std::size_t point = std::string_view::npos;
  std::size_t i = 0;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      point = out.digits.size();
    } else if (text[i] >= '0' && text[i] <= '9') {
      out.digits.push_back(text[i]);
    }
  }
  long exponent = 0;
  if (i + 1 < text.size()) {
    const std::string_view tail = text.substr(text[i + 1] == '+' ? i + 2 : i + 1);
    std::from_chars(tail.data(), tail.data() + tail.size(), exponent);
  }
  out.exponent =
      static_cast<long>(point == std::string_view::npos ? out.digits.size() : point) + exponent;
  const auto first = out.digits.find_first_not_of('0');
  if (first == std::string::npos) {
    return SignificantDigits{};
  }
  out.exponent -= static_cast<long>(first);
  out.digits = out.digits.substr(first, out.digits.find_last_not_of('0') + 1 - first);
  return out;
}

// Whether `value`, parsed from `text`, is the number written there: the shortest decimal that
// reads back as the double has the same digits. A text of at most 15 characters has at most 15
// significant digits, which a double always keeps (DBL_DIG).
bool holds_exactly(std::string_view text, double value) {
  if (text.size() <= 15) {
    return true;
  }
  std::array<char, 64> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return significant_digits(text) == significant_digits(std::string_view(
                                         buf.data(), static_cast<std::size_t>(r.ptr - buf.data())));
}

// What is wrong with a bar whose fields parsed (empty when nothing): prices must be positive,
// trade counts whole, the vwap inside the bar (to 1e-9, the rounding of a computed average).
std::string implausible(const core::Bar& bar) {
  const std::array<std::pair<Column, double>, 4> prices = {{{Column::open, bar.open},
                                                            {Column::high, bar.high},
                                                            {Column::low, bar.low},
                                                            {Column::close, bar.close}}};
  for (const auto& [column, price] : prices) {
    if (price == 0) {
      return std::string(k_column_names[column]) + " is 0: prices must be positive";
    }
  }
  if (bar.trade_count != std::floor(bar.trade_count)) {
    return "trade_count " + describe(bar.trade_count) + " is not a whole number";
  }
  constexpr double k_vwap_tolerance = 1e-9;
  if (bar.vwap != 0 && (bar.vwap < bar.low * (1 - k_vwap_tolerance) ||
                        bar.vwap > bar.high * (1 + k_vwap_tolerance))) {
    return "vwap " + describe(bar.vwap) + " is outside the bar's [low " + describe(bar.low) +
           ", high " + describe(bar.high) + "]";
  }
  return {};
}

// A 1Day bar starts at 00:00:00Z of its date (shared/data, resampling) or at New York midnight
// (Alpaca's daily bars); a US equity's date must be an NYSE session. Empty when fine.
std::string misplaced_daily_bar(core::UtcTime t, const core::Symbol& symbol) {
  using namespace std::chrono;
  sys_days date = t.day();
  if (core::UtcTime::from_sys(date) != t) {
    date = calendar::new_york_date(t);
    if (calendar::new_york_time(date, minutes{0}) != t) {
      return "timestamp " + core::format_rfc3339(t) +
             ": a 1Day bar starts at 00:00:00Z or at midnight in New York, not at " +
             core::format_rfc3339(t).substr(11);
    }
  }
  if (symbol.asset_class() != core::AssetClass::us_equity) {
    return {};
  }
  const auto closed = calendar::nyse_closure_reason(date);
  if (!closed) {
    return {};
  }
  static constexpr std::array<std::string_view, 7> k_weekdays = {
      "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return "timestamp " + core::format_rfc3339(t) + ": a 1Day bar of " + symbol.str() + " on " +
         std::string(k_weekdays[weekday(date).c_encoding()]) + " " + core::format_date(date) +
         ", when the NYSE does not trade (" + *closed + ")";
}

// Reads the fields of one row into bar; returns an error message (empty when fine).
std::string parse_row(std::string_view line, const Header& header, core::Bar& bar) {
  std::array<std::string_view, 16> fields{};
  std::size_t n = 0;
  std::size_t pos = 0;
  while (true) {
    const std::size_t comma = line.find(',', pos);
    if (n == fields.size() || n == header.fields) {
      return "expected " + std::to_string(header.fields) + " fields, found more";
    }
    fields[n++] = line.substr(pos, comma == std::string_view::npos ? line.npos : comma - pos);
    if (comma == std::string_view::npos) {
      break;
    }
    pos = comma + 1;
  }
  if (n != header.fields) {
    return "expected " + std::to_string(header.fields) + " fields, found " + std::to_string(n);
  }
  const auto time = parse_csv_timestamp(trim(fields[*header.index[Column::timestamp]]));
  if (!time) {
    return time.error().what;
  }
  bar.time = *time;
  std::array<double*, Column::count> targets = {nullptr,          &bar.open,  &bar.high,
                                                &bar.low,         &bar.close, &bar.volume,
                                                &bar.trade_count, &bar.vwap};
  for (std::size_t c = Column::open; c < Column::count; ++c) {
    if (!header.index[c]) {
      *targets[c] = 0;
      continue;
    }
    const std::string_view text = trim(fields[*header.index[c]]);
    double value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || r.ec != std::errc{} || r.ptr != text.data() + text.size() ||
        !std::isfinite(value)) {
      return "unparsable " + std::string(k_column_names[c]) + " '" + std::string(text) + "'";
    }
    if (value < 0) {
      return "negative " + std::string(k_column_names[c]) + " " + std::string(text);
    }
    if (!holds_exactly(text, value)) {
      return std::string(k_column_names[c]) + " '" + std::string(text) +
             "' has more digits than a double holds exactly (it would be stored as " +
             describe(value) + ")";
    }
    *targets[c] = value;
  }
  if (auto problem = implausible(bar); !problem.empty()) {
    return problem;
  }
  if (bar.high < std::max(bar.open, bar.close)) {
    return "high " + describe(bar.high) + " is below max(open, close) " +
           describe(std::max(bar.open, bar.close));
  }
  if (bar.low > std::min(bar.open, bar.close)) {
    return "low " + describe(bar.low) + " is above min(open, close) " +
           describe(std::min(bar.open, bar.close));
  }
  return {};
}

core::Result<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return core::Error{"cannot open for reading", file.string()};
  }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::string text(static_cast<std::size_t>(std::max<std::streamoff>(size, 0)), '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) {
    return core::Error{"cannot read", file.string()};
  }
  return text;
}

void append_number(std::string& out, double value) {
  std::array<char, 400> buf{}; // fixed notation of the largest double needs 309 digits
  const auto r =
      std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed);
  out.append(buf.data(), r.ptr);
}

} // namespace

core::Result<core::UtcTime> parse_csv_timestamp(std::string_view text) {
  if (const auto fast = parse_plain_zulu(text)) {
    return *fast;
  }
  // RFC 3339 allows second 60; the general parser would take 23:59:60 as 23:59:59.
  if (text.size() >= 19 && text[13] == ':' && text[16] == ':' && text.substr(17, 2) == "60") {
    return core::Error{
        "timestamp '" + std::string(text) + "' is a leap second: bar times have none", ""};
  }
  const bool numeric =
      !text.empty() && std::all_of(text.begin() + (text.front() == '-' ? 1 : 0), text.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
  if (numeric && text.size() > (text.front() == '-' ? 1U : 0U)) {
    // The years a UtcTime holds (core::k_min_year..k_max_year), in epoch seconds.
    constexpr std::int64_t k_min_seconds = days_from_civil(core::k_min_year, 1, 1) * 86'400;
    constexpr std::int64_t k_end_seconds = days_from_civil(core::k_max_year + 1, 1, 1) * 86'400;
    std::int64_t value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    const bool millis = value >= k_first_millisecond_epoch || value <= -k_first_millisecond_epoch;
    const std::int64_t seconds = millis ? value / 1000 : value;
    if (r.ec != std::errc{} || seconds < k_min_seconds || seconds >= k_end_seconds) {
      return core::Error{
          "timestamp '" + std::string(text) + "' is out of range (years 1678 to 2261)", ""};
    }
    return core::UtcTime::from_ns(millis ? value * 1'000'000 : value * k_ns_per_second);
  }
  auto parsed = core::parse_rfc3339(text);
  if (!parsed) {
    return core::Error{"unparsable timestamp '" + std::string(text) +
                           "' (expected RFC 3339 or epoch seconds/milliseconds)",
                       ""};
  }
  return parsed;
}

core::Result<BarSeries> parse_bars_csv(std::string_view text, const core::Symbol& symbol,
                                       core::Timeframe timeframe, const std::string& origin,
                                       std::vector<std::size_t>* lines) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3); // a UTF-8 byte order mark from spreadsheet exports
  }
  BarSeries bars(symbol, timeframe);
  bars.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  std::optional<Header> header;
  std::size_t line_number = 0;
  std::size_t previous_line = 0;
  core::Bar bar;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty()) {
      continue;
    }
    const auto where = [&] { return origin + ":" + std::to_string(line_number); };
    if (!header) {
      auto parsed = parse_header(line, where());
      if (!parsed) {
        return parsed.error();
      }
      header = *parsed;
      continue;
    }
    if (auto problem = parse_row(line, *header, bar); !problem.empty()) {
      return core::Error{std::move(problem), where()};
    }
    if (timeframe == core::Timeframe::day1) {
      if (auto problem = misplaced_daily_bar(bar.time, symbol); !problem.empty()) {
        return core::Error{std::move(problem), where()};
      }
    }
    if (!bars.empty() && bar.time <= bars.time().back()) {
      const bool duplicate = bar.time == bars.time().back();
      return core::Error{(duplicate ? "duplicate timestamp " : "timestamp out of order: ") +
                             core::format_rfc3339(bar.time) +
                             (duplicate ? " (as on line " : " after ") +
                             (duplicate ? std::to_string(previous_line) + ")"
                                        : core::format_rfc3339(bars.time().back()) + " on line " +
                                              std::to_string(previous_line)),
                         where()};
    }
    bars.push_back(bar);
    if (lines != nullptr) {
      lines->push_back(line_number);
    }
    previous_line = line_number;
  }
  if (!header) {
    return core::Error{"empty file: expected the header timestamp,open,high,low,close,volume",
                       origin + ":1"};
  }
  return bars;
}

core::Result<BarSeries> read_bars_csv(const std::filesystem::path& file, const core::Symbol& symbol,
                                      core::Timeframe timeframe) {
  auto text = read_text(file);
  if (!text) {
    return text.error();
  }
  return parse_bars_csv(*text, symbol, timeframe, file.string());
}

core::Result<CsvFile> read_csv_file(const std::filesystem::path& file, const core::Symbol& symbol,
                                    core::Timeframe timeframe) {
  auto text = read_text(file);
  if (!text) {
    return text.error();
  }
  CsvFile out{file.string(), BarSeries(symbol, timeframe), {}};
  auto bars = parse_bars_csv(*text, symbol, timeframe, out.origin, &out.lines);
  if (!bars) {
    return bars.error();
  }
  out.bars = std::move(bars).value();
  return out;
}

core::Status check_disjoint(std::span<const CsvFile> files) {
  const auto line = [](const CsvFile& file, std::size_t i) {
    return i < file.lines.size() ? file.lines[i] : i + 2; // header, then one bar per line
  };
  for (std::size_t later = 1; later < files.size(); ++later) {
    const auto& b = files[later];
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      const auto& a = files[earlier];
      if (a.bars.symbol().str() != b.bars.symbol().str() ||
          a.bars.timeframe() != b.bars.timeframe()) {
        continue;
      }
      // Both are in strictly increasing time order: one merge walk finds a common time.
      const auto ta = a.bars.time();
      const auto tb = b.bars.time();
      std::size_t i = 0;
      std::size_t j = 0;
      while (i < ta.size() && j < tb.size()) {
        if (ta[i] < tb[j]) {
          ++i;
        } else if (tb[j] < ta[i]) {
          ++j;
        } else {
          return core::Error{"the " + std::string(core::to_string(b.bars.timeframe())) +
                                 " bar of " + b.bars.symbol().str() + " at " +
                                 core::format_rfc3339(tb[j]) + " is also on line " +
                                 std::to_string(line(a, i)) + " of " + a.origin +
                                 " (one import must not hold a bar twice)",
                             b.origin + ":" + std::to_string(line(b, j))};
        }
      }
    }
  }
  return {};
}

void append_bars_csv(const BarSeries& bars, std::string& out) {
  const auto trade_count = bars.trade_count();
  const auto vwap = bars.vwap();
  const bool extras =
      std::any_of(trade_count.begin(), trade_count.end(), [](double v) { return v != 0; }) ||
      std::any_of(vwap.begin(), vwap.end(), [](double v) { return v != 0; });
  out += extras ? "timestamp,open,high,low,close,volume,trade_count,vwap\n"
                : "timestamp,open,high,low,close,volume\n";
  out.reserve(out.size() + bars.size() * (extras ? 96 : 72));
  const std::array<std::span<const double>, 5> columns = {bars.open(), bars.high(), bars.low(),
                                                          bars.close(), bars.volume()};
  for (std::size_t i = 0; i < bars.size(); ++i) {
    out += core::format_rfc3339(bars.time()[i]);
    for (const auto& column : columns) {
      out += ',';
      append_number(out, column[i]);
    }
    if (extras) {
      out += ',';
      append_number(out, trade_count[i]);
      out += ',';
      append_number(out, vwap[i]);
    }
    out += '\n';
  }
}

std::string format_bars_csv(const BarSeries& bars) {
  std::string out;
  append_bars_csv(bars, out);
  return out;
}

core::Status write_bars_csv(const BarSeries& bars, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) {
    return core::Error{"cannot open for writing", file.string()};
  }
  const std::string text = format_bars_csv(bars);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    return core::Error{"cannot write", file.string()};
  }
  return {};
}

} // namespace crew::data
