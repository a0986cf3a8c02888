#pragma once
// Config: every setting of tradingcrew, with the defaults of design.md. Loaded from TOML
// (config/crew.example.toml documents each key); secrets (Alpaca keys) are never in here — they
// come from the environment only. Modules receive the section they need, never the file.
// A new field needs its line in config/config_schema.hpp (key, type, range) and in
// config/crew.example.toml (the tests check that the example and the schema name the same keys).
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "core/symbol.hpp"
#include "core/timeframe.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crew::config {

// [profiles.us_equity] / [profiles.crypto]: how strategies adapt to an asset class (section 5).
struct AssetProfile {
  int min_bars_required = 50;
  double volume_weight = 1.0;
  double volatility_multiplier = 1.0;
  int atr_periods = 14;
  double risk_per_trade = 0.01;
  core::Timeframe signal_timeframe = core::Timeframe::min15;
  double slippage_bps = 2.0;
  double fee_rate = 0.0; // per side, on notional
  // A crypto position's protective stop is a stop-limit (Alpaca takes no crypto stop orders): its
  // limit sits this fraction below the stop. US equities' stops are plain stop orders.
  double stop_limit_offset = 0.02;

  bool operator==(const AssetProfile&) const = default;
};

// [strategy]: shared strategy parameters and per-strategy overrides.
struct StrategyConfig {
  double stop_atr_mult = 2.0;
  double max_position_fraction = 1.0 / 3.0;
  // [strategy.params.<name>] key → value overrides, e.g. params["rsi"]["entry_level"] = 60.
  std::map<std::string, std::map<std::string, double>> params;

  bool operator==(const StrategyConfig&) const = default;
};

// [risk] (section 7).
struct RiskConfig {
  int max_open_positions = 3;
  int max_entries_per_day = 12;
  double daily_loss_limit_us_equity = 0.05;
  double daily_loss_limit_crypto = 0.07;
  bool close_on_daily_loss = true;
  double max_drawdown = 0.10;
  double pdt_equity_threshold = 25000.0;
  int pdt_max_day_trades = 3;
  double crypto_min_notional = 10.0;

  bool operator==(const RiskConfig&) const = default;
};

// [scheduler] (section 8).
struct SchedulerConfig {
  int tick_seconds = 60;
  int us_equity_scan_minutes = 5;
  int crypto_busy_scan_minutes = 15;
  int crypto_quiet_scan_minutes = 30;
  int crypto_busy_start_hour_utc = 12; // busy window [start, end) wraps midnight
  int crypto_busy_end_hour_utc = 4;
  int close_before_us_close_minutes = 5;
  std::string crypto_at_us_open = "hold"; // hold | close
  int backups_to_keep = 10;

  bool operator==(const SchedulerConfig&) const = default;
};

// [scanner] and [manipulation]: scan universe and the pump-and-dump / wash-trading filter.
struct ScannerConfig {
  int top = 5;
  double crypto_min_notional_volume_24h = 10'000'000.0;
  int crypto_max_symbols = 20;
  int batch_size = 100;     // symbols per bar request
  bool trade_forex = false; // FOREX competes with CRYPTO in the rotation only when true

  bool operator==(const ScannerConfig&) const = default;
};
// [universe]: what the loop, `crew scan` and `crew universe` trade, as comma-separated symbols.
// A market's list, when not empty, replaces its universe (the S&P 100 or Alpaca's USD pairs by
// volume; in --sim over stored history, what the store holds); `exclude` is never traded.
struct UniverseConfig {
  std::string us_equity;
  std::string crypto;
  std::string exclude;

  bool operator==(const UniverseConfig&) const = default;
};
// The symbols of such a list, each classified and, with `market`, required to be of it; an error
// names the entry.
core::Result<std::vector<core::Symbol>>
parse_symbol_list(std::string_view text, std::optional<core::AssetClass> market = std::nullopt);

struct ManipulationConfig {
  int lookback_bars = 48;          // a flag this many bars old or newer excludes the symbol
  int baseline_bars = 96;          // window of the median volume and the baseline mean true range
  int spike_window_bars = 8;       // the run-up: rise measured from the lowest low of these bars
  double spike_atr_multiple = 4.0; // rise ≥ this many baseline true ranges …
  double spike_min_rise = 0.10;    // … and ≥ this fraction of the run-up's low
  double spike_volume_multiple = 8.0;
  int reversal_window_bars = 16;  // the reversal must come within this many bars of the spike
  double reversal_fraction = 0.4; // close gives back this fraction of the rise from the peak
  double wash_volume_multiple = 10.0;
  double wash_max_range_atr = 0.25;

  bool operator==(const ManipulationConfig&) const = default;
};

// [alpaca]: endpoints and data feed. Keys come from APCA_API_KEY_ID / APCA_API_SECRET_KEY.
struct AlpacaConfig {
  std::string trading_url = "https://paper-api.alpaca.markets";
  std::string data_url = "https://data.alpaca.markets";
  std::string feed = "iex";
  std::string adjustment = "raw";
  int requests_per_minute = 200;
  int timeout_ms = 10'000;
  int max_retries = 4;
  // An order whose POST got no usable answer and that the broker does not know yet is looked up
  // every tick; it is settled as never placed only after this long with the broker not knowing it.
  int unanswered_order_grace_seconds = 600;
  // A failed step of `crew autonomous`'s start-up (the venue's clock, the assets) is tried again,
  // with growing pauses, for at most this long before the start-up fails.
  int startup_retry_seconds = 120;
  bool live_confirmed = false; // [alpaca] live_trading_confirmed = true, required by --live

  bool operator==(const AlpacaConfig&) const = default;
};

// [paths]: relative paths are under the home directory.
struct PathsConfig {
  std::string data_dir = "data";
  std::string state_dir = "state";
  std::string log_dir = "logs";
  std::string report_dir = "reports";
  std::string backup_dir = "backups";
  int log_keep_days = 90; // daily log files older than this are deleted; 0 keeps them all

  bool operator==(const PathsConfig&) const = default;
};

// [backtest]
struct BacktestConfig {
  double initial_equity = 100'000.0;

  bool operator==(const BacktestConfig&) const = default;
};

// [alerts] (issue 7): the thresholds of the alert rules and where alerts go. An empty URL turns
// its sink off. The SMTP password never comes from here: only from CREW_SMTP_PASSWORD.
struct AlertsConfig {
  std::string webhook_url; // Slack or Discord incoming webhook (http:// or https://)
  std::string smtp_url;    // smtp://host:587 (STARTTLS when offered) or smtps://host:465
  std::string smtp_from;   // one address
  std::string smtp_to;     // comma-separated addresses
  std::string smtp_user;   // empty: no SMTP login
  bool send_resolved = true;
  double error_rate = 0.25;        // failed requests / requests over the window
  int error_window_seconds = 900;  // the error-rate window
  int error_min_requests = 10;     // fewer requests in the window never alert
  double api_quota_fraction = 0.8; // API calls in the last minute / requests_per_minute
  double drawdown = 0.05;          // from the high-water mark; the halt itself is [risk]
  int stall_seconds = 300;         // no loop tick for this long
  int resolve_after_seconds = 300; // a condition must stay clear this long to end its episode

  bool operator==(const AlertsConfig&) const = default;
};

// [dashboard]: the names the dashboard answers to besides its listening address (and, on
// loopback, localhost, 127.0.0.1 and [::1]): a request whose Host names anything else is refused,
// so that a page whose name resolves to this machine (DNS rebinding) cannot use it. Its token is
// a secret and never here (<home>/dashboard.token, CREW_DASHBOARD_TOKEN or --token-file).
struct DashboardConfig {
  std::string allowed_hosts; // comma-separated HOST or HOST:PORT, e.g. "crew.lan, crew.lan:8443"

  bool operator==(const DashboardConfig&) const = default;
};

// The entries of an allowed_hosts list, trimmed and in lower case; an error names a malformed
// entry (not a DNS name, IPv4 address or [IPv6] address with an optional :PORT).
core::Result<std::vector<std::string>> parse_host_list(std::string_view text);

struct Config {
  AssetProfile us_equity;
  AssetProfile crypto;
  StrategyConfig strategy;
  RiskConfig risk;
  SchedulerConfig scheduler;
  ScannerConfig scanner;
  UniverseConfig universe;
  ManipulationConfig manipulation;
  AlpacaConfig alpaca;
  PathsConfig paths;
  BacktestConfig backtest;
  AlertsConfig alerts;
  DashboardConfig dashboard;

  const AssetProfile& profile(core::AssetClass asset_class) const;
  // Where the configuration came from ("built-in defaults" or a file path), for messages.
  std::string source = "built-in defaults";

  // Equal settings and source; compare after aligning `source` to compare settings only.
  bool operator==(const Config&) const = default;
};

// The defaults of design.md (US_EQUITY and CRYPTO profiles differ).
Config default_config();

// A check of parsed settings that only a module above this one can make (the strategies know
// their [strategy.params.<name>] keys): an Error whose `where` is the dotted key it refuses, such
// as "strategy.params.rsi.period".
using SettingsCheck = std::function<core::Status(const Config&)>;

// Parses TOML text; unknown keys, wrong types and out-of-range values are errors naming the key
// and the line (`where` = "<origin>:<line>"), and so are the refusals of `check` when given.
core::Result<Config> parse_config(std::string_view toml_text, const std::string& origin,
                                  const SettingsCheck& check = {});
core::Result<Config> load_config_file(const std::filesystem::path& path,
                                      const SettingsCheck& check = {});

// Every file the program writes, under one home directory.
struct Paths {
  std::filesystem::path home;
  std::filesystem::path data_dir;  // bar store lives here
  std::filesystem::path bar_store; // <data_dir>/bars.db: real bars (imported, downloaded)
  // <data_dir>/synthetic.db: generated bars (--sim's synthetic markets, `crew data synth`), kept
  // apart so that nothing invented is ever read as history unless asked for.
  std::filesystem::path synthetic_store;
  std::filesystem::path state_dir;
  std::filesystem::path state_db; // <state_dir>/state.db
  std::filesystem::path backup_dir;
  std::filesystem::path log_dir;
  std::filesystem::path report_dir;

  bool operator==(const Paths&) const = default;
};

// Relative entries of [paths] are taken under `home`; absolute ones are kept as they are.
Paths resolve_paths(const std::filesystem::path& home, const PathsConfig& paths);

// The configuration as TOML that parse_config() reads back to an equal Config (for `crew config`).
std::string to_toml(const Config& config);
// The same settings as a JSON object (sections as nested objects).
std::string to_json(const Config& config);

// True for an absolute http:// or https:// URL that core::parse_http_url accepts (the alert
// webhook; the Alpaca URLs are held to core::base_url_problem, which refuses userinfo too).
bool is_http_url(std::string_view text);

} // namespace crew::config
