// The trading loop's per-tick state work (design: the loop reads its risk inputs, the per-market
// performance and the open orders from the state store every tick) over homes of different ages:
// 0, 30 and 365 days of closed trades and final orders before today. Today's activity is the same
// in every home, so any difference between the three is the cost of history, which should be
// none. docs/performance.md ("State store per-tick cost") records the numbers.
#include "risk/risk_state.hpp"
#include "state/risk_snapshot.hpp"
#include "state/state_store.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unistd.h>

namespace {

using crew::core::Decimal;
using crew::core::UtcTime;
namespace state = crew::state;

// A busy home: 100 round trips a day (two final orders and a trade each), an equity point and a
// heartbeat every 5 minutes, a few events.
constexpr int k_trades_per_day = 100;
constexpr int k_points_per_day = 24 * 12;
constexpr int k_home_days[] = {0, 30, 365};
const char* const k_symbols[] = {"AAPL", "MSFT", "NVDA", "BTC/USD", "ETH/USD", "SOL/USD"};

UtcTime bench_now() {
  return *crew::core::parse_rfc3339("2026-03-02T12:00:00Z");
}

Decimal dec(const std::string& text) {
  return *crew::core::parse_decimal(text);
}

state::OrderRecord order(const std::string& id, const char* symbol, crew::core::Side side,
                         UtcTime at, bool final) {
  crew::core::OrderRequest request;
  request.symbol = *crew::core::classify_symbol(symbol);
  request.side = side;
  request.time_in_force = request.symbol.asset_class() == crew::core::AssetClass::crypto
                              ? crew::core::TimeInForce::gtc
                              : crew::core::TimeInForce::day;
  request.qty = dec("3");
  request.client_order_id = id;
  state::OrderRecord record;
  record.order = crew::core::make_order(request, at);
  record.order.id = "b-" + id;
  record.sent = true;
  if (final) {
    record.order.status = crew::core::OrderStatus::filled;
    record.order.filled_qty = request.qty;
    record.order.filled_avg_price = dec("101.25");
    record.order.filled_at = at;
  } else {
    record.order.status = crew::core::OrderStatus::accepted;
  }
  record.strategy = "rsi";
  record.purpose = side == crew::core::Side::buy ? "entry" : "exit";
  record.reason = "bench";
  record.decision_time = at;
  return record;
}

// One day of activity starting at `day_start`: `trades` round trips spread over the day.
bool write_day(state::StateStore& store, UtcTime day_start, int day, int trades) {
  const auto step = std::chrono::seconds{86'400} / k_trades_per_day;
  for (int i = 0; i < trades; ++i) {
    const char* symbol = k_symbols[static_cast<std::size_t>(i) % std::size(k_symbols)];
    const UtcTime entry_at = day_start + step * i;
    const UtcTime exit_at = entry_at + step / 2;
    const std::string entry = "e-" + std::to_string(day) + "-" + std::to_string(i);
    const std::string exit = "x-" + std::to_string(day) + "-" + std::to_string(i);
    if (!store.insert_order(order(entry, symbol, crew::core::Side::buy, entry_at, true)) ||
        !store.insert_order(order(exit, symbol, crew::core::Side::sell, exit_at, true)) ||
        !store.mark_booked(entry, entry_at) || !store.mark_booked(exit, exit_at)) {
      return false;
    }
    state::TradeRecord t;
    t.symbol = *crew::core::classify_symbol(symbol);
    t.market = t.symbol.asset_class();
    t.strategy = "rsi";
    t.entry_client_order_id = entry;
    t.exit_client_order_id = exit;
    t.entry_time = entry_at;
    t.exit_time = exit_at;
    t.entry_price = dec("100");
    t.exit_price = dec("101.25");
    t.qty = dec("3");
    t.pnl = dec(std::to_string((i * 7 + day) % 11 - 5) + ".125");
    t.fees = dec("0.05");
    t.exit_reason = "signal";
    if (!store.insert_trade(t)) {
      return false;
    }
  }
  for (int p = 0; p < k_points_per_day; ++p) {
    const UtcTime at = day_start + std::chrono::minutes{5} * p;
    if (!store.record_equity(at, dec("100000")) || !store.record_heartbeat(at)) {
      return false;
    }
  }
  state::Event event;
  event.time = day_start;
  event.kind = state::EventKind::market_switch;
  event.message = "bench";
  return static_cast<bool>(store.record_event(event));
}

// A home with `days` full days of history before today, plus today's half day and a few open
// orders; made once per size in a scratch directory.
class Homes {
public:
  // Every home is built before the first measurement, so that all three are timed in the same
  // process state (the 365-day build leaves a grown heap behind; building homes between
  // measurements made the later ones look cheaper).
  static Homes& get() {
    static Homes homes;
    static const bool built = [] {
      for (int days : k_home_days) {
        (void)homes.home(days);
      }
      return true;
    }();
    (void)built;
    return homes;
  }
  Homes(const Homes&) = delete;
  Homes& operator=(const Homes&) = delete;
  ~Homes() {
    m_stores.clear();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }

  state::StateStore* home(int days) {
    if (auto it = m_stores.find(days); it != m_stores.end()) {
      return it->second.get();
    }
    const auto file = m_dir / ("state-" + std::to_string(days) + "d.db");
    auto store = state::StateStore::open(file, state::StoreOptions{false, false});
    if (!store) {
      return nullptr;
    }
    const UtcTime today = UtcTime::from_sys(bench_now().day());
    auto written = store->atomically([&]() -> crew::core::Status {
      for (int d = days; d >= 1; --d) {
        if (!write_day(*store, today - std::chrono::days{d}, -d, k_trades_per_day)) {
          return crew::core::Error{"cannot write history", file.string()};
        }
      }
      if (!write_day(*store, today, 0, k_trades_per_day / 2)) {
        return crew::core::Error{"cannot write today", file.string()};
      }
      for (int i = 0; i < 4; ++i) {
        const auto at = bench_now() - std::chrono::minutes{10 * (i + 1)};
        if (!store->insert_order(order("open-" + std::to_string(i), k_symbols[i],
                                       crew::core::Side::buy, at, false))) {
          return crew::core::Error{"cannot write open orders", file.string()};
        }
      }
      for (auto market : {crew::core::AssetClass::us_equity, crew::core::AssetClass::crypto}) {
        auto start =
            store->ensure_daily_start_equity(market, bench_now().day(), dec("100000"), today);
        if (!start) {
          return start.error();
        }
      }
      auto mark = store->update_high_water_mark(dec("101000"), today);
      return mark ? crew::core::Status{} : crew::core::Status{mark.error()};
    });
    if (!written) {
      std::fprintf(stderr, "%s\n", written.error().what.c_str());
      return nullptr;
    }
    auto owned = std::make_unique<state::StateStore>(std::move(*store));
    return m_stores.emplace(days, std::move(owned)).first->second.get();
  }

private:
  Homes()
      : m_dir(std::filesystem::temp_directory_path() /
              ("crew_state_bench_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(m_dir);
  }

  std::filesystem::path m_dir;
  std::map<int, std::unique_ptr<state::StateStore>> m_stores;
};

// What the loop reads from the store each tick: the risk inputs (today's orders, 14 days of
// trades, start-of-day equities, high-water mark, halt flag, open orders), the per-market
// performance for market rotation and the open orders for order management.
void BM_StateTick(benchmark::State& bench) {
  const int days = static_cast<int>(bench.range(0));
  state::StateStore* store = Homes::get().home(days);
  if (store == nullptr) {
    bench.SkipWithError("cannot build the home");
    return;
  }
  const UtcTime now = bench_now();
  std::size_t rows = 0;
  for (auto _ : bench) {
    crew::risk::RiskState risk;
    auto loaded = crew::state::load_risk_inputs(*store, now, risk);
    auto performance = store->market_performance();
    auto open = store->open_orders();
    if (!loaded || !performance || !open) {
      bench.SkipWithError("a state read failed");
      return;
    }
    rows = risk.trades.size() + risk.entry_times.size() + performance->size() + open->size();
    benchmark::DoNotOptimize(rows);
  }
  bench.counters["rows_read"] = static_cast<double>(rows);
}
BENCHMARK(BM_StateTick)->Arg(0)->Arg(30)->Arg(365)->Unit(benchmark::kMicrosecond);

// The other per-tick read of the order book: final orders whose position or trade is not yet
// written (none in these homes, as in a loop that keeps up).
void BM_StateTickBooking(benchmark::State& bench) {
  state::StateStore* store = Homes::get().home(static_cast<int>(bench.range(0)));
  if (store == nullptr) {
    bench.SkipWithError("cannot build the home");
    return;
  }
  for (auto _ : bench) {
    auto unbooked = store->unbooked_final_orders();
    if (!unbooked) {
      bench.SkipWithError("a state read failed");
      return;
    }
    benchmark::DoNotOptimize(unbooked);
  }
}
BENCHMARK(BM_StateTickBooking)->Arg(0)->Arg(30)->Arg(365)->Unit(benchmark::kMicrosecond);

} // namespace
