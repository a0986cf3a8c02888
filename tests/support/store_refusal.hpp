#pragma once
// The check both stores' identity tests make of a file they must refuse: the open failed as bad
// input naming the file and `what`, and the file is byte for byte as it was (`before`), with no
// WAL beside it.
#include "core/result.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace crew::test {

template <typename Opened>
void expect_refused_unchanged(const Opened& opened, const std::filesystem::path& file,
                              const std::string& what, const std::string& before) {
  ASSERT_FALSE(opened.ok()) << "opened " << file;
  EXPECT_TRUE(opened.error().bad_input);
  EXPECT_EQ(opened.error().where, file.string());
  EXPECT_NE(opened.error().what.find(what), std::string::npos) << opened.error().what;
  EXPECT_EQ(read_file(file), before) << "the refused file was written to";
  EXPECT_FALSE(std::filesystem::exists(file.string() + "-wal"));
}

} // namespace crew::test
