// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Replays the inputs a fuzz target found bugs with (tests/regressions/<dir>/, one file per
// finding): every file must have a pinned outcome and give it now, and every pinned file
// must exist. Used by each module's fuzz regression test; runs natively, under ASan and in
// WASM (NODERAWFS). Header-only, test code.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <system_error>
#include <vector>

namespace quiver::testing {

/// `run` gives an input's outcome as a string; `expected` maps file names to outcomes.
inline void ReplayRegressions(const std::string& dir, const std::map<std::string, std::string>& expected,
                              const std::function<std::string(std::span<const uint8_t>)>& run) {
  const std::filesystem::path path = std::filesystem::path(QUIVER_SOURCE_DIR) / "tests" / "regressions" / dir;
  std::error_code ec;
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    std::ifstream in(entry.path(), std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string outcome = run(bytes);
    auto it = expected.find(name);
    if (it == expected.end()) {
      ADD_FAILURE() << dir << "/" << name << " has no pinned outcome; it gives: " << outcome;
      continue;
    }
    EXPECT_EQ(outcome, it->second) << dir << "/" << name;
    ++seen;
  }
  EXPECT_EQ(seen, static_cast<int>(expected.size())) << "a pinned file of tests/regressions/" << dir << " is missing";
}

}  // namespace quiver::testing
