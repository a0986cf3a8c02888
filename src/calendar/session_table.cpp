// The NYSE session cache. Days are grouped in blocks of 512 consecutive dates counted from
// 1900-01-01, so finding a day's block is a shift rather than a calendar conversion. A block is
// built by rule (classify_nyse_day, new_york_time) the first time one of its days is asked for,
// published through an atomic pointer, and never changed or freed afterwards: readers take no
// lock. Dates outside the cached span are computed on each call.
#include "calendar/session_table.hpp"

#include "calendar/market_calendar.hpp"

#include <array>
#include <atomic>
#include <memory>
#include <mutex>

namespace crew::calendar {
namespace {

using namespace std::chrono;

constexpr int k_block_bits = 9;
constexpr std::int64_t k_block_days = std::int64_t{1} << k_block_bits;
constexpr std::size_t k_block_count = 256; // 131072 days: 1900 to 2258
constexpr sys_days k_first_day{1900y / January / 1};

using Block = std::array<NyseDayEntry, static_cast<std::size_t>(k_block_days)>;

NyseDayEntry compute_entry(sys_days date) {
  const auto day = classify_nyse_day(date);
  NyseDayEntry entry;
  entry.kind = day.kind;
  if (entry.trades()) {
    entry.open = new_york_time(date, k_nyse_open);
    // No daylight-saving change happens between 09:30 and 16:00, so the close is a fixed
    // distance after the open.
    const auto close = day.kind == NyseDayKind::early_close ? k_nyse_early_close : k_nyse_close;
    entry.close = entry.open + (close - k_nyse_open);
  }
  return entry;
}

// The process-wide memo of a pure function of the date; written once per block under the mutex.
class SessionCache {
public:
  const Block& block(std::size_t index) {
    if (const Block* ready = m_blocks[index].load(std::memory_order_acquire)) {
      return *ready;
    }
    const std::lock_guard lock(m_mutex);
    if (const Block* ready = m_blocks[index].load(std::memory_order_relaxed)) {
      return *ready;
    }
    auto built = std::make_unique<Block>();
    const auto first = k_first_day + days{static_cast<std::int64_t>(index) * k_block_days};
    for (std::size_t i = 0; i < built->size(); ++i) {
      (*built)[i] = compute_entry(first + days{static_cast<std::int64_t>(i)});
    }
    const Block* published = built.get();
    m_owned[index] = std::move(built);
    m_blocks[index].store(published, std::memory_order_release);
    return *published;
  }

private:
  std::array<std::atomic<const Block*>, k_block_count> m_blocks{};
  std::array<std::unique_ptr<Block>, k_block_count> m_owned;
  std::mutex m_mutex;
};

SessionCache& session_cache() {
  static SessionCache cache;
  return cache;
}

} // namespace

NyseDayEntry nyse_day_entry(sys_days date) {
  const auto offset = (date - k_first_day).count();
  if (offset >= 0 && offset < static_cast<std::int64_t>(k_block_count) * k_block_days) {
    const auto index = static_cast<std::size_t>(offset >> k_block_bits);
    const auto within = static_cast<std::size_t>(offset & (k_block_days - 1));
    return session_cache().block(index)[within];
  }
  return compute_entry(date);
}

} // namespace crew::calendar
