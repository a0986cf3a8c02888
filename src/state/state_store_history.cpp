// History for viewers (the dashboard): the equity curve, one point per tick, and every scan with
// its ranked results. Routine durability: a lost last point or scan harms no trading decision.
#include "state/state_store.hpp"
#include "state/state_store_impl.hpp"

namespace crew::state {
namespace {

// Keeps the first and last points and an even spread between them.
std::vector<EquityPoint> thin_out(std::vector<EquityPoint> points, std::size_t max_points) {
  if (max_points == 0 || points.size() <= max_points) {
    return points;
  }
  if (max_points == 1) {
    return {points.back()};
  }
  std::vector<EquityPoint> kept;
  kept.reserve(max_points);
  const std::size_t last = points.size() - 1;
  for (std::size_t i = 0; i < max_points; ++i) {
    kept.push_back(points[i * last / (max_points - 1)]);
  }
  return kept;
}

} // namespace

core::Status StateStore::record_equity(core::UtcTime at, core::Decimal equity) {
  return m_impl->write(Durability::routine, [&]() {
    return run_statement(m_impl->db,
                         "INSERT INTO equity_history (time, equity) VALUES (?,?) "
                         "ON CONFLICT(time) DO UPDATE SET equity = excluded.equity",
                         [&](Statement& s) { s.bind(1, at).bind(2, equity); });
  });
}

core::Result<std::vector<EquityPoint>>
StateStore::equity_curve(core::UtcTime from, core::UtcTime to, std::size_t max_points) {
  const std::lock_guard lock(m_impl->mutex);
  auto rows = query_rows<EquityPoint>(
      m_impl->db,
      "SELECT time, equity FROM equity_history WHERE time >= ? AND time < ? ORDER BY time",
      [&](Statement& s) { s.bind(1, from).bind(2, to); },
      [](Statement& s) {
        return EquityPoint{s.time(0), s.decimal(1)};
      });
  if (!rows) {
    return rows.error();
  }
  return thin_out(std::move(*rows), max_points);
}

core::Result<std::int64_t> StateStore::record_scan(const ScanRecord& scan) {
  std::int64_t id = 0;
  auto status = m_impl->write(Durability::routine, [&]() -> core::Status {
    auto inserted = run_statement(
        m_impl->db, "INSERT INTO scans (time, market, symbols_scanned) VALUES (?,?,?)",
        [&](Statement& s) {
          s.bind(1, scan.time).bind(2, core::to_string(scan.market)).bind(3, scan.symbols_scanned);
        });
    if (!inserted) {
      return inserted;
    }
    id = m_impl->db.last_insert_id();
    for (std::size_t rank = 0; rank < scan.ranked.size(); ++rank) {
      const auto& entry = scan.ranked[rank];
      auto row = run_statement(m_impl->db,
                               "INSERT INTO scan_results (scan_id, rank, symbol, strategy, score, "
                               "close, reason) VALUES (?,?,?,?,?,?,?)",
                               [&](Statement& s) {
                                 s.bind(1, id)
                                     .bind(2, static_cast<std::int64_t>(rank))
                                     .bind(3, entry.symbol)
                                     .bind(4, entry.strategy)
                                     .bind(5, entry.score)
                                     .bind(6, entry.close)
                                     .bind(7, entry.reason);
                               });
      if (!row) {
        return row;
      }
    }
    return {};
  });
  if (!status) {
    return status.error();
  }
  return id;
}

core::Result<std::optional<ScanRecord>>
StateStore::latest_scan(std::optional<core::AssetClass> market) {
  const std::lock_guard lock(m_impl->mutex);
  const std::string market_text = market ? std::string(core::to_string(*market)) : "";
  auto scans = query_rows<ScanRecord>(
      m_impl->db,
      "SELECT id, time, market, symbols_scanned FROM scans WHERE (? = '' OR market = ?) "
      "ORDER BY time DESC, id DESC LIMIT 1",
      [&](Statement& s) { s.bind(1, market_text).bind(2, market_text); },
      [](Statement& s) {
        ScanRecord r;
        r.id = s.integer(0);
        r.time = s.time(1);
        if (auto parsed = core::parse_asset_class(s.text(2)); parsed) {
          r.market = *parsed;
        } else {
          s.note_column_error(
              core::Error{"malformed stored market: " + parsed.error().what, "scans"});
        }
        r.symbols_scanned = s.integer(3);
        return r;
      });
  if (!scans) {
    return scans.error();
  }
  if (scans->empty()) {
    return std::optional<ScanRecord>{};
  }
  auto scan = scans->front();
  auto entries = query_rows<ScanEntry>(
      m_impl->db,
      "SELECT symbol, strategy, score, close, reason FROM scan_results WHERE scan_id = ? "
      "ORDER BY rank",
      [&](Statement& s) { s.bind(1, scan.id); },
      [](Statement& s) {
        return ScanEntry{s.text(0), s.text(1), s.real(2), s.real(3), s.text(4)};
      });
  if (!entries) {
    return entries.error();
  }
  scan.ranked = std::move(*entries);
  return std::optional<ScanRecord>{std::move(scan)};
}

} // namespace crew::state
