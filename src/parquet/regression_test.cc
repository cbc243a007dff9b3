// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Replays every input the Parquet fuzz target found a bug with (tests/regressions/parquet):
// each must now give its pinned outcome, and no rule of FuzzOne may be violated.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "parquet/testing/fuzz_check_test_util.h"

namespace quiver::parquet {
namespace {

// File name -> the outcome of FuzzOne (the whole read's status).
const std::map<std::string, std::string> kExpected = {
    // A group whose declared children run past the schema once earlier siblings' subtrees
    // are counted: read out of bounds before the fix.
    {"schema_children_past_end.parquet", "expected 5 children for 'schema' but the schema ends after 3"},
};

TEST(ParquetRegressionTest, FuzzFindingsGiveTheirPinnedOutcome) {
  const std::filesystem::path dir = std::filesystem::path(QUIVER_SOURCE_DIR) / "tests" / "regressions" / "parquet";
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    std::ifstream in(entry.path(), std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const Status s = testing::FuzzOne(bytes);
    auto it = kExpected.find(name);
    ASSERT_NE(it, kExpected.end()) << name << " has no pinned outcome; it gives: " << s.ToString();
    EXPECT_EQ(s.ToString(), it->second) << name;
    ++seen;
  }
  EXPECT_EQ(seen, static_cast<int>(kExpected.size())) << "a pinned regression file is missing";
}

}  // namespace
}  // namespace quiver::parquet
