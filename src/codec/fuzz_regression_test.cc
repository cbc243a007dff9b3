// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Replays every input the codec fuzz target found a bug with (tests/regressions/codec):
// each gives its pinned outcome (the decompression's status) and no rule of FuzzCodec is
// violated.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "codec/fuzz_check_test_util.h"
#include "core/regression_replay_test_util.h"

namespace quiver::codec {
namespace {

// File name -> the outcome of FuzzCodec.
const std::map<std::string, std::string> kExpected = {};

TEST(CodecFuzzRegressionTest, FindingsGiveTheirPinnedOutcome) {
  quiver::testing::ReplayRegressions("codec", kExpected,
                                     [](std::span<const uint8_t> bytes) { return testing::FuzzCodec(bytes).ToString(); });
}

}  // namespace
}  // namespace quiver::codec
