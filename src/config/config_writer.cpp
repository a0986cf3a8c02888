// Prints a Config as TOML or JSON by visiting the schema, so the output names exactly the keys
// that parse_config() reads back.
#include "config/config.hpp"
#include "config/config_schema.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <sstream>

namespace crew::config {
namespace {

class ConfigWriter {
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
  ConfigWriter writer;
  schema::visit_config(writer, config);
  return writer.root();
}

} // namespace

std::string to_toml(const Config& config) {
  std::ostringstream out;
  out << to_table(config) << '\n';
  return out.str();
}

std::string to_json(const Config& config) {
  std::ostringstream out;
  out << toml::json_formatter{to_table(config)} << '\n';
  return out.str();
}

} // namespace crew::config
