// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <gtest/gtest.h>

#include <cstring>

#include "core/builder_test_util.h"
#include "parquet/encoding/rle.h"
#include "parquet/encoding/values.h"

namespace quiver::parquet::encoding {
namespace {

TEST(RleTest, RunsAndBitPacked) {
  // RLE run: 3 x value 5 (bit width 3); bit-packed: one group of 8 values 0..7.
  std::vector<uint8_t> data = {0x06, 0x05, 0x03, 0x88, 0xc6, 0xfa};
  RleBitPackedDecoder dec(data, 3);
  uint32_t out[11];
  QUIVER_ASSERT_OK(dec.Decode(out, 11));
  std::vector<uint32_t> got(out, out + 11);
  EXPECT_EQ(got, (std::vector<uint32_t>{5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(RleTest, EndsEarly) {
  std::vector<uint8_t> data = {0x04, 0x01};
  RleBitPackedDecoder dec(data, 1);
  uint32_t out[3];
  EXPECT_EQ(dec.Decode(out, 3).ToString(),
            "expected 1 more values in RLE/bit-packed data but found the end of the data");
}

TEST(RleTest, HugeRunDeclaredCostsNothing) {
  std::vector<uint8_t> data = {0xfe, 0xff, 0xff, 0xff, 0x0f, 0x01};  // run of 2^31-1 ones
  RleBitPackedDecoder dec(data, 1);
  uint32_t out[4];
  QUIVER_ASSERT_OK(dec.Decode(out, 4));
  EXPECT_EQ(out[3], 1u);
}

TEST(RleTest, CutBitPackedRunYieldsWhatIsPresent) {
  std::vector<uint8_t> data = {0x03, 0xff};  // one group of 8 at width 4 needs 4 bytes; 1 present
  RleBitPackedDecoder dec(data, 4);
  uint32_t out[3];
  QUIVER_ASSERT_OK(dec.Decode(out, 2));
  EXPECT_EQ(dec.Decode(out, 1).ToString(), "expected 1 more values in RLE/bit-packed data but found the end of the data");
}

TEST(DictionaryIndicesTest, BitWidthOver32) {
  std::vector<uint8_t> data = {33, 0x02, 0, 0, 0, 0, 0};
  std::vector<uint32_t> idx;
  EXPECT_EQ(DecodeDictionaryIndices(data, 1, &idx).ToString(), "expected dictionary index bit width <= 32 but found 33");
}

TEST(DictionaryIndicesTest, MaxCheckedOnce) {
  ValueBuffer dict(PhysicalType::kInt32, 0);
  int32_t v[2] = {10, 20};
  QUIVER_ASSERT_OK(dict.AppendFixed(reinterpret_cast<uint8_t*>(v), 2));
  ValueBuffer out(PhysicalType::kInt32, 0);
  uint32_t idx[3] = {1, 0, 2};
  EXPECT_EQ(GatherDictionary(dict, idx, 3, &out).ToString(), "expected dictionary index < 2 but found 2");
  EXPECT_EQ(out.count, 0);
  QUIVER_ASSERT_OK(GatherDictionary(dict, idx, 2, &out));
  EXPECT_EQ(out.count, 2);
}

// The example of Encodings.md: 1, 2, 3, 4, 5 -> deltas 1, min delta 1, bit width 0.
TEST(DeltaBinaryPackedTest, SpecExample) {
  std::vector<uint8_t> data = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00};
  ValueBuffer out(PhysicalType::kInt32, 0);
  int64_t used;
  QUIVER_ASSERT_OK(DecodeDeltaBinaryPacked(data, 5, &out, &used));
  std::vector<int32_t> got(5);
  std::memcpy(got.data(), out.data.data(), 20);
  EXPECT_EQ(got, (std::vector<int32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(used, 10);
}

TEST(DeltaBinaryPackedTest, BadBlockSize) {
  std::vector<uint8_t> data = {0x64, 0x04, 0x05, 0x02};
  ValueBuffer out(PhysicalType::kInt64, 0);
  int64_t used;
  EXPECT_EQ(DecodeDeltaBinaryPacked(data, 5, &out, &used).ToString(),
            "expected a DELTA_BINARY_PACKED block size that is a positive multiple of 128 but found 100");
}

TEST(DeltaBinaryPackedTest, TooFewValuesDeclared) {
  std::vector<uint8_t> data = {0x80, 0x01, 0x04, 0x02, 0x02};
  ValueBuffer out(PhysicalType::kInt64, 0);
  int64_t used;
  EXPECT_EQ(DecodeDeltaBinaryPacked(data, 5, &out, &used).ToString(),
            "expected at least 5 DELTA_BINARY_PACKED values but found 2");
}

TEST(DeltaBinaryPackedTest, MiniblockWidthOver64) {
  std::vector<uint8_t> data = {0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 65, 0, 0, 0};
  ValueBuffer out(PhysicalType::kInt64, 0);
  int64_t used;
  EXPECT_EQ(DecodeDeltaBinaryPacked(data, 5, &out, &used).ToString(),
            "expected a miniblock bit width <= 64 but found 65");
}

// DELTA_BYTE_ARRAY of "Hello", "Help", "Helpful": prefixes 0,3,4; suffixes "Hello","p","ful".
TEST(DeltaByteArrayTest, Example) {
  auto dbp = [](std::vector<int32_t> v) {
    // Block 128, 4 miniblocks, count, first value, then one block with bit width 8.
    std::vector<uint8_t> out = {0x80, 0x01, 0x04, static_cast<uint8_t>(v.size()),
                                static_cast<uint8_t>(static_cast<uint32_t>(v[0]) << 1)};
    int32_t min = INT32_MAX;
    for (size_t i = 1; i < v.size(); ++i) min = std::min(min, v[i] - v[i - 1]);
    out.push_back(static_cast<uint8_t>((static_cast<uint32_t>(min) << 1) ^ static_cast<uint32_t>(min >> 31)));
    out.insert(out.end(), {8, 0, 0, 0});
    for (size_t i = 1; i < v.size(); ++i) out.push_back(static_cast<uint8_t>(v[i] - v[i - 1] - min));
    out.resize(out.size() + 32 - (v.size() - 1), 0);
    return out;
  };
  std::vector<uint8_t> data = dbp({0, 3, 4});
  auto lengths = dbp({5, 1, 3});
  data.insert(data.end(), lengths.begin(), lengths.end());
  for (char c : std::string("Hellopful")) data.push_back(static_cast<uint8_t>(c));
  ValueBuffer out(PhysicalType::kByteArray, 0);
  QUIVER_ASSERT_OK(DecodeDeltaByteArray(data, 3, 1 << 20, &out));
  ASSERT_EQ(out.count, 3);
  const int64_t* off = out.offset_data();
  std::string all(reinterpret_cast<const char*>(out.data.data()), static_cast<size_t>(off[3]));
  EXPECT_EQ(all, "HelloHelpHelpful");
  EXPECT_EQ(DecodeDeltaByteArray(data, 3, 10, &out).ToString(),
            "expected DELTA_BYTE_ARRAY values to total <= 10 bytes but found more");
}

TEST(ByteStreamSplitTest, Floats) {
  float in[3] = {1.5f, -2.25f, 1e10f};
  uint8_t raw[12], split[12];
  std::memcpy(raw, in, 12);
  for (int i = 0; i < 3; ++i) {
    for (int b = 0; b < 4; ++b) split[b * 3 + i] = raw[i * 4 + b];
  }
  ValueBuffer out(PhysicalType::kFloat, 0);
  QUIVER_ASSERT_OK(DecodeByteStreamSplit({split, 12}, 3, &out));
  EXPECT_EQ(std::memcmp(out.data.data(), raw, 12), 0);
  EXPECT_EQ(DecodeByteStreamSplit({split, 11}, 3, &out).ToString(),
            "expected BYTE_STREAM_SPLIT data of 3 values of 4 bytes but found 11 bytes");
}

TEST(PlainTest, Booleans) {
  std::vector<uint8_t> data = {0x05};
  ValueBuffer out(PhysicalType::kBoolean, 0);
  QUIVER_ASSERT_OK(DecodePlain(data, 3, &out));
  EXPECT_EQ(std::vector<uint8_t>(out.data.data(), out.data.data() + 3), (std::vector<uint8_t>{1, 0, 1}));
  EXPECT_EQ(DecodePlain(data, 9, &out).ToString(), "expected 2 bytes of PLAIN booleans but found 1");
}

}  // namespace
}  // namespace quiver::parquet::encoding
