#include "config/config.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace crew::config;
using crew::core::Timeframe;

namespace {

std::filesystem::path example_path() {
  return std::filesystem::path(CREW_SOURCE_DIR) / "config" / "crew.example.toml";
}

// The error of parsing `text` as "f.toml"; fails the test when it parses.
crew::core::Error error_of(const std::string& text) {
  const auto parsed = parse_config(text, "f.toml");
  EXPECT_FALSE(parsed.ok()) << "parsed unexpectedly: " << text;
  return parsed.ok() ? crew::core::Error{} : parsed.error();
}

} // namespace

TEST(ParseConfig, EmptyTextGivesTheDefaults) {
  auto parsed = parse_config("", "empty.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->source, "empty.toml");
  parsed->source = default_config().source;
  EXPECT_EQ(*parsed, default_config());
}

TEST(ParseConfig, ExampleFileEqualsTheDefaults) {
  auto loaded = load_config_file(example_path());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(loaded->source, example_path().string());
  loaded->source = default_config().source;
  EXPECT_EQ(to_toml(*loaded), to_toml(default_config())); // readable when a value differs
  EXPECT_EQ(*loaded, default_config());
}

TEST(ParseConfig, ReadsEverySection) {
  const auto parsed = parse_config(R"(
[profiles.us_equity]
min_bars_required = 60
signal_timeframe = "5Min"
[profiles.crypto]
fee_rate = 0.001
signal_timeframe = "4h"
[strategy]
stop_atr_mult = 3
[strategy.params.rsi]
entry_level = 65
[strategy.params.bollinger_bands_reversal]
k = 2.5
[risk]
max_open_positions = 5
close_on_daily_loss = false
[scheduler]
crypto_at_us_open = "close"
crypto_busy_start_hour_utc = 0
[scanner]
top = 8
[manipulation]
reversal_fraction = 0.6
[alpaca]
trading_url = "http://127.0.0.1:9000"
feed = "sip"
live_trading_confirmed = true
[paths]
log_dir = "/var/log/crew"
[backtest]
initial_equity = 5000
[alerts]
webhook_url = "http://127.0.0.1:9001/hook"
smtp_url = "smtp://127.0.0.1:2525"
smtp_from = "crew@example.com"
smtp_to = "a@example.com, b@example.com"
send_resolved = false
stall_seconds = 120
)",
                                   "all.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  const Config& c = *parsed;
  EXPECT_EQ(c.us_equity.min_bars_required, 60);
  EXPECT_EQ(c.us_equity.signal_timeframe, Timeframe::min5);
  EXPECT_EQ(c.us_equity.atr_periods, 14); // untouched keys keep their default
  EXPECT_EQ(c.crypto.fee_rate, 0.001);
  EXPECT_EQ(c.crypto.signal_timeframe, Timeframe::hour4);
  EXPECT_EQ(c.crypto.min_bars_required, 100);
  EXPECT_EQ(c.strategy.stop_atr_mult, 3.0);
  EXPECT_EQ(c.strategy.params.at("rsi").at("entry_level"), 65.0);
  EXPECT_EQ(c.strategy.params.at("bb").at("k"), 2.5);
  EXPECT_EQ(c.risk.max_open_positions, 5);
  EXPECT_FALSE(c.risk.close_on_daily_loss);
  EXPECT_EQ(c.scheduler.crypto_at_us_open, "close");
  EXPECT_EQ(c.scheduler.crypto_busy_start_hour_utc, 0);
  EXPECT_EQ(c.scanner.top, 8);
  EXPECT_EQ(c.manipulation.reversal_fraction, 0.6);
  EXPECT_EQ(c.alpaca.trading_url, "http://127.0.0.1:9000");
  EXPECT_EQ(c.alpaca.feed, "sip");
  EXPECT_TRUE(c.alpaca.live_confirmed);
  EXPECT_EQ(c.paths.log_dir, "/var/log/crew");
  EXPECT_EQ(c.backtest.initial_equity, 5000.0);
  EXPECT_EQ(c.alerts.webhook_url, "http://127.0.0.1:9001/hook");
  EXPECT_EQ(c.alerts.smtp_to, "a@example.com, b@example.com");
  EXPECT_FALSE(c.alerts.send_resolved);
  EXPECT_EQ(c.alerts.stall_seconds, 120);
  EXPECT_EQ(c.alerts.api_quota_fraction, 0.8);
}

TEST(ParseConfig, MailAlertsNeedSenderAndRecipients) {
  const auto error =
      error_of("[alerts]\nsmtp_url = \"smtp://127.0.0.1:25\"\nsmtp_to = \"a@b.c\"\n");
  EXPECT_EQ(error.where, "f.toml:2");
  EXPECT_EQ(error.what, "alerts.smtp_url needs alerts.smtp_from and alerts.smtp_to");
  EXPECT_EQ(error_of("[alerts]\nsmtp_from = \"Crew <c@b.c>\"\n").what,
            "alerts.smtp_from must be empty or one e-mail address (name@host)");
}

TEST(ParseConfig, RefusesAStallThresholdWithinOneTick) {
  auto error = error_of("[scheduler]\ntick_seconds = 60\n[alerts]\nstall_seconds = 60\n");
  EXPECT_EQ(error.where, "f.toml:4");
  EXPECT_EQ(error.what, "alerts.stall_seconds (60) must be more than scheduler.tick_seconds (60)");
  error = error_of("[scheduler]\ntick_seconds = 900\n");
  EXPECT_EQ(error.where, "f.toml:2") << "the default stall threshold (300 s) is within the tick";
  EXPECT_EQ(error.what,
            "alerts.stall_seconds (300) must be more than scheduler.tick_seconds (900)");
}

TEST(ParseConfig, RefusesAnSmtpPasswordAndPointsToTheEnvironment) {
  const auto error = error_of("[alerts]\nsmtp_password = \"hunter2\"\n");
  EXPECT_EQ(error.where, "f.toml:2");
  EXPECT_NE(error.what.find("CREW_SMTP_PASSWORD"), std::string::npos);
  EXPECT_EQ(error.message().find("hunter2"), std::string::npos);
}

TEST(ParseConfig, AcceptsDottedKeysAndInlineTables) {
  const auto parsed = parse_config("risk.max_drawdown = 0.2\n"
                                   "profiles = { crypto = { atr_periods = 10 } }\n",
                                   "f.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->risk.max_drawdown, 0.2);
  EXPECT_EQ(parsed->crypto.atr_periods, 10);
}

TEST(ParseConfig, UnknownKeyNamesTheKeyAndLine) {
  const auto error = error_of("[risk]\nmax_open_positions = 3\nmax_open_position = 4\n");
  EXPECT_EQ(error.where, "f.toml:3");
  EXPECT_NE(error.what.find("unknown key risk.max_open_position"), std::string::npos) << error.what;
}

TEST(ParseConfig, UnknownSectionNamesTheSectionAndLine) {
  const auto error = error_of("\n[profiles.forex]\nmin_bars_required = 10\n");
  EXPECT_EQ(error.where, "f.toml:2");
  EXPECT_NE(error.what.find("unknown section [profiles.forex]"), std::string::npos) << error.what;
  EXPECT_EQ(error_of("[riskk]\n").what.find("unknown section [riskk]"), 0U);
  EXPECT_EQ(error_of("debug = true\n").what.find("unknown key debug"), 0U);
}

TEST(ParseConfig, WrongTypeNamesTheKeyAndLine) {
  const auto error = error_of("[risk]\n\nmax_open_positions = \"three\"\n");
  EXPECT_EQ(error.where, "f.toml:3");
  EXPECT_EQ(error.what, "risk.max_open_positions: expected an integer, got a string");
  EXPECT_EQ(error_of("[risk]\nmax_open_positions = 3.0\n").what,
            "risk.max_open_positions: expected an integer, got a floating-point number");
  EXPECT_EQ(error_of("[risk]\nclose_on_daily_loss = 1\n").what,
            "risk.close_on_daily_loss: expected true or false, got an integer");
  EXPECT_EQ(error_of("risk = 3\n").what, "risk must be a table ([risk]), got an integer");
}

TEST(ParseConfig, IntegersAreAcceptedForNumbers) {
  const auto parsed = parse_config("[profiles.crypto]\nvolume_weight = 2\n", "f.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->crypto.volume_weight, 2.0);
}

TEST(ParseConfig, OutOfRangeValuesNameTheKeyAndLine) {
  auto error = error_of("[profiles.us_equity]\nrisk_per_trade = 0.2\n");
  EXPECT_EQ(error.where, "f.toml:2");
  EXPECT_EQ(error.what,
            "profiles.us_equity.risk_per_trade must be greater than 0 and at most 0.1, got 0.2");
  EXPECT_NE(error_of("[profiles.crypto]\nslippage_bps = -1\n").what.find("crypto.slippage_bps"),
            std::string::npos);
  EXPECT_NE(error_of("[risk]\nmax_drawdown = 0\n").what.find("risk.max_drawdown"),
            std::string::npos);
  EXPECT_EQ(error_of("[scheduler]\ncrypto_busy_end_hour_utc = 24\n").what,
            "scheduler.crypto_busy_end_hour_utc must be between 0 and 23, got 24");
  EXPECT_EQ(error_of("[scheduler]\ncrypto_at_us_open = \"sell\"\n").what,
            "scheduler.crypto_at_us_open must be \"hold\" or \"close\"");
  EXPECT_NE(error_of("[risk]\nmax_open_positions = 99999999999\n").what.find("between 1 and 1000"),
            std::string::npos);
  EXPECT_NE(error_of("[manipulation]\nspike_atr_multiple = nan\n").what.find("got nan"),
            std::string::npos);
  EXPECT_NE(error_of("[alpaca]\ndata_url = \"data.alpaca.markets\"\n").what.find("alpaca.data_url"),
            std::string::npos);
  EXPECT_NE(error_of("[paths]\nlog_dir = \"\"\n").what.find("paths.log_dir must not be empty"),
            std::string::npos);
}

TEST(ParseConfig, AlpacaUrlsCarryNoUserinfoQueryOrFragment) {
  for (const char* url : {"https://x@api.alpaca.markets", "https://x:y@paper-api.alpaca.markets",
                          "https://KEY:SECRET@127.0.0.1:8080", "https://paper-api.alpaca.markets?a",
                          "https://paper-api.alpaca.markets#a", "https://%zz.alpaca.markets",
                          "https://api.alpaca.markets:99999"}) {
    for (const char* key : {"trading_url", "data_url"}) {
      const auto error = error_of(std::string("[alpaca]\n") + key + " = \"" + url + "\"\n");
      EXPECT_EQ(error.where, "f.toml:2") << url;
      EXPECT_EQ(error.what.find(std::string("alpaca.") + key + " must"), 0U) << error.what;
      EXPECT_EQ(error.what.find("SECRET"), std::string::npos) << error.what;
    }
  }
  // Spellings of Alpaca's hosts are valid URLs; which account they reach is decided at start.
  for (const char* url : {"HTTPS://API.ALPACA.MARKETS", "https://%61pi.alpaca.markets",
                          "https://paper-api.alpaca.markets.:443/", "http://[::1]:8080"}) {
    auto config = parse_config(std::string("[alpaca]\ntrading_url = \"") + url + "\"\n", "f.toml");
    ASSERT_TRUE(config) << url << ": " << config.error().message();
    EXPECT_EQ(config->alpaca.trading_url, url);
  }
}

TEST(ParseConfig, UnparseableTimeframeNamesTheKey) {
  const auto error = error_of("[profiles.crypto]\nsignal_timeframe = \"2Hour\"\n");
  EXPECT_EQ(error.where, "f.toml:2");
  EXPECT_EQ(error.what.find("profiles.crypto.signal_timeframe: unknown timeframe"), 0U)
      << error.what;
}

TEST(ParseConfig, StrategyParamsMustBeKnownStrategiesWithNumbers) {
  EXPECT_EQ(error_of("[strategy.params.momentum]\nx = 1\n").where, "f.toml:1");
  EXPECT_EQ(error_of("[strategy.params.rsi]\nentry_level = \"60\"\n").what,
            "strategy.params.rsi.entry_level: expected a finite number, got a string");
  EXPECT_NE(error_of("[strategy.params.rsi]\na = 1\n[strategy.params.rsi_breakout]\nb = 2\n")
                .what.find("repeats strategy.params.rsi"),
            std::string::npos);
  const auto parsed = parse_config("[strategy.params.3ma]\nfast = 5\n", "f.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->strategy.params.at("3ma").at("fast"), 5.0);
}

TEST(ParseConfig, ReportsTheEarliestProblem) {
  const auto error = error_of("[scanner]\ntop = 0\n[risk]\nbogus = 1\n[profiles.crypto]\n"
                              "atr_periods = \"x\"\n");
  EXPECT_EQ(error.where, "f.toml:2");
}

TEST(ParseConfig, SyntaxErrorGivesFileAndLine) {
  const auto error = error_of("[risk]\nmax_open_positions = 3\nmax_drawdown = = 0.1\n");
  EXPECT_EQ(error.where, "f.toml:3");
  EXPECT_EQ(error.what.find("invalid TOML: "), 0U) << error.what;
}

TEST(ParseConfig, RefusesApiKeysWithoutEchoingThem) {
  const auto error = error_of("[alpaca]\nfeed = \"iex\"\nsecret_key = \"SUPERSECRETVALUE\"\n");
  EXPECT_EQ(error.where, "f.toml:3");
  EXPECT_NE(error.what.find("APCA_API_KEY_ID"), std::string::npos);
  EXPECT_NE(error.what.find("APCA_API_SECRET_KEY"), std::string::npos);
  EXPECT_EQ(error.message().find("SUPERSECRETVALUE"), std::string::npos);
  EXPECT_NE(error_of("APCA_API_KEY_ID = \"PK123\"\n").what.find("environment"), std::string::npos);
  EXPECT_NE(error_of("[alpaca]\napi_key = 5\n").what.find("environment"), std::string::npos);
}

TEST(LoadConfigFile, MissingFileIsAnError) {
  crew::test::TempDir dir;
  const auto loaded = load_config_file(dir / "absent.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().what, "configuration file not found");
  EXPECT_EQ(loaded.error().where, (dir / "absent.toml").string());
  EXPECT_FALSE(load_config_file(dir.path()).ok());
}

TEST(LoadConfigFile, ErrorsNameTheFilePath) {
  crew::test::TempDir dir;
  const auto path = dir.write("crew.toml", "[risk]\nmax_open_positions = -1\n");
  const auto loaded = load_config_file(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().where, path.string() + ":2");
}

TEST(ParseConfig, ReportsTheRefusalOfACheckAtTheKeysLine) {
  // The strategy registry checks [strategy.params.*] keys; the parser says where they stand.
  const SettingsCheck check = [](const Config& config) -> crew::core::Status {
    for (const auto& [name, values] : config.strategy.params) {
      for (const auto& [key, value] : values) {
        if (key != "period") {
          return crew::core::Error{"unknown parameter '" + key + "'",
                                   "strategy.params." + name + "." + key};
        }
      }
    }
    return {};
  };
  const auto refused =
      parse_config("[risk]\nmax_open_positions = 3\n[strategy.params.rsi_breakout]\nperiod = 10\n"
                   "perod = 3\n",
                   "f.toml", check);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().what, "strategy.params.rsi.perod: unknown parameter 'perod'");
  EXPECT_EQ(refused.error().where, "f.toml:5");
  const auto plain = parse_config("[strategy.params.3ma]\nfast = 5\n", "f.toml", check);
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().where, "f.toml:2");
  EXPECT_TRUE(parse_config("[strategy.params.rsi]\nperiod = 10\n", "f.toml", check));
  EXPECT_TRUE(parse_config("[strategy.params.rsi]\nperod = 10\n", "f.toml")); // no check given
  const auto nowhere = parse_config("", "f.toml", [](const Config&) -> crew::core::Status {
    return crew::core::Error{"always refused", "strategy.params.bb.k"};
  });
  ASSERT_FALSE(nowhere);
  EXPECT_EQ(nowhere.error().where, "f.toml");
}

TEST(ParseConfig, ReadsTheDashboardHostsAndRefusesMalformedOnes) {
  auto parsed =
      parse_config("[dashboard]\nallowed_hosts = \"Crew.Lan, proxy.example:8443\"\n", "t");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->dashboard.allowed_hosts, "Crew.Lan, proxy.example:8443");
  EXPECT_EQ(*parse_host_list(parsed->dashboard.allowed_hosts),
            (std::vector<std::string>{"crew.lan", "proxy.example:8443"}));
  EXPECT_EQ(*parse_host_list("[::1]:8080, 10.0.0.5"),
            (std::vector<std::string>{"[::1]:8080", "10.0.0.5"}));
  EXPECT_TRUE(parse_host_list("")->empty());
  for (const char* bad : {"crew lan", "http://crew.lan", "crew.lan:0", "crew.lan:70000",
                          "crew.lan:", "a,,b", "crew.lan/x", "[::1", "user@crew.lan"}) {
    const auto refused =
        parse_config(std::string("[dashboard]\nallowed_hosts = \"") + bad + "\"\n", "t");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().where, "t:2") << bad;
    EXPECT_NE(refused.error().what.find("dashboard.allowed_hosts"), std::string::npos) << bad;
  }
}

TEST(ParseConfig, ReadsTheUniverseListsAndRefusesASymbolOfAnotherMarket) {
  auto parsed = parse_config(
      "[universe]\nus_equity = \"AAPL, brk.b\"\ncrypto = \"BTC/USD,ETH/USD\"\nexclude = \"TSLA\"\n",
      "f.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  const auto equities =
      parse_symbol_list(parsed->universe.us_equity, crew::core::AssetClass::us_equity);
  ASSERT_TRUE(equities);
  ASSERT_EQ(equities->size(), 2U);
  EXPECT_EQ((*equities)[1].str(), "BRK.B");
  EXPECT_EQ(parsed->universe.exclude, "TSLA");

  // A key that parses but names the wrong market is an error naming the key and the line.
  const auto wrong = error_of("[universe]\nus_equity = \"AAPL, BTC/USD\"\n");
  EXPECT_EQ(wrong.where, "f.toml:2");
  EXPECT_NE(wrong.what.find("universe.us_equity must be empty or comma-separated US_EQUITY"),
            std::string::npos)
      << wrong.what;
  EXPECT_EQ(error_of("[universe]\ncrypto = \"BTC/USD,,ETH/USD\"\n").where, "f.toml:2");
  EXPECT_EQ(error_of("[universe]\nexclude = \"EUR/USD\"\n").where, "f.toml:2");
  EXPECT_EQ(error_of("[universe]\ncrypto = \"BTC/USD\\u0001\"\n").where, "f.toml:2");
}
