#include "scan/universe.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace crew::scan {
namespace {

using core::AssetClass;

const Exclusion* find_exclusion(const Universe& universe, const std::string& symbol) {
  const auto it = std::find_if(universe.excluded.begin(), universe.excluded.end(),
                               [&](const Exclusion& e) { return e.symbol == symbol; });
  return it == universe.excluded.end() ? nullptr : &*it;
}

bool has_member(const Universe& universe, const std::string& symbol) {
  return std::any_of(universe.members.begin(), universe.members.end(),
                     [&](const UniverseMember& m) { return m.symbol.str() == symbol; });
}

TEST(Universe, BuiltInSp100ListHasAHundredOddMembersAndItsCheckedDate) {
  const auto list = parse_equity_list(builtin_sp100_csv(), "sp100.csv");
  ASSERT_TRUE(list.ok()) << list.error().message();
  EXPECT_EQ(list->checked, "2026-11-25");
  EXPECT_GE(list->entries.size(), 100u);
  EXPECT_LE(list->entries.size(), 102u);
  const auto universe = us_equity_universe(*list, std::nullopt);
  EXPECT_EQ(universe.members.size(), list->entries.size());
  EXPECT_TRUE(has_member(universe, "AAPL"));
  EXPECT_TRUE(has_member(universe, "BRK.B"));
  const auto nike = std::find_if(list->entries.begin(), list->entries.end(),
                                 [](const auto& e) { return e.symbol == "NKE"; });
  ASSERT_NE(nike, list->entries.end());
  EXPECT_EQ(nike->name, "Nike, Inc.");
}

TEST(Universe, RejectsAnEquityListWithoutHeaderNamingTheLine) {
  const auto list = parse_equity_list("# Last checked: 2026-01-01\nAAPL,Apple\n", "x.csv");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().where, "x.csv:2");
}

TEST(Universe, KeepsOnlyTradableEquitiesWhenTheAssetListIsAtHand) {
  const auto list = parse_equity_list("# Last checked: 2026-11-25\nsymbol,name,sector,note\n"
                                      "AAPL,Apple,IT,\nXYZQ,Gone,IT,\nHALT,Halted,IT,\n"
                                      "OLD,Old,IT,\nbad symbol!,Bad,IT,\n",
                                      "list.csv");
  ASSERT_TRUE(list.ok());
  const std::vector<AssetInfo> assets{{"AAPL", AssetClass::us_equity, true, "active"},
                                      {"HALT", AssetClass::us_equity, false, "active"},
                                      {"OLD", AssetClass::us_equity, true, "inactive"}};
  const auto universe = us_equity_universe(*list, assets);
  ASSERT_EQ(universe.members.size(), 1u);
  EXPECT_EQ(universe.members[0].symbol.str(), "AAPL");
  EXPECT_EQ(find_exclusion(universe, "XYZQ")->reason, "not in Alpaca's asset list");
  EXPECT_EQ(find_exclusion(universe, "HALT")->reason, "not tradable on Alpaca");
  EXPECT_EQ(find_exclusion(universe, "OLD")->reason, "asset status inactive");
  EXPECT_NE(find_exclusion(universe, "bad symbol!"), nullptr);
}

TEST(Universe, RanksTradableUsdCryptoByVolumeAndSaysWhyOthersAreOut) {
  const std::vector<AssetInfo> assets{
      {"BTC/USD", AssetClass::crypto, true, "active"},
      {"ETH/USD", AssetClass::crypto, true, "active"},
      {"SOL/USD", AssetClass::crypto, true, "active"},
      {"TINY/USD", AssetClass::crypto, true, "active"},
      {"BTC/USDT", AssetClass::crypto, true, "active"},
      {"DEAD/USD", AssetClass::crypto, false, "active"},
      {"NOVOL/USD", AssetClass::crypto, true, "active"},
  };
  const std::map<std::string, double> volumes{
      {"BTC/USD", 900e6}, {"ETH/USD", 400e6}, {"SOL/USD", 50e6}, {"TINY/USD", 2e6}};
  config::ScannerConfig settings;
  settings.crypto_max_symbols = 2;
  const auto universe = crypto_universe(assets, volumes, settings);
  ASSERT_EQ(universe.members.size(), 2u);
  EXPECT_EQ(universe.members[0].symbol.str(), "BTC/USD");
  EXPECT_EQ(universe.members[1].symbol.str(), "ETH/USD");
  EXPECT_EQ(find_exclusion(universe, "SOL/USD")->reason, "beyond the top 2 by 24h volume ($50.0M)");
  EXPECT_EQ(find_exclusion(universe, "TINY/USD")->reason, "24h notional volume $2.0M < $10.0M");
  EXPECT_EQ(find_exclusion(universe, "BTC/USDT")->reason, "quoted in USDT, not USD");
  EXPECT_EQ(find_exclusion(universe, "DEAD/USD")->reason, "not tradable on Alpaca");
  EXPECT_EQ(find_exclusion(universe, "NOVOL/USD")->reason, "no 24h volume known");
  EXPECT_EQ(universe.notes.front(), "market-cap filter skipped: no market-cap source configured");
}

TEST(Universe, FallsBackToTopCoinsOffline) {
  const auto universe = crypto_universe(std::nullopt, {}, config::ScannerConfig{});
  EXPECT_EQ(universe.members.size(), crypto_fallback_symbols().size());
  EXPECT_GE(universe.members.size(), 10u);
  EXPECT_EQ(universe.members[0].symbol.str(), "BTC/USD");
  EXPECT_TRUE(universe.excluded.empty());
  // With volumes from stored bars, the fallback is filtered like the live list.
  const auto filtered =
      crypto_universe(std::nullopt, {{"BTC/USD", 2e9}, {"ETH/USD", 1e6}}, config::ScannerConfig{});
  ASSERT_EQ(filtered.members.size(), 1u);
  EXPECT_EQ(find_exclusion(filtered, "ETH/USD")->reason, "24h notional volume $1.0M < $10.0M");
  EXPECT_EQ(find_exclusion(filtered, "SOL/USD")->reason, "no 24h volume known");
}

TEST(Universe, NotionalVolumeSumsTheDayBeforeTheInstant) {
  data::BarSeries bars(core::Symbol("BTC/USD", AssetClass::crypto, "BTC", "USD"),
                       core::Timeframe::hour1);
  const auto start = core::UtcTime::from_seconds(0);
  for (int i = 0; i < 30; ++i) {
    bars.push_back({start + std::chrono::hours(i), 10, 10, 10, 10, static_cast<double>(i)});
  }
  const auto at = start + std::chrono::hours(26); // bars 2..25
  EXPECT_DOUBLE_EQ(*notional_volume_24h(bars, at), 10.0 * (2 + 25) * 24 / 2);
  EXPECT_FALSE(notional_volume_24h(bars, start).has_value());
}

TEST(Universe, TheConfiguredListReplacesTheMembersAndExcludeRemovesThem) {
  const auto list = parse_equity_list(builtin_sp100_csv(), "sp100.csv");
  ASSERT_TRUE(list);
  auto universe = us_equity_universe(*list, std::nullopt);
  ASSERT_GT(universe.members.size(), 50U);
  config::UniverseConfig rules;
  rules.us_equity = "MSFT, AAPL, ZZZZ";
  rules.exclude = "AAPL, BTC/USD";
  apply_universe_config(universe, rules);
  ASSERT_EQ(universe.members.size(), 2U);
  EXPECT_EQ(universe.members[0].symbol.str(), "MSFT");
  EXPECT_FALSE(universe.members[0].name.empty()) << "a listed member keeps what the list knew";
  EXPECT_EQ(universe.members[1].symbol.str(), "ZZZZ");
  ASSERT_FALSE(universe.excluded.empty());
  EXPECT_EQ(universe.excluded.back().symbol, "AAPL");
  EXPECT_EQ(universe.excluded.back().reason, "[universe] exclude");

  // The crypto list leaves the equity universe alone; exclude alone narrows the built one.
  auto crypto_only = us_equity_universe(*list, std::nullopt);
  const auto size = crypto_only.members.size();
  config::UniverseConfig other;
  other.crypto = "BTC/USD";
  other.exclude = "AAPL";
  apply_universe_config(crypto_only, other);
  EXPECT_EQ(crypto_only.members.size(), size - 1);
}

} // namespace
} // namespace crew::scan
