// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Round trips of every type through both formats and every body compression.
#include <gtest/gtest.h>

#include <tuple>

#include "core/sample_arrays_test_util.h"
#include "ipc/ipc_test_util.h"

namespace quiver::ipc {
namespace {

using quiver::testing::SampleArray;
using quiver::testing::SampleArrays;
using testing::Format;

using Param = std::tuple<SampleArray, Format, Compression>;

std::string ParamName(const ::testing::TestParamInfo<Param>& info) {
  return std::get<0>(info.param).name + "_" + testing::FormatName(std::get<1>(info.param)) + "_" +
         testing::CompressionName(std::get<2>(info.param));
}

class RoundTripTest : public ::testing::TestWithParam<Param> {
 protected:
  const ArrayPtr& array() const { return std::get<0>(GetParam()).array; }
  Format format() const { return std::get<1>(GetParam()); }
  WriteOptions options() const {
    WriteOptions o;
    o.compression = std::get<2>(GetParam());
    return o;
  }
  void ExpectRoundTrip(const TablePtr& table, const WriteOptions& o) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto bytes, testing::Write(format(), *table, o));
    QUIVER_ASSERT_OK_AND_ASSIGN(auto back, testing::Read(format(), bytes, ReadOptions{.validate_full = true}));
    EXPECT_TRUE(testing::TablesEqual(*table, *back));
  }
};

TEST_P(RoundTripTest, WholeArray) { ExpectRoundTrip(testing::TableOf({array()}), options()); }

TEST_P(RoundTripTest, SlicesAtEveryOffset) {
  for (int64_t offset = 0; offset <= array()->length; ++offset) {
    for (int64_t length : {int64_t{0}, int64_t{1}, array()->length - offset}) {
      if (offset + length > array()->length) continue;
      SCOPED_TRACE(::testing::Message() << "slice [" << offset << ", +" << length << ")");
      ExpectRoundTrip(testing::TableOf({testing::Must(SliceArray(array(), offset, length))}), options());
    }
  }
}

TEST_P(RoundTripTest, SeveralBatchesAndAlignment64) {
  const int64_t n = array()->length;
  auto table = testing::TableOf({array(), testing::Must(SliceArray(array(), n / 2, n - n / 2)), testing::Must(SliceArray(array(), 0, 0))});
  WriteOptions o = options();
  o.alignment = 64;
  ExpectRoundTrip(table, o);
}

TEST_P(RoundTripTest, ArrayOfNulls) {
  auto nulls = MakeArrayOfNulls(array()->type, 3);
  if (!nulls.ok()) GTEST_SKIP() << nulls.status().ToString();
  ExpectRoundTrip(testing::TableOf({nulls.value()}), options());
}

INSTANTIATE_TEST_SUITE_P(Ipc, RoundTripTest,
                         ::testing::Combine(::testing::ValuesIn(SampleArrays()),
                                            ::testing::Values(Format::kStream, Format::kFile),
                                            ::testing::Values(Compression::kNone, Compression::kLz4Frame,
                                                              Compression::kZstd)),
                         ParamName);

}  // namespace
}  // namespace quiver::ipc
