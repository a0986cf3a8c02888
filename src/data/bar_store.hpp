#pragma once
// BarStore: the local cache of bars on SQLite (WAL). Schema version 2 keeps each series in blocks
// of 13 consecutive bars, one row per block keyed by (symbol, timeframe, first time), each bar
// with its checksum (bar_blocks.hpp; docs/performance.md says why); a version-1 store (one row
// per bar) is converted when opened. Downloads, imports and the synthetic generator write here;
// backtests, scans and fake_alpaca read here. Every method is safe to call from several threads
// (one connection, one mutex).
#include "core/result.hpp"
#include "data/bar_series.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace crew::data {

// One stored series as `crew data list` shows it. `missing` counts the bars the calendar expects
// between first and last that are absent (crypto: every grid point; US_EQUITY: bars overlapping
// NYSE regular sessions).
struct StoredSeries {
  core::Symbol symbol;
  core::Timeframe timeframe = core::Timeframe::hour1;
  core::UtcTime first;
  core::UtcTime last;
  std::size_t count = 0;
  std::size_t missing = 0;
};

// The SQLite application_id of a bar store ("CRWB"), set when the file is created.
inline constexpr std::int32_t k_bar_store_application_id = 0x43525742;

class BarStore {
public:
  // Opens or creates the store file (and its parent directory). A file that is not a bar store
  // (another application_id, other tables, not SQLite) is refused with bad_input set before
  // anything is written to it; a store of an older version is stamped and given its checksum
  // column. The first write of a connection runs PRAGMA quick_check (stores up to 512 MB).
  static core::Result<BarStore> open(const std::filesystem::path& file);
  BarStore(BarStore&&) noexcept;
  BarStore& operator=(BarStore&&) noexcept;
  ~BarStore();

  const std::filesystem::path& path() const;

  // Inserts the bars, replacing stored bars with the same time, in one transaction.
  core::Status upsert(const BarSeries& bars);
  // Several series in one transaction: either all are stored or none.
  core::Status upsert_all(std::span<const BarSeries> series);

  // The bars of `symbol`/`timeframe` with time in [from, to), in time order, at most `limit`. A
  // bar that does not match its checksum (bytes changed on disk) is an error naming it.
  core::Result<BarSeries> read(const core::Symbol& symbol, core::Timeframe timeframe,
                               core::UtcTime from, core::UtcTime to,
                               std::size_t limit = std::numeric_limits<std::size_t>::max()) const;
  // Every stored bar of `symbol`/`timeframe`.
  core::Result<BarSeries> read_all(const core::Symbol& symbol, core::Timeframe timeframe) const;

  // Every stored series, ordered by symbol then timeframe; `with_gaps` computes `missing`
  // (reads every timestamp, so it costs a scan of the table).
  core::Result<std::vector<StoredSeries>> list(bool with_gaps = true) const;
  // One series' summary, nullopt when nothing is stored for it.
  core::Result<std::optional<StoredSeries>>
  describe(const core::Symbol& symbol, core::Timeframe timeframe, bool with_gaps = true) const;
  // The stored open times of one series, for gap and resume computations.
  core::Result<std::vector<core::UtcTime>> times(const core::Symbol& symbol,
                                                 core::Timeframe timeframe) const;
  // Deletes the bars of `symbol`/`timeframe` in [from, to); returns how many went.
  core::Result<std::size_t> erase(const core::Symbol& symbol, core::Timeframe timeframe,
                                  core::UtcTime from, core::UtcTime to);

private:
  struct Impl;
  explicit BarStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace crew::data
