// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Replays every input the IPC fuzz targets (ipc_fuzz, ipc_file_fuzz) found a bug with
// (tests/regressions/ipc): each gives its pinned outcome, "<FuzzReaders> | <FuzzFileAgainstStream>",
// and no rule of either check is violated.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/regression_replay_test_util.h"
#include "ipc/testing/fuzz_check_test_util.h"

namespace quiver::ipc {
namespace {

// File name -> the outcomes of the two checks.
const std::map<std::string, std::string> kExpected = {};

TEST(IpcFuzzRegressionTest, FindingsGiveTheirPinnedOutcome) {
  quiver::testing::ReplayRegressions("ipc", kExpected, [](std::span<const uint8_t> bytes) {
    return testing::FuzzReaders(bytes).ToString() + " | " + testing::FuzzFileAgainstStream(bytes).ToString();
  });
}

}  // namespace
}  // namespace quiver::ipc
