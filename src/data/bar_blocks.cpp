#include "data/bar_blocks.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

namespace crew::data::blocks {
namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t word) {
  return (h ^ word) * 0x100000001b3ULL; // a bijection of h for each word, and of word for each h
}

// The bits a stored double reads back as: the row layout kept 0 (and -0) as the integer 0 and
// NULL as 0; the packed layout stores the same normalized value, so checksums carry over.
std::uint64_t stored_bits(double value) {
  return value == 0 || std::isnan(value) ? 0 : std::bit_cast<std::uint64_t>(value);
}

void put64(unsigned char* out, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) {
    v = __builtin_bswap64(v);
  }
  std::memcpy(out, &v, 8);
}

std::uint64_t get64(const unsigned char* in) {
  std::uint64_t v = 0;
  std::memcpy(&v, in, 8);
  if constexpr (std::endian::native == std::endian::little) {
    v = __builtin_bswap64(v);
  }
  return v;
}

double get_double(const unsigned char* in) {
  return std::bit_cast<double>(get64(in));
}

} // namespace

std::uint64_t series_hash(std::string_view symbol, std::string_view timeframe) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : symbol) {
    h = mix(h, static_cast<unsigned char>(c));
  }
  h = mix(h, 0x100); // not a byte: ends the symbol
  for (const char c : timeframe) {
    h = mix(h, static_cast<unsigned char>(c));
  }
  return h;
}

std::uint32_t bar_checksum(std::uint64_t series, const core::Bar& bar) {
  std::uint64_t h = mix(series, static_cast<std::uint64_t>(bar.time.ns()));
  for (const double value :
       {bar.open, bar.high, bar.low, bar.close, bar.volume, bar.trade_count, bar.vwap}) {
    h = mix(h, stored_bits(value));
  }
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return static_cast<std::uint32_t>(h);
}

Record encode(const core::Bar& bar, std::uint32_t checksum) {
  Record record;
  record.time = bar.time.ns();
  unsigned char* out = record.bytes.data();
  put64(out, static_cast<std::uint64_t>(record.time));
  out += 8;
  for (const double value :
       {bar.open, bar.high, bar.low, bar.close, bar.volume, bar.trade_count, bar.vwap}) {
    put64(out, stored_bits(value));
    out += 8;
  }
  const std::uint32_t be =
      std::endian::native == std::endian::little ? __builtin_bswap32(checksum) : checksum;
  std::memcpy(out, &be, 4);
  return record;
}

std::int64_t record_time(const unsigned char* record) {
  return static_cast<std::int64_t>(get64(record));
}

core::Bar decode(const unsigned char* record, std::uint32_t& checksum) {
  core::Bar bar;
  bar.time = core::UtcTime::from_ns(record_time(record));
  bar.open = get_double(record + 8);
  bar.high = get_double(record + 16);
  bar.low = get_double(record + 24);
  bar.close = get_double(record + 32);
  bar.volume = get_double(record + 40);
  bar.trade_count = get_double(record + 48);
  bar.vwap = get_double(record + 56);
  std::uint32_t be = 0;
  std::memcpy(&be, record + 64, 4);
  checksum = std::endian::native == std::endian::little ? __builtin_bswap32(be) : be;
  return bar;
}

core::Status check_block(const BlockView& block, std::int64_t previous, const std::string& series,
                         const std::string& where) {
  const auto damaged = [&](const std::string& why) {
    return core::Error{"block of " + series + " starting " +
                           core::format_rfc3339(core::UtcTime::from_ns(block.start)) + " " + why +
                           ": the bar store is damaged (restore a copy, or erase the series and "
                           "import it again)",
                       where};
  };
  if (block.count <= 0 ||
      block.bytes.size() != static_cast<std::size_t>(block.count) * k_record_bytes) {
    return damaged("holds " + std::to_string(block.bytes.size()) + " bytes for " +
                   std::to_string(block.count) + " bars");
  }
  std::int64_t prior = previous;
  for (std::size_t at = 0; at < block.bytes.size(); at += k_record_bytes) {
    const std::int64_t t = record_time(block.bytes.data() + at);
    if ((at > 0 || prior != INT64_MIN) && t <= prior) {
      return damaged("has its bars out of time order");
    }
    prior = t;
  }
  if (record_time(block.bytes.data()) != block.start || prior != block.last) {
    return damaged("does not span the times its row says");
  }
  return {};
}

void append_records(const BlockView& block, std::vector<Record>& out) {
  for (std::size_t at = 0; at + k_record_bytes <= block.bytes.size(); at += k_record_bytes) {
    Record record;
    std::memcpy(record.bytes.data(), block.bytes.data() + at, k_record_bytes);
    record.time = record_time(record.bytes.data());
    out.push_back(record);
  }
}

std::vector<Record> merge(std::vector<Record> stored, const std::vector<Record>& incoming) {
  std::vector<Record> out;
  out.reserve(stored.size() + incoming.size());
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < stored.size() || j < incoming.size()) {
    if (j == incoming.size() || (i < stored.size() && stored[i].time < incoming[j].time)) {
      out.push_back(stored[i++]);
    } else {
      if (i < stored.size() && stored[i].time == incoming[j].time) {
        ++i; // replaced
      }
      out.push_back(incoming[j++]);
    }
  }
  return out;
}

std::vector<unsigned char> pack(std::span<const Record> records) {
  std::vector<unsigned char> out(records.size() * k_record_bytes);
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::memcpy(out.data() + i * k_record_bytes, records[i].bytes.data(), k_record_bytes);
  }
  return out;
}

} // namespace crew::data::blocks
