#include "config/config.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <set>

using namespace crew::config;

namespace {

// Every leaf key of a TOML document, as "section.key".
void collect_keys(const toml::table& table, const std::string& prefix, std::set<std::string>& out) {
  for (const auto& [key, node] : table) {
    const std::string full =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (node.is_table()) {
      collect_keys(*node.as_table(), full, out);
    } else {
      out.insert(full);
    }
  }
}

std::set<std::string> keys_of(const toml::table& table) {
  std::set<std::string> keys;
  collect_keys(table, "", keys);
  return keys;
}

} // namespace

TEST(ConfigWriter, DefaultsRoundTripThroughToml) {
  const auto text = to_toml(default_config());
  auto parsed = parse_config(text, "written.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message() << "\n" << text;
  parsed->source = default_config().source;
  EXPECT_EQ(*parsed, default_config());
}

TEST(ConfigWriter, ChangedSettingsRoundTripThroughToml) {
  auto config = default_config();
  config.crypto.signal_timeframe = crew::core::Timeframe::min30;
  config.strategy.params["rsi"]["entry_level"] = 62.5;
  config.strategy.params["bb"]["odd key \"quoted\""] = -1e-300;
  config.scheduler.crypto_at_us_open = "close";
  config.scanner.crypto_min_notional_volume_24h = 123456789.125;
  config.alpaca.live_confirmed = true;
  const auto text = to_toml(config);
  auto parsed = parse_config(text, "written.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message() << "\n" << text;
  parsed->source = config.source;
  EXPECT_EQ(*parsed, config);
}

TEST(ConfigWriter, WritesShortestNumbersInSchemaOrder) {
  const auto text = to_toml(default_config());
  EXPECT_EQ(text.rfind("[profiles.us_equity]\nmin_bars_required = 50\n", 0), 0U) << text;
  EXPECT_NE(text.find("\nfee_rate = 0.0025\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ninitial_equity = 100000.0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nsignal_timeframe = \"1Hour\"\n"), std::string::npos) << text;
  EXPECT_LT(text.find("[profiles.crypto]"), text.find("[strategy]"));
}

TEST(ConfigWriter, ExampleFileDocumentsEveryKey) {
  const auto example = toml::parse_file(std::string(CREW_SOURCE_DIR) + "/config/crew.example.toml");
  EXPECT_EQ(keys_of(example), keys_of(toml::parse(to_toml(default_config()))));
}

TEST(ConfigWriter, JsonHasTheSectionsAsObjects) {
  const auto json = nlohmann::json::parse(to_json(default_config()));
  EXPECT_EQ(json.at("risk").at("max_open_positions"), 3);
  EXPECT_EQ(json.at("profiles").at("crypto").at("signal_timeframe"), "1Hour");
  EXPECT_EQ(json.at("alpaca").at("live_trading_confirmed"), false);
}
