// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Replays every input the geometry fuzz target found a bug with (tests/regressions/geo):
// each gives its pinned outcome and breaks no rule of FuzzGeo (geo_fuzz_check_test_util.h).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/regression_replay_test_util.h"
#include "geo_fuzz_check_test_util.h"

namespace quiver::geo {
namespace {

// File name -> the outcome of FuzzGeo.
const std::map<std::string, std::string> kExpected = {
    // A WKB MultiPolygon whose first polygon has one ring without points: EncodeWkt wrote
    // the ring as "()", which DecodeWkt refused (WktTest.PolygonRingWithoutPointsIsEmptyBothWays).
    {"polygon_empty_ring_not_wkt.bin", "OK"},
};

TEST(GeoFuzzRegressionTest, FindingsGiveTheirPinnedOutcome) {
  quiver::testing::ReplayRegressions("geo", kExpected,
                                     [](std::span<const uint8_t> bytes) { return testing::FuzzGeo(bytes).ToString(); });
}

}  // namespace
}  // namespace quiver::geo
