// Every number of the configuration refuses what is not a finite number (issue 16): nan, inf and
// -inf are TOML floats, so each numeric key of the schema is tried with each, and the error must
// name the key and the line.
#include "config/config.hpp"
#include "config/config_schema.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

using namespace crew::config;

namespace {

// Collects "section.key" of every integer and number key, in schema order.
struct NumericKeys {
  std::string current;
  std::vector<std::pair<std::string, std::string>> keys; // section, key

  void section(std::string_view path) { current = std::string(path); }
  void integer(std::string_view key, int&, const schema::Limits&) {
    keys.emplace_back(current, std::string(key));
  }
  void number(std::string_view key, double&, const schema::Limits&) {
    keys.emplace_back(current, std::string(key));
  }
  void boolean(std::string_view, bool&) {}
  void timeframe(std::string_view, crew::core::Timeframe&) {}
  void text(std::string_view, std::string&, schema::TextCheck) {}
  template <typename Params>
  void strategy_params(std::string_view, Params&) {}
};

} // namespace

TEST(ConfigNumbers, EveryNumericKeyRefusesNanAndInfinities) {
  NumericKeys visitor;
  Config config = default_config();
  schema::visit_config(visitor, config);
  ASSERT_GT(visitor.keys.size(), 50U);
  for (const auto& [section, key] : visitor.keys) {
    for (const char* value : {"nan", "+nan", "-nan", "inf", "+inf", "-inf"}) {
      const std::string text = "[" + section + "]\n" + key + " = " + value + "\n";
      const auto parsed = parse_config(text, "f.toml");
      ASSERT_FALSE(parsed.ok()) << "accepted " << section << "." << key << " = " << value;
      EXPECT_EQ(parsed.error().where, "f.toml:2") << section << "." << key;
      EXPECT_NE(parsed.error().what.find(section + "." + key), std::string::npos)
          << parsed.error().what;
    }
  }
}

TEST(ConfigNumbers, StrategyParametersRefuseNanAndInfinities) {
  for (const char* value : {"nan", "inf", "-inf"}) {
    const auto parsed =
        parse_config(std::string("[strategy.params.rsi]\nperiod = ") + value + "\n", "f.toml");
    ASSERT_FALSE(parsed.ok()) << "accepted period = " << value;
    EXPECT_EQ(parsed.error().where, "f.toml:2");
  }
}
