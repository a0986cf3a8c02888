#include "dashboard/web_assets.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace crew::dashboard;

TEST(WebAssets, RootServesThePage) {
  const auto page = find_web_asset("/");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->path, "/index.html");
  EXPECT_NE(std::string(page->content_type).find("text/html"), std::string::npos);
  EXPECT_NE(page->content.find("id=\"stop-button\""), std::string::npos);
  EXPECT_NE(page->content.find("/app.js%TOKEN_QUERY%"), std::string::npos);
}

TEST(WebAssets, ScriptAndStyleAreServedWithTheirTypes) {
  const auto script = find_web_asset("/app.js");
  ASSERT_TRUE(script.has_value());
  EXPECT_NE(std::string(script->content_type).find("javascript"), std::string::npos);
  EXPECT_NE(script->content.find("/api/stop"), std::string::npos);
  // The token comes from the address's fragment, never from the server.
  EXPECT_NE(script->content.find("location.hash"), std::string::npos);
  const auto style = find_web_asset("/style.css");
  ASSERT_TRUE(style.has_value());
  EXPECT_NE(std::string(style->content_type).find("text/css"), std::string::npos);
}

TEST(WebAssets, UnknownPathHasNoAsset) {
  EXPECT_FALSE(find_web_asset("/secret.db").has_value());
  EXPECT_FALSE(find_web_asset("/vendor/lightweight-charts.js").has_value());
}
