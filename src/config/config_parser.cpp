// Reads a TOML configuration into Config by visiting the schema (config_schema.hpp). Rules:
// - A key missing from the file keeps its default; a present key must have the schema's type
//   (integers are accepted where a number is expected, never the reverse) and lie in its range.
// - Any key or section the schema does not know is an error, so a misspelt key cannot silently
//   leave a default in force.
// - Secrets are refused: keys named like API keys, secrets, passwords or tokens are errors that
//   point to APCA_API_KEY_ID / APCA_API_SECRET_KEY, and their values are never echoed.
// - Checks across keys: [alerts] smtp_url needs smtp_from and smtp_to; [alerts] stall_seconds
//   must exceed [scheduler] tick_seconds.
// - Of several problems, the one on the earliest line is reported, as "<origin>:<line>".
#include "config/config.hpp"
#include "config/config_schema.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>

namespace crew::config {
namespace {

using schema::Limits;

std::string type_name(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::table:
    return "a table";
  case toml::node_type::array:
    return "an array";
  case toml::node_type::string:
    return "a string";
  case toml::node_type::integer:
    return "an integer";
  case toml::node_type::floating_point:
    return "a floating-point number";
  case toml::node_type::boolean:
    return "a boolean";
  case toml::node_type::date:
  case toml::node_type::time:
  case toml::node_type::date_time:
    return "a date or time";
  case toml::node_type::none:
    break;
  }
  return "nothing";
}

// Keys that would hold a credential. Alpaca keys belong in the environment only.
bool looks_like_secret(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string_view word : {"key_id", "keyid", "secret", "api_key", "apikey", "password",
                                      "passphrase", "token", "credential"}) {
    if (lower.find(word) != std::string::npos) {
      return true;
    }
  }
  return lower == "key";
}

std::string describe_limits(const Limits& limits) {
  if (limits.min_open) {
    return fmt::format("greater than {} and at most {}", limits.min, limits.max);
  }
  return fmt::format("between {} and {}", limits.min, limits.max);
}

bool within(double value, const Limits& limits) {
  const bool above_min = limits.min_open ? value > limits.min : value >= limits.min;
  return above_min && value <= limits.max; // false for NaN
}

// The visitor that reads and validates. Errors are collected; the earliest line wins.
class ConfigReader {
public:
  ConfigReader(const toml::table& root, std::string origin)
      : m_root(root), m_origin(std::move(origin)) {}

  void section(std::string_view path) {
    m_section = std::string(path);
    m_table = nullptr;
    std::string prefix;
    const toml::table* table = &m_root;
    std::size_t start = 0;
    while (table != nullptr && start <= path.size()) {
      const auto dot = std::min(path.find('.', start), path.size());
      const auto part = path.substr(start, dot - start);
      prefix += (prefix.empty() ? "" : ".") + std::string(part);
      m_known_tables.insert(prefix);
      const toml::node* node = table->get(part);
      if (node == nullptr) {
        return;
      }
      if (!node->is_table()) {
        fail(node->source(),
             prefix + " must be a table ([" + prefix + "]), got " + type_name(*node));
        return;
      }
      table = node->as_table();
      start = dot + 1;
    }
    m_table = table;
  }

  void integer(std::string_view key, int& value, const Limits& limits) {
    const toml::node* node = find(key);
    if (node == nullptr) {
      return;
    }
    if (!node->is_integer()) {
      return wrong_type(key, *node, "an integer");
    }
    const auto raw = node->as_integer()->get();
    if (!within(static_cast<double>(raw), limits)) {
      return fail(node->source(), fmt::format("{} must be {}, got {}", full_key(key),
                                              describe_limits(limits), raw));
    }
    value = static_cast<int>(raw);
  }

  void number(std::string_view key, double& value, const Limits& limits) {
    const toml::node* node = find(key);
    if (node == nullptr) {
      return;
    }
    double raw = 0;
    if (node->is_integer()) {
      raw = static_cast<double>(node->as_integer()->get());
    } else if (node->is_floating_point()) {
      raw = node->as_floating_point()->get();
    } else {
      return wrong_type(key, *node, "a number");
    }
    if (!within(raw, limits)) {
      return fail(node->source(), fmt::format("{} must be {}, got {}", full_key(key),
                                              describe_limits(limits), raw));
    }
    value = raw;
  }

  void boolean(std::string_view key, bool& value) {
    const toml::node* node = find(key);
    if (node == nullptr) {
      return;
    }
    if (!node->is_boolean()) {
      return wrong_type(key, *node, "true or false");
    }
    value = node->as_boolean()->get();
  }

  void timeframe(std::string_view key, core::Timeframe& value) {
    const toml::node* node = find(key);
    if (node == nullptr) {
      return;
    }
    if (!node->is_string()) {
      return wrong_type(key, *node, "a timeframe string such as \"15Min\"");
    }
    const auto parsed = core::parse_timeframe(node->as_string()->get());
    if (!parsed) {
      return fail(node->source(), full_key(key) + ": " + parsed.error().what);
    }
    value = *parsed;
  }

  void text(std::string_view key, std::string& value, schema::TextCheck check) {
    const toml::node* node = find(key);
    if (node == nullptr) {
      return;
    }
    if (!node->is_string()) {
      return wrong_type(key, *node, "a string");
    }
    const std::string& raw = node->as_string()->get();
    if (const char* complaint = check(raw)) {
      return fail(node->source(), full_key(key) + " " + complaint);
    }
    value = raw;
  }

  // [strategy.params.<name>]: per-strategy tables of numbers, filed under the short name.
  void strategy_params(std::string_view key,
                       std::map<std::string, std::map<std::string, double>>& params) {
    const toml::node* node = find(key);
    m_opaque_tables.insert(full_key(key));
    if (node == nullptr) {
      return;
    }
    if (!node->is_table()) {
      return wrong_type(key, *node, "a table of [" + full_key(key) + ".<strategy>] tables");
    }
    std::map<std::string, std::string> spelled; // short name → name used in the file
    for (const auto& [name_key, strategy_node] : *node->as_table()) {
      const std::string name(name_key.str());
      const std::string strategy_key = full_key(key) + "." + name;
      const auto canonical = std::string(schema::canonical_strategy_name(name));
      if (canonical.empty()) {
        fail(name_key.source(), "unknown strategy " + strategy_key +
                                    " (expected 3ma, rsi, macd, bb or their long names)");
        continue;
      }
      if (const auto it = spelled.find(canonical); it != spelled.end()) {
        fail(name_key.source(), strategy_key + " repeats " + full_key(key) + "." + it->second);
        continue;
      }
      spelled[canonical] = name;
      if (!strategy_node.is_table()) {
        fail(strategy_node.source(),
             strategy_key + ": expected a table of numbers, got " + type_name(strategy_node));
        continue;
      }
      auto& values = params[canonical];
      for (const auto& [param_key, value_node] : *strategy_node.as_table()) {
        const std::string param_full = strategy_key + "." + std::string(param_key.str());
        if (value_node.is_integer()) {
          values[std::string(param_key.str())] =
              static_cast<double>(value_node.as_integer()->get());
        } else if (value_node.is_floating_point() &&
                   std::isfinite(value_node.as_floating_point()->get())) {
          values[std::string(param_key.str())] = value_node.as_floating_point()->get();
        } else {
          fail(value_node.source(),
               param_full + ": expected a finite number, got " + type_name(value_node));
        }
      }
    }
  }

  // After the visit: everything in the file that the schema did not ask for is an error.
  void reject_unknown() { walk(m_root, ""); }

  const std::optional<core::Error>& error() const { return m_error; }

private:
  std::string full_key(std::string_view key) const {
    return m_section.empty() ? std::string(key) : m_section + "." + std::string(key);
  }

  const toml::node* find(std::string_view key) {
    m_known_keys.insert(full_key(key));
    return m_table == nullptr ? nullptr : m_table->get(key);
  }

  void wrong_type(std::string_view key, const toml::node& node, const std::string& expected) {
    fail(node.source(), full_key(key) + ": expected " + expected + ", got " + type_name(node));
  }

  void fail(const toml::source_region& region, std::string what) {
    const auto line = region.begin.line;
    if (m_error && line >= m_error_line) {
      return;
    }
    m_error_line = line;
    m_error = core::Error{std::move(what), m_origin + ":" + std::to_string(line)};
  }

  void walk(const toml::table& table, const std::string& prefix) {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      const std::string full = prefix.empty() ? name : prefix + "." + name;
      if (looks_like_secret(name)) {
        fail(key.source(), full + ": API keys do not belong in a configuration file; set "
                                  "APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment "
                                  "(the SMTP password: CREW_SMTP_PASSWORD)");
      } else if (m_known_keys.count(full) != 0 || m_opaque_tables.count(full) != 0) {
        continue;
      } else if (m_known_tables.count(full) != 0) {
        if (node.is_table()) {
          walk(*node.as_table(), full);
        }
      } else if (node.is_table()) {
        fail(key.source(), "unknown section [" + full + "]; see config/crew.example.toml");
      } else {
        fail(key.source(), "unknown key " + full + "; see config/crew.example.toml");
      }
    }
  }

  const toml::table& m_root;
  std::string m_origin;
  std::string m_section;
  const toml::table* m_table = nullptr;
  std::set<std::string> m_known_tables;
  std::set<std::string> m_known_keys;
  std::set<std::string> m_opaque_tables;
  std::optional<core::Error> m_error;
  toml::source_index m_error_line = 0;
};

// The node of a [strategy.params.<name>] key named by its canonical strategy name
// ("strategy.params.rsi.period"), whichever name or alias the file filed it under.
const toml::node* strategy_param_node(const toml::table& root, std::string_view key) {
  constexpr std::string_view k_prefix = "strategy.params.";
  if (!key.starts_with(k_prefix)) {
    return nullptr;
  }
  const auto rest = key.substr(k_prefix.size());
  const auto dot = rest.find('.');
  const auto* sections = root.at_path("strategy.params").as_table();
  if (dot == std::string_view::npos || sections == nullptr) {
    return nullptr;
  }
  for (const auto& [name, section] : *sections) {
    if (schema::canonical_strategy_name(name.str()) == rest.substr(0, dot) && section.is_table()) {
      if (const auto* node = section.as_table()->get(rest.substr(dot + 1)); node != nullptr) {
        return node;
      }
    }
  }
  return nullptr;
}

} // namespace

core::Result<Config> parse_config(std::string_view toml_text, const std::string& origin,
                                  const SettingsCheck& check) {
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    return core::Error{"invalid TOML: " + std::string(e.description()),
                       origin + ":" + std::to_string(e.source().begin.line)};
  }
  Config config = default_config();
  ConfigReader reader(root, origin);
  schema::visit_config(reader, config);
  reader.reject_unknown();
  if (reader.error()) {
    return *reader.error();
  }
  // Where a key stands ("<origin>:<line>"), or the origin when the key is left to its default.
  const auto place = [&](std::string_view key) {
    const auto* node = root.at_path(key).node();
    if (node == nullptr) {
      node = strategy_param_node(root, key);
    }
    return node == nullptr ? origin : origin + ":" + std::to_string(node->source().begin.line);
  };
  // E-mail needs both ends; say so now rather than at the first alert.
  if (!config.alerts.smtp_url.empty() &&
      (config.alerts.smtp_from.empty() || config.alerts.smtp_to.empty())) {
    return core::Error{"alerts.smtp_url needs alerts.smtp_from and alerts.smtp_to",
                       place("alerts.smtp_url")};
  }
  // The loop beats once a tick: a stall threshold within one tick would alert every tick.
  if (config.alerts.stall_seconds <= config.scheduler.tick_seconds) {
    return core::Error{fmt::format("alerts.stall_seconds ({}) must be more than "
                                   "scheduler.tick_seconds ({})",
                                   config.alerts.stall_seconds, config.scheduler.tick_seconds),
                       place(root.at_path("alerts.stall_seconds") ? "alerts.stall_seconds"
                                                                  : "scheduler.tick_seconds")};
  }
  if (check) {
    if (auto checked = check(config); !checked) {
      const auto& error = checked.error();
      return core::Error{error.where.empty() ? error.what : error.where + ": " + error.what,
                         place(error.where)};
    }
  }
  config.source = origin;
  return config;
}

core::Result<Config> load_config_file(const std::filesystem::path& path,
                                      const SettingsCheck& check) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::Error{std::filesystem::exists(path, ec) ? "configuration path is not a file"
                                                         : "configuration file not found",
                       path.string()};
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    return core::Error{"cannot read the configuration file", path.string()};
  }
  return parse_config(text.str(), path.string(), check);
}

} // namespace crew::config
