// Prints a Config as TOML or JSON by visiting the schema, so the output names exactly the keys
// that parse_config() reads back. JSON goes through a toml++ table and its JSON printer.
#include "config/config.hpp"
#include "config/config_schema.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <sstream>

namespace crew::config {
namespace {

// TOML text in the schema's order, numbers in their shortest exact form (0.0025, not
// 0.0025000000000000001 as toml++'s printer writes them).
class TomlWriter {
public:
  void section(std::string_view path) {
    m_out += (m_out.empty() ? "[" : "\n[") + std::string(path) + "]\n";
    m_section = std::string(path);
  }
  void integer(std::string_view key, int value, const schema::Limits& /*limits*/) {
    line(key, fmt::format("{}", value));
  }
  void number(std::string_view key, double value, const schema::Limits& /*limits*/) {
    line(key, format_number(value));
  }
  void boolean(std::string_view key, bool value) { line(key, value ? "true" : "false"); }
  void timeframe(std::string_view key, core::Timeframe value) {
    line(key, quote(core::to_string(value)));
  }
  void text(std::string_view key, const std::string& value, schema::TextCheck /*check*/) {
    line(key, quote(value));
  }
  void strategy_params(std::string_view key,
                       const std::map<std::string, std::map<std::string, double>>& params) {
    for (const auto& [name, values] : params) {
      m_out += "\n[" + m_section + "." + std::string(key) + "." + toml_key(name) + "]\n";
      for (const auto& [param, value] : values) {
        line(param, format_number(value));
      }
    }
  }

  const std::string& text() const { return m_out; }

private:
  static std::string format_number(double value) {
    auto text = fmt::format("{}", value);
    if (text.find_first_of(".eEn") == std::string::npos) {
      text += ".0"; // stays a float in TOML
    }
    return text;
  }
  static std::string quote(std::string_view value) {
    std::string out = "\"";
    for (const char c : value) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') {
        out += fmt::format("\\u{:04X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
      } else {
        out += c;
      }
    }
    return out + "\"";
  }
  static std::string toml_key(std::string_view key) {
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
    });
    return bare ? std::string(key) : quote(key);
  }
  void line(std::string_view key, const std::string& value) {
    m_out += toml_key(key) + " = " + value + "\n";
  }

  std::string m_out;
  std::string m_section;
};

// Builds the toml++ table that the JSON printer needs.
class TableWriter {
public:
  void section(std::string_view path) {
    m_table = &m_root;
    std::size_t start = 0;
    while (start <= path.size()) {
      const auto dot = std::min(path.find('.', start), path.size());
      const auto part = path.substr(start, dot - start);
      m_table = m_table->emplace<toml::table>(part).first->second.as_table();
      start = dot + 1;
    }
  }
  void integer(std::string_view key, int value, const schema::Limits& /*limits*/) {
    m_table->insert_or_assign(key, static_cast<std::int64_t>(value));
  }
  void number(std::string_view key, double value, const schema::Limits& /*limits*/) {
    m_table->insert_or_assign(key, value);
  }
  void boolean(std::string_view key, bool value) { m_table->insert_or_assign(key, value); }
  void timeframe(std::string_view key, core::Timeframe value) {
    m_table->insert_or_assign(key, std::string(core::to_string(value)));
  }
  void text(std::string_view key, const std::string& value, schema::TextCheck /*check*/) {
    m_table->insert_or_assign(key, value);
  }
  void strategy_params(std::string_view key,
                       const std::map<std::string, std::map<std::string, double>>& params) {
    if (params.empty()) {
      return;
    }
    auto* all = m_table->emplace<toml::table>(key).first->second.as_table();
    for (const auto& [name, values] : params) {
      auto* strategy = all->emplace<toml::table>(name).first->second.as_table();
      for (const auto& [param, value] : values) {
        strategy->insert_or_assign(param, value);
      }
    }
  }

  const toml::table& root() const { return m_root; }

private:
  toml::table m_root;
  toml::table* m_table = &m_root;
};

toml::table to_table(const Config& config) {
  TableWriter writer;
  schema::visit_config(writer, config);
  return writer.root();
}

} // namespace

std::string to_toml(const Config& config) {
  TomlWriter writer;
  schema::visit_config(writer, config);
  return writer.text();
}

std::string to_json(const Config& config) {
  std::ostringstream out;
  out << toml::json_formatter{to_table(config)} << '\n';
  return out.str();
}

} // namespace crew::config
