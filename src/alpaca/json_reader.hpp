#pragma once
// The pieces every Alpaca JSON decoder shares: parsing in nlohmann::json's non-throwing style and
// a Where that names the endpoint and JSON path of a bad field, so a garbled response becomes
// one Error line. Internal to src/alpaca (json_mapping.cpp, trading_json.cpp).
#include "core/result.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace crew::alpaca::json_reader {

struct Where {
  std::string_view endpoint;
  std::string path;
  Where at(std::string_view key) const { return {endpoint, path + "." + std::string(key)}; }
  Where index(std::size_t i) const { return {endpoint, path + "[" + std::to_string(i) + "]"}; }
  core::Error error(const std::string& what) const {
    return {what, std::string(endpoint) + " " + (path.empty() ? "body" : path)};
  }
};

inline core::Result<nlohmann::json> parse_json(std::string_view body, std::string_view endpoint) {
  nlohmann::json doc = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (doc.is_discarded()) {
    return core::Error{"malformed JSON", std::string(endpoint)};
  }
  return doc;
}

// The field `key` of `object`, or nullptr when it is absent or null.
inline const nlohmann::json* find(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

} // namespace crew::alpaca::json_reader
