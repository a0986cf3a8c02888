// crew calendar: the market calendar of design.md section 3 from the command line. Lists the
// sessions of one market over a date range, or tells which markets are open at an instant and
// when each next opens and closes. Printing only; the rules live in src/calendar.
#include "app/commands.hpp"
#include "calendar/market_calendar.hpp"
#include "core/asset_class.hpp"
#include "core/time.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <optional>

namespace crew::app {
namespace {

using namespace std::chrono;
using core::AssetClass;

struct CalendarOptions {
  std::string market;
  std::string from;
  std::string to;
  std::optional<int> days;
  std::string at;
  bool csv = false;
  bool json = false;
};

// UtcTime counts nanoseconds in 64 bits (1678–2262); keep well inside that.
constexpr sys_days k_first_allowed{1900y / January / 1};
constexpr sys_days k_last_allowed{2199y / December / 31};
constexpr int k_max_days = 366 * 100;

bool in_allowed_range(sys_days day) {
  return day >= k_first_allowed && day <= k_last_allowed;
}

std::string weekday_name(sys_days day) {
  static constexpr const char* k_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return k_names[weekday{day}.c_encoding()];
}

// "09:30 -05:00", prefixed by the weekday when the New York date differs from `session_date`.
std::string new_york_column(core::UtcTime t, sys_days session_date) {
  const auto date = calendar::new_york_date(t);
  const auto text = calendar::format_new_york(t);
  return date == session_date ? text : weekday_name(date) + " " + text;
}

void print_session_text(AssetClass market, const calendar::Session& session) {
  const auto date = core::format_date(session.date);
  if (market == AssetClass::crypto) {
    std::cout << fmt::format("{}  {}  open 24h (UTC day {} to {})\n", date,
                             weekday_name(session.date), core::format_rfc3339(session.open),
                             core::format_rfc3339(session.close));
    return;
  }
  std::cout << fmt::format("{}  {}  {:<17} {:<17} {}  {}{}\n", date, weekday_name(session.date),
                           new_york_column(session.open, session.date),
                           new_york_column(session.close, session.date),
                           core::format_rfc3339(session.open), core::format_rfc3339(session.close),
                           session.early_close ? "  early close" : "");
}

int list_sessions(AssetClass market, sys_days from, sys_days to, const CalendarOptions& options) {
  const auto sessions = calendar::market_sessions(market, from, to);
  if (options.csv) {
    std::cout << "date,open_utc,close_utc,early_close\n";
    for (const auto& s : sessions) {
      std::cout << core::format_date(s.date) << ',' << core::format_rfc3339(s.open) << ','
                << core::format_rfc3339(s.close) << ',' << (s.early_close ? "true" : "false")
                << '\n';
    }
    return k_exit_ok;
  }
  if (options.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : sessions) {
      rows.push_back({{"date", core::format_date(s.date)},
                      {"open_utc", core::format_rfc3339(s.open)},
                      {"close_utc", core::format_rfc3339(s.close)},
                      {"open_new_york", calendar::format_new_york_rfc3339(s.open)},
                      {"close_new_york", calendar::format_new_york_rfc3339(s.close)},
                      {"early_close", s.early_close}});
    }
    nlohmann::json out = {{"market", std::string(core::to_string(market))},
                          {"from", core::format_date(from)},
                          {"to", core::format_date(to)},
                          {"sessions", rows}};
    if (market == AssetClass::us_equity) {
      nlohmann::json closures = nlohmann::json::array();
      for (auto day = from; day <= to; day += days{1}) {
        const auto reason = calendar::nyse_closure_reason(day);
        if (reason && *reason != "weekend") {
          closures.push_back({{"date", core::format_date(day)}, {"reason", *reason}});
        }
      }
      out["closures"] = closures;
    }
    std::cout << out.dump(2) << '\n';
    return k_exit_ok;
  }
  std::cout << fmt::format("{} sessions {} to {} ({})\n", core::to_string(market),
                           core::format_date(from), core::format_date(to),
                           market == AssetClass::crypto ? "UTC days; crypto never closes"
                                                        : "New York time, then UTC");
  auto next = sessions.begin();
  for (auto day = from; day <= to; day += days{1}) {
    if (next != sessions.end() && next->date == day) {
      print_session_text(market, *next++);
      continue;
    }
    if (market == AssetClass::us_equity) {
      const auto reason = calendar::nyse_closure_reason(day);
      if (reason && *reason != "weekend") {
        std::cout << fmt::format("{}  {}  closed ({})\n", core::format_date(day), weekday_name(day),
                                 *reason);
      }
    }
  }
  if (sessions.empty()) {
    std::cout << "no sessions in this range\n";
  }
  return k_exit_ok;
}

std::string utc_and_new_york(core::UtcTime t) {
  return core::format_rfc3339(t) + " (" + calendar::format_new_york_rfc3339(t) + " New York)";
}

int show_instant(core::UtcTime t, const std::vector<AssetClass>& markets, bool json) {
  nlohmann::json rows = nlohmann::json::array();
  nlohmann::json open_now = nlohmann::json::array();
  if (!json) {
    std::cout << "at " << utc_and_new_york(t) << '\n';
  }
  for (const auto market : markets) {
    const bool open = calendar::is_open(market, t);
    const auto next_open = calendar::next_open(market, t);
    const auto next_close = calendar::next_close(market, t);
    const std::string name(core::to_string(market));
    if (open) {
      open_now.push_back(name);
    }
    std::optional<std::string> closed_for;
    if (market == AssetClass::us_equity && !open) {
      closed_for = calendar::nyse_closure_reason(calendar::new_york_date(t));
    }
    nlohmann::json row = {{"market", name},
                          {"open", open},
                          {"next_open", core::format_rfc3339(next_open)},
                          {"next_close", next_close
                                             ? nlohmann::json(core::format_rfc3339(*next_close))
                                             : nlohmann::json(nullptr)}};
    if (closed_for) {
      row["closed_today"] = *closed_for;
    }
    rows.push_back(row);
    if (json) {
      continue;
    }
    std::cout << fmt::format("{:<10} {}\n", name,
                             open ? "open"
                                  : "closed" + (closed_for ? " (" + *closed_for + ")" : ""));
    std::cout << "           next open:  " << (open ? "now" : utc_and_new_york(next_open)) << '\n';
    std::cout << "           next close: "
              << (next_close ? utc_and_new_york(*next_close) : "never (trades around the clock)")
              << '\n';
  }
  if (json) {
    nlohmann::json out = {{"at", core::format_rfc3339(t)},
                          {"at_new_york", calendar::format_new_york_rfc3339(t)},
                          {"open_markets", open_now},
                          {"markets", rows}};
    std::cout << out.dump(2) << '\n';
  } else {
    std::string names;
    for (const auto& name : open_now) {
      names += (names.empty() ? "" : ", ") + name.get<std::string>();
    }
    std::cout << "open now: " << (names.empty() ? "none" : names) << '\n';
  }
  return k_exit_ok;
}

int run_calendar(const CalendarOptions& options) {
  std::optional<AssetClass> market;
  if (!options.market.empty()) {
    auto parsed = core::parse_asset_class(options.market);
    if (!parsed) {
      return fail(k_exit_bad_input, parsed.error().what + " (--market)");
    }
    market = *parsed;
  }
  if (options.csv && options.json) {
    return fail(k_exit_bad_input, "choose one of --csv and --json (calendar)");
  }
  if (!options.at.empty()) {
    if (!options.from.empty() || !options.to.empty() || options.days || options.csv) {
      return fail(k_exit_bad_input,
                  "--at cannot be combined with --from, --to, --days or --csv (calendar)");
    }
    auto t = core::parse_rfc3339(options.at);
    if (!t) {
      return fail(k_exit_bad_input, t.error().message() + " (--at)");
    }
    if (!in_allowed_range(t->day())) {
      return fail(k_exit_bad_input, "instant '" + options.at + "' is outside 1900–2199 (--at)");
    }
    std::vector<AssetClass> markets(core::k_asset_classes.begin(), core::k_asset_classes.end());
    if (market) {
      markets = {*market};
    }
    return show_instant(*t, markets, options.json);
  }
  if (options.from.empty()) {
    return fail(k_exit_bad_input,
                "give --from DATE with --days N or --to DATE, or --at TIME (calendar)");
  }
  if (options.days.has_value() == !options.to.empty()) {
    return fail(k_exit_bad_input, options.days
                                      ? "give either --days or --to, not both (calendar)"
                                      : "give --days N or --to DATE to end the range (--from)");
  }
  auto from = core::parse_day(options.from);
  if (!from) {
    return fail(k_exit_bad_input, from.error().what + " (--from)");
  }
  sys_days to{};
  if (options.days) {
    if (*options.days < 1 || *options.days > k_max_days) {
      return fail(k_exit_bad_input, fmt::format("--days must be 1 to {}, not {} (--days)",
                                                k_max_days, *options.days));
    }
    to = *from + days{*options.days - 1};
  } else {
    auto parsed = core::parse_day(options.to);
    if (!parsed) {
      return fail(k_exit_bad_input, parsed.error().what + " (--to)");
    }
    to = *parsed;
    if (to < *from) {
      return fail(k_exit_bad_input,
                  "--to " + options.to + " is before --from " + options.from + " (--to)");
    }
    if ((to - *from).count() >= k_max_days) {
      return fail(k_exit_bad_input, fmt::format("range longer than {} days (--to)", k_max_days));
    }
  }
  if (!in_allowed_range(*from) || !in_allowed_range(to)) {
    return fail(k_exit_bad_input, "dates must lie in 1900-01-01 to 2199-12-31 (--from/--to)");
  }
  return list_sessions(market.value_or(AssetClass::us_equity), *from, to, options);
}

} // namespace

void add_calendar_command(CLI::App& app, const GlobalOptions& /*global*/, CommandSlot& slot) {
  auto options = std::make_shared<CalendarOptions>();
  auto* cmd = app.add_subcommand(
      "calendar", "List market sessions, or say which markets are open at an instant");
  cmd->footer(
      "Examples:\n"
      "  crew calendar --market US_EQUITY --from 2026-11-23 --days 10\n"
      "  crew calendar --from 2026-11-23 --to 2026-12-31 --csv\n"
      "  crew calendar --at 2026-07-03T15:00:00Z --json\n"
      "Listing: US_EQUITY prints NYSE sessions (New York time and UTC, early closes) and names\n"
      "the weekday closures; FOREX prints each stretch by the New York date it opens (Sunday\n"
      "17:00 to Monday 17:00, then 18:00 to 17:00 until Friday); CRYPTO prints one 24-hour UTC\n"
      "day per date, as it never closes. --days counts calendar days from --from (inclusive);\n"
      "give exactly one of --days and --to. Bad dates or options exit with code 2.\n");
  cmd->add_option("--market", options->market, "US_EQUITY (default), CRYPTO or FOREX")
      ->type_name("MARKET");
  cmd->add_option("--from", options->from, "First New York date of the listing")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--days", options->days, "Number of calendar days to list (or --to)")
      ->type_name("N");
  cmd->add_option("--to", options->to, "Last New York date of the listing (or --days)")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--at", options->at, "Instant (RFC 3339) to report open markets for")
      ->type_name("TIME");
  cmd->add_flag("--csv", options->csv, "Listing as CSV: date,open_utc,close_utc,early_close");
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->callback([options, &slot] { slot.action = [options] { return run_calendar(*options); }; });
}

} // namespace crew::app
