#pragma once
// The dashboard page's own files (src/dashboard/web/), compiled into the program so that `crew`
// serves them from anywhere. Third-party scripts are not here: they are served from the vendor
// directory that scripts/install-deps.sh fills.
#include <optional>
#include <string_view>

namespace crew::dashboard {

struct WebAsset {
  std::string_view path; // "/index.html"
  std::string_view content;
  std::string_view content_type;
};

// The file served at request path `path` ("/" is /index.html), if any.
std::optional<WebAsset> find_web_asset(std::string_view path);

} // namespace crew::dashboard
