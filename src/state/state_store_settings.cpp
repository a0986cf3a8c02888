// Settings: small named values that must survive restarts — the halt flag and its reason, the
// equity high-water mark (drawdown halt), each market's equity at the start of its trading day
// (daily loss limit) and the most positions ever open at once. Stored as text, written durably.
#include "state/state_store.hpp"
#include "state/state_store_impl.hpp"

#include <string>

namespace crew::state {
namespace {

constexpr const char* k_halted = "halted";
constexpr const char* k_halt_reason = "halt_reason";
constexpr const char* k_halted_at = "halted_at";
constexpr const char* k_high_water_mark = "equity_high_water_mark";
constexpr const char* k_max_open_positions = "max_open_positions_seen";

std::string daily_start_key(core::AssetClass market, std::chrono::sys_days day) {
  return "daily_start_equity/" + std::string(core::to_string(market)) + "/" +
         core::format_date(day);
}

core::Result<std::optional<core::Decimal>> decimal_setting(StateStore& store,
                                                           const std::string& key) {
  auto text = store.setting(key);
  if (!text) {
    return text.error();
  }
  if (!*text) {
    return std::optional<core::Decimal>{};
  }
  auto value = core::parse_decimal(**text);
  if (!value) {
    return core::Error{"malformed setting: " + value.error().what, key};
  }
  return std::optional<core::Decimal>{*value};
}

core::Result<std::int64_t> integer_setting(StateStore& store, const std::string& key) {
  auto text = store.setting(key);
  if (!text) {
    return text.error();
  }
  if (!*text) {
    return std::int64_t{0};
  }
  try {
    return static_cast<std::int64_t>(std::stoll(**text));
  } catch (const std::exception&) {
    return core::Error{"malformed setting '" + **text + "'", key};
  }
}

} // namespace

core::Status StateStore::set_setting(const std::string& key, const std::string& value,
                                     core::UtcTime at) {
  return m_impl->write(Durability::critical, [&]() {
    return run_statement(m_impl->db,
                         "INSERT INTO settings (key, value, updated_at) VALUES (?,?,?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                         "updated_at = excluded.updated_at",
                         [&](Statement& s) { s.bind(1, key).bind(2, value).bind(3, at); });
  });
}

core::Result<std::optional<std::string>> StateStore::setting(const std::string& key) {
  const std::lock_guard lock(m_impl->mutex);
  auto rows = query_rows<std::string>(
      m_impl->db, "SELECT value FROM settings WHERE key = ?", [&](Statement& s) { s.bind(1, key); },
      [](Statement& s) { return s.text(0); });
  if (!rows) {
    return rows.error();
  }
  if (rows->empty()) {
    return std::optional<std::string>{};
  }
  return std::optional<std::string>{rows->front()};
}

core::Result<HaltState> StateStore::halt_state() {
  const std::lock_guard lock(m_impl->mutex);
  auto halted = setting(k_halted);
  auto reason = setting(k_halt_reason);
  auto since = integer_setting(*this, k_halted_at);
  if (!halted || !reason || !since) {
    return !halted ? halted.error() : !reason ? reason.error() : since.error();
  }
  HaltState state;
  state.halted = halted->value_or("0") == "1";
  if (state.halted) {
    state.reason = reason->value_or("");
    state.since = core::UtcTime::from_ns(*since);
  }
  return state;
}

core::Status StateStore::set_halted(const std::string& reason, core::UtcTime at) {
  return atomically([&]() -> core::Status {
    for (auto [key, value] : {std::pair<const char*, std::string>{k_halted, "1"},
                              {k_halt_reason, reason},
                              {k_halted_at, std::to_string(at.ns())}}) {
      if (auto status = set_setting(key, value, at); !status) {
        return status;
      }
    }
    return {};
  });
}

core::Status StateStore::clear_halt(core::UtcTime at) {
  return atomically([&]() -> core::Status {
    if (auto status = set_setting(k_halted, "0", at); !status) {
      return status;
    }
    return set_setting(k_halt_reason, "", at);
  });
}

core::Result<std::optional<core::Decimal>> StateStore::high_water_mark() {
  return decimal_setting(*this, k_high_water_mark);
}

core::Result<core::Decimal> StateStore::update_high_water_mark(core::Decimal equity,
                                                               core::UtcTime at) {
  core::Decimal mark = equity;
  auto status = atomically([&]() -> core::Status {
    auto current = high_water_mark();
    if (!current) {
      return current.error();
    }
    if (*current && **current >= equity) {
      mark = **current;
      return {};
    }
    return set_setting(k_high_water_mark, equity.to_string(), at);
  });
  if (!status) {
    return status.error();
  }
  return mark;
}

core::Result<std::optional<core::Decimal>>
StateStore::daily_start_equity(core::AssetClass market, std::chrono::sys_days day) {
  return decimal_setting(*this, daily_start_key(market, day));
}

core::Result<core::Decimal> StateStore::ensure_daily_start_equity(core::AssetClass market,
                                                                  std::chrono::sys_days day,
                                                                  core::Decimal equity,
                                                                  core::UtcTime at) {
  core::Decimal stored = equity;
  auto status = atomically([&]() -> core::Status {
    auto current = daily_start_equity(market, day);
    if (!current) {
      return current.error();
    }
    if (*current) {
      stored = **current;
      return {};
    }
    return set_setting(daily_start_key(market, day), equity.to_string(), at);
  });
  if (!status) {
    return status.error();
  }
  return stored;
}

core::Result<std::int64_t> StateStore::max_open_positions_seen() {
  return integer_setting(*this, k_max_open_positions);
}

core::Status StateStore::note_open_positions(std::int64_t open_positions, core::UtcTime at) {
  return atomically([&]() -> core::Status {
    auto current = max_open_positions_seen();
    if (!current) {
      return current.error();
    }
    if (*current >= open_positions) {
      return {};
    }
    return set_setting(k_max_open_positions, std::to_string(open_positions), at);
  });
}

} // namespace crew::state
