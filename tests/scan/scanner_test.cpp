#include "scan/scanner.hpp"
#include "strategy/registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace crew::scan {
namespace {

using core::AssetClass;
using core::UtcTime;

const UtcTime k_start = UtcTime::from_seconds(1'767'225'600); // 2026-01-01T00:00:00Z
constexpr auto k_hour = std::chrono::hours(1);

// Enters when the bar closes more than `jump` above the previous close.
class JumpStrategy final : public strategy::Strategy {
public:
  JumpStrategy(std::string name, double jump) : m_name(std::move(name)), m_jump(jump) {}
  std::string_view name() const override { return m_name; }
  std::vector<strategy::Parameter> parameters() const override { return {{"jump", m_jump}}; }
  std::size_t warmup_bars() const override { return 2; }
  strategy::Signals on_bar(const core::Bar& bar) override {
    strategy::Signals signals;
    signals.entry = m_seen > 0 && bar.close > m_previous * (1 + m_jump);
    if (signals.entry) {
      signals.reason = "close jumped";
    }
    m_previous = bar.close;
    ++m_seen;
    return signals;
  }
  double atr() const override { return m_previous * 0.01; }
  std::size_t bars_seen() const override { return m_seen; }
  void reset() override { m_seen = 0; }

private:
  std::string m_name;
  double m_jump;
  double m_previous = 0;
  std::size_t m_seen = 0;
};

StrategyFactory jump_strategies() {
  return [] {
    std::vector<std::unique_ptr<strategy::Strategy>> out;
    out.push_back(std::make_unique<JumpStrategy>("big", 0.03));
    out.push_back(std::make_unique<JumpStrategy>("small", 0.005));
    return out;
  };
}

config::AssetProfile crypto_profile() {
  config::AssetProfile profile;
  profile.min_bars_required = 100;
  profile.volume_weight = 0.5;
  return profile;
}

// `n` hourly bars drifting by `drift` per bar, volume 1000; the last bar closes `last_jump` above
// the one before on `last_volume`.
ScanInput series(const std::string& name, std::size_t n, double drift, double last_jump,
                 double last_volume) {
  ScanInput input{name, data::BarSeries(core::Symbol(name, AssetClass::crypto, name, "USD"),
                                        core::Timeframe::hour1)};
  double close = 100;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(i);
    const double previous = close;
    close = i + 1 == n ? close * (1 + last_jump) : close * (1 + drift) + 0.2 * std::sin(x);
    const double volume = i + 1 == n ? last_volume : 1000 + 50 * std::sin(x * 0.3);
    input.bars.push_back({k_start + k_hour * static_cast<int>(i), previous,
                          std::max(previous, close) * 1.002, std::min(previous, close) * 0.998,
                          close, volume});
  }
  return input;
}

UtcTime end_of(const ScanInput& input) {
  return input.bars.time().back() + k_hour;
}

const Exclusion* find_exclusion(const ScanResult& result, const std::string& symbol) {
  const auto it = std::find_if(result.excluded.begin(), result.excluded.end(),
                               [&](const Exclusion& e) { return e.symbol == symbol; });
  return it == result.excluded.end() ? nullptr : &*it;
}

TEST(Scanner, RanksAStrongerSetupAboveAWeakerOne) {
  std::vector<ScanInput> inputs{
      series("WEAK", 300, 0.0, 0.01, 1000),     // one strategy, flat trend, average volume
      series("STRONG", 300, 0.001, 0.05, 3000), // both strategies, uptrend, heavy volume
  };
  const Scanner scanner(AssetClass::crypto, crypto_profile(), {}, jump_strategies());
  const auto result = scanner.scan(inputs, end_of(inputs[0]));
  ASSERT_EQ(result.ranked.size(), 2u);
  EXPECT_EQ(result.ranked[0].symbol, "STRONG");
  EXPECT_EQ(result.ranked[0].strategy, "big");
  EXPECT_EQ(result.ranked[0].fired, (std::vector<std::string>{"big", "small"}));
  EXPECT_DOUBLE_EQ(result.ranked[0].parts.signal, 1.0);
  EXPECT_EQ(result.ranked[1].symbol, "WEAK");
  EXPECT_EQ(result.ranked[1].strategy, "small");
  EXPECT_DOUBLE_EQ(result.ranked[1].parts.signal, 0.5);
  EXPECT_GT(result.ranked[0].score, result.ranked[1].score);
  EXPECT_GT(result.ranked[0].parts.trend, result.ranked[1].parts.trend);
  EXPECT_GT(result.ranked[0].parts.volume, result.ranked[1].parts.volume);
  EXPECT_TRUE(result.excluded.empty());
}

// `input` with a spike to +40% on 20x volume 30 bars before its end, given back on the third bar.
ScanInput with_a_pump(ScanInput input) {
  data::BarSeries rebuilt(input.bars.symbol(), input.bars.timeframe());
  const std::size_t n = input.bars.size();
  const double base = input.bars.close()[n - 31];
  for (std::size_t i = 0; i < n; ++i) {
    auto bar = input.bars.at(i);
    if (i == n - 30) {
      bar = {bar.time, base, 1.2 * base, base, 1.2 * base, 20000};
    } else if (i == n - 29) {
      bar = {bar.time, 1.2 * base, 1.4 * base, 1.2 * base, 1.4 * base, 20000};
    } else if (i == n - 28) {
      bar = {bar.time, 1.4 * base, 1.4 * base, base, 1.02 * base, 15000};
    }
    rebuilt.push_back(bar);
  }
  input.bars = std::move(rebuilt);
  return input;
}

TEST(Scanner, ExcludesSymbolsWithReasons) {
  const auto pumped = with_a_pump(series("PUMP", 300, 0.0, 0.0, 1000));
  std::vector<ScanInput> inputs{
      series("SHORT", 50, 0.0, 0.05, 3000),
      ScanInput{"EMPTY", data::BarSeries(core::Symbol("EMPTY", AssetClass::crypto, "EMPTY", "USD"),
                                         core::Timeframe::hour1)},
      series("QUIET", 300, 0.0, 0.0, 1000),
      pumped,
  };
  const Scanner scanner(AssetClass::crypto, crypto_profile(), {}, jump_strategies());
  const auto result = scanner.scan(inputs, end_of(inputs[2]));
  EXPECT_TRUE(result.ranked.empty());
  ASSERT_EQ(result.excluded.size(), 4u);
  EXPECT_NE(find_exclusion(result, "SHORT")->reason.find("too few bars: 50"), std::string::npos);
  EXPECT_EQ(find_exclusion(result, "EMPTY")->reason, "no data");
  EXPECT_NE(find_exclusion(result, "QUIET")->reason.find("no entry signal from big, small"),
            std::string::npos);
  EXPECT_NE(find_exclusion(result, "PUMP")->reason.find("manipulation filter (pump_and_dump"),
            std::string::npos)
      << find_exclusion(result, "PUMP")->reason;
}

// PUMP: a spike to +40% on 20x volume 30 bars before the end, given back, then a last close 5%
// above the one before on heavy volume (an entry signal of both jump strategies).
ScanInput pumped_with_a_signal() {
  return with_a_pump(series("PUMP", 300, 0.0, 0.05, 3000));
}

TEST(Scanner, ReportsFlaggedSymbolsAndRanksThemMarkedWhenAsked) {
  const std::vector<ScanInput> inputs{pumped_with_a_signal(),
                                      series("CLEAN", 300, 0.0, 0.05, 3000)};
  const Scanner excluding(AssetClass::crypto, crypto_profile(), {}, jump_strategies());
  const auto excluded = excluding.scan(inputs, end_of(inputs[0]));
  ASSERT_EQ(excluded.ranked.size(), 1u);
  EXPECT_EQ(excluded.ranked[0].symbol, "CLEAN");
  ASSERT_NE(find_exclusion(excluded, "PUMP"), nullptr);
  ASSERT_EQ(excluded.flagged.size(), 1u);
  EXPECT_EQ(excluded.flagged.at("PUMP"), find_exclusion(excluded, "PUMP")->reason);

  // The loop's scan: ranked like any other, carrying the flag for the risk rule.
  const Scanner ranking(AssetClass::crypto, crypto_profile(), {}, jump_strategies(),
                        FlaggedSymbols::ranked);
  const auto ranked = ranking.scan(inputs, end_of(inputs[0]));
  ASSERT_EQ(ranked.ranked.size(), 2u);
  EXPECT_TRUE(ranked.excluded.empty());
  EXPECT_EQ(ranked.flagged, excluded.flagged);
  for (const auto& o : ranked.ranked) {
    if (o.symbol == "PUMP") {
      EXPECT_NE(o.flag.find("manipulation filter (pump_and_dump"), std::string::npos) << o.flag;
      EXPECT_EQ(o.strategy, "big");
    } else {
      EXPECT_TRUE(o.flag.empty()) << o.flag;
    }
  }
}

TEST(Scanner, UsesOnlyBarsCompletedBeforeTheScanInstant) {
  std::vector<ScanInput> inputs{series("LATE", 300, 0.0, 0.05, 3000)};
  const Scanner scanner(AssetClass::crypto, crypto_profile(), {}, jump_strategies());
  const UtcTime last_open = inputs[0].bars.time().back();
  // At the last bar's open (or one second before its close) the jump is not yet known.
  for (const UtcTime at : {last_open, last_open + k_hour - std::chrono::seconds(1)}) {
    const auto early = scanner.scan(inputs, at);
    EXPECT_TRUE(early.ranked.empty());
    ASSERT_EQ(early.excluded.size(), 1u);
    EXPECT_NE(early.excluded[0].reason.find(core::format_rfc3339(last_open - k_hour)),
              std::string::npos)
        << early.excluded[0].reason;
  }
  const auto on_time = scanner.scan(inputs, last_open + k_hour);
  ASSERT_EQ(on_time.ranked.size(), 1u);
  EXPECT_EQ(on_time.ranked[0].bar_time, last_open);
}

TEST(Scanner, RunsTheRegisteredStrategiesOverSyntheticMarkets) {
  const config::Config config = [] {
    config::Config c;
    c.crypto = crypto_profile();
    return c;
  }();
  StrategyFactory registered = [&config] {
    std::vector<std::unique_ptr<strategy::Strategy>> out;
    for (const auto name : strategy::strategies_for(AssetClass::crypto, nullptr)) {
      auto made = strategy::make_strategy(name, config.crypto, config.strategy);
      EXPECT_TRUE(made.ok());
      if (made.ok()) {
        out.push_back(std::move(*made));
      }
    }
    return out;
  };
  std::vector<ScanInput> inputs;
  for (int i = 0; i < 20; ++i) {
    inputs.push_back(series("S" + std::to_string(i), 400, 0.0005 * (i % 5) - 0.001, 0.002 * i,
                            1000 + 200.0 * i));
  }
  const Scanner scanner(AssetClass::crypto, config.crypto, config.manipulation, registered);
  const auto result = scanner.scan(inputs, end_of(inputs[0]));
  EXPECT_EQ(result.ranked.size() + result.excluded.size(), inputs.size());
  for (std::size_t i = 1; i < result.ranked.size(); ++i) {
    EXPECT_GE(result.ranked[i - 1].score, result.ranked[i].score);
  }
  for (const auto& opportunity : result.ranked) {
    EXPECT_GE(opportunity.score, 0.0);
    EXPECT_LE(opportunity.score, 1.0);
    EXPECT_FALSE(opportunity.strategy.empty());
  }
}

} // namespace
} // namespace crew::scan
