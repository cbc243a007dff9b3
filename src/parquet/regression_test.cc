// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Replays every input the Parquet fuzz targets found a bug with: parquet_fuzz's files
// (tests/regressions/parquet) must give their pinned FuzzOne outcome, thrift_fuzz's
// (tests/regressions/thrift) their pinned FuzzThrift outcome, and no rule of either check
// may be violated.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/regression_replay_test_util.h"
#include "parquet/testing/fuzz_check_test_util.h"
#include "parquet/testing/thrift_fuzz_check_test_util.h"

namespace quiver::parquet {
namespace {

// File name -> the outcome of FuzzOne (the whole read's status).
const std::map<std::string, std::string> kExpected = {
    // A group whose declared children run past the schema once earlier siblings' subtrees
    // are counted: read out of bounds before the fix.
    {"schema_children_past_end.parquet", "expected 5 children for 'schema' but the schema ends after 3"},
    // A map whose Parquet value field is called `qalue` while ARROW:schema says `value`: the
    // writer wrote `value` and ARROW:schema `qalue`, and the reader kept Parquet's name, so
    // the round trip renamed the field (ArrowSchemaTest.MapKeyAndValueNamesSurviveTheRoundTrip).
    {"map_value_name_lost.parquet", "OK"},
    // Two top-level columns called `c1` (a binary and a struct holding an extension): both
    // took ARROW:schema's first `c1` as their hint, so after a write the struct lost its
    // extension type (ArrowSchemaTest.ColumnsOfOneNameEachTakeTheirOwnArrowType).
    {"duplicate_names_arrow_type_lost.parquet", "OK"},
};

// File name -> the outcome of FuzzThrift (the first decode's status).
const std::map<std::string, std::string> kExpectedThrift = {};

TEST(ParquetRegressionTest, FuzzFindingsGiveTheirPinnedOutcome) {
  quiver::testing::ReplayRegressions("parquet", kExpected,
                                     [](std::span<const uint8_t> bytes) { return testing::FuzzOne(bytes).ToString(); });
}

TEST(ParquetRegressionTest, ThriftFuzzFindingsGiveTheirPinnedOutcome) {
  quiver::testing::ReplayRegressions("thrift", kExpectedThrift, [](std::span<const uint8_t> bytes) {
    return testing::FuzzThrift(bytes).ToString();
  });
}

}  // namespace
}  // namespace quiver::parquet
