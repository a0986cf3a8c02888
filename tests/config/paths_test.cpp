#include "config/config.hpp"

#include <gtest/gtest.h>

using namespace crew::config;

TEST(ResolvePaths, PutsRelativeEntriesUnderTheHome) {
  const auto paths = resolve_paths("/srv/crew", PathsConfig{});
  EXPECT_EQ(paths.home, "/srv/crew");
  EXPECT_EQ(paths.data_dir, "/srv/crew/data");
  EXPECT_EQ(paths.bar_store, "/srv/crew/data/bars.db");
  EXPECT_EQ(paths.state_dir, "/srv/crew/state");
  EXPECT_EQ(paths.state_db, "/srv/crew/state/state.db");
  EXPECT_EQ(paths.backup_dir, "/srv/crew/backups");
  EXPECT_EQ(paths.log_dir, "/srv/crew/logs");
  EXPECT_EQ(paths.report_dir, "/srv/crew/reports");
}

TEST(ResolvePaths, KeepsAbsoluteEntriesAndNormalises) {
  PathsConfig config;
  config.log_dir = "/var/log/crew";
  config.data_dir = "./cache/../bars";
  const auto paths = resolve_paths("/srv/crew", config);
  EXPECT_EQ(paths.log_dir, "/var/log/crew");
  EXPECT_EQ(paths.data_dir, "/srv/crew/bars");
  EXPECT_EQ(paths.bar_store, "/srv/crew/bars/bars.db");
}
