#pragma once
// The packed layout of the bar store (issue 12): the bars of one series are kept in blocks of up
// to k_block_bars consecutive bars, one SQLite row per block, so a range read costs one row step
// per block instead of one per bar (docs/performance.md). Internal to the data module: only
// bar_store.cpp includes it.
//
// A block's BLOB is `count` records of k_record_bytes each, in strictly increasing time:
//   time (int64 ns) | open high low close volume trade_count vwap (IEEE doubles) | checksum
// all big-endian, as SQLite keeps a REAL, so one changed byte of a price is found at the same
// bytes in the file in either layout. The checksum is the one rows carried since issue 16.
#include "core/bar.hpp"
#include "core/result.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crew::data::blocks {

inline constexpr std::size_t k_record_bytes = 8 + 7 * 8 + 4;
// 13 records (884 bytes) and the key fit in one b-tree cell of a 4 KiB page (at most 1002 bytes
// before SQLite spills to an overflow page), so a block is read without following a page chain.
inline constexpr std::size_t k_block_bars = 13;

// The hash of a series' key that every bar checksum starts from.
std::uint64_t series_hash(std::string_view symbol, std::string_view timeframe);
// A 32-bit hash of the bar as stored: a changed bit anywhere changes it but for a chance of 2^-32.
std::uint32_t bar_checksum(std::uint64_t series, const core::Bar& bar);

// One stored bar as its bytes, with its time beside them for merging.
struct Record {
  std::int64_t time = 0;
  std::array<unsigned char, k_record_bytes> bytes{};
};

// The record of a bar with the given checksum (a migrated row keeps the checksum it had, so a
// bar damaged before the migration stays refused after it).
Record encode(const core::Bar& bar, std::uint32_t checksum);
inline Record encode(std::uint64_t series, const core::Bar& bar) {
  return encode(bar, bar_checksum(series, bar));
}
std::int64_t record_time(const unsigned char* record);
core::Bar decode(const unsigned char* record, std::uint32_t& checksum);

// What a block row holds, as read from SQLite (the BLOB is not copied).
struct BlockView {
  std::int64_t start = 0;
  std::int64_t last = 0;
  std::int64_t count = 0;
  std::span<const unsigned char> bytes;
};

// Checks that a block's BLOB agrees with its row (size, first and last time, times strictly
// increasing after `previous`); the error names the series and the block.
core::Status check_block(const BlockView& block, std::int64_t previous, const std::string& series,
                         const std::string& where);

// Appends the block's records to `out`.
void append_records(const BlockView& block, std::vector<Record>& out);

// Merges `incoming` (sorted, unique times) into `stored` (sorted, unique): a bar of `incoming`
// replaces a stored bar with the same time.
std::vector<Record> merge(std::vector<Record> stored, const std::vector<Record>& incoming);

// The BLOB of records [begin, end).
std::vector<unsigned char> pack(std::span<const Record> records);

} // namespace crew::data::blocks
