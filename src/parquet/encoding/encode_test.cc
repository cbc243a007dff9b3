// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Every encoder against the existing decoder: random and edge-case values (runs, wide
// deltas, wrapping deltas, empty input, shared prefixes).
#include "parquet/encoding/encode.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "core/builder_test_util.h"
#include "parquet/encoding/rle.h"
#include "parquet/encoding/values.h"

namespace quiver::parquet::encoding {
namespace {

ValueBuffer Fixed(PhysicalType t, int32_t type_length, const std::vector<uint8_t>& bytes) {
  ValueBuffer v(t, type_length);
  EXPECT_TRUE(v.AppendFixed(bytes.data(), static_cast<int64_t>(bytes.size()) / v.width).ok());
  return v;
}

template <typename T>
ValueBuffer Numbers(PhysicalType t, const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return Fixed(t, 0, bytes);
}

ValueBuffer Strings(const std::vector<std::string>& values) {
  ValueBuffer v(PhysicalType::kByteArray, 0);
  for (const auto& s : values) {
    EXPECT_TRUE(v.AppendBinary(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size())).ok());
  }
  return v;
}

std::string Bytes(const ValueBuffer& v) {
  std::string s(reinterpret_cast<const char*>(v.data.data()), static_cast<size_t>(v.data.size()));
  if (v.binary()) s.append(reinterpret_cast<const char*>(v.offsets.data()), static_cast<size_t>(v.offsets.size()));
  return s;
}

std::vector<int64_t> Int64Edge() {
  std::vector<int64_t> v = {0, INT64_MAX, INT64_MIN, -1, 1, INT64_MAX, INT64_MAX, 7};
  std::mt19937_64 rng(42);
  for (int i = 0; i < 1000; ++i) v.push_back(i % 300 < 150 ? static_cast<int64_t>(rng()) : i * 3);
  return v;
}

std::vector<int32_t> Int32Edge() {
  std::vector<int32_t> v = {0, INT32_MAX, INT32_MIN, -1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5};
  std::mt19937 rng(7);
  for (int i = 0; i < 777; ++i) v.push_back(i % 200 < 100 ? static_cast<int32_t>(rng()) : -i);
  return v;
}

TEST(EncodeTest, RleHybridRoundTripsRunsAndNoise) {
  std::mt19937 rng(1);
  for (int width : {0, 1, 2, 3, 7, 8, 13, 16, 20, 32}) {
    std::vector<uint32_t> values;
    const uint64_t max = width == 32 ? UINT32_MAX : (uint64_t{1} << width) - 1;
    for (int i = 0; i < 1000; ++i) {
      const uint32_t v = static_cast<uint32_t>(rng() & max);
      const int run = (i % 5 == 0) ? static_cast<int>(rng() % 40) : 1;
      for (int k = 0; k < run; ++k) values.push_back(v);
    }
    std::vector<uint8_t> out;
    EncodeRleHybrid(values.data(), static_cast<int64_t>(values.size()), width, &out);
    std::vector<uint32_t> back(values.size());
    RleBitPackedDecoder dec(out, width);
    QUIVER_ASSERT_OK(dec.Decode(back.data(), static_cast<int64_t>(back.size())));
    EXPECT_EQ(back, values) << "width " << width;
  }
}

TEST(EncodeTest, DictionaryIndicesCarryTheirBitWidth) {
  std::vector<uint32_t> idx = {0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1};
  std::vector<uint8_t> out;
  EncodeDictionaryIndices(idx.data(), static_cast<int64_t>(idx.size()), 3, &out);
  EXPECT_EQ(out[0], 3);
  std::vector<uint32_t> back;
  QUIVER_ASSERT_OK(DecodeDictionaryIndices(out, static_cast<int64_t>(idx.size()), &back));
  EXPECT_EQ(back, idx);
}

TEST(EncodeTest, PlainEveryPhysicalType) {
  const std::vector<ValueBuffer> inputs = [] {
    std::vector<ValueBuffer> v;
    v.push_back(Fixed(PhysicalType::kBoolean, 0, {1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1}));
    v.push_back(Numbers(PhysicalType::kInt32, Int32Edge()));
    v.push_back(Numbers(PhysicalType::kInt64, Int64Edge()));
    v.push_back(Numbers<float>(PhysicalType::kFloat, {1.5f, -0.0f, NAN}));
    v.push_back(Numbers<double>(PhysicalType::kDouble, {1.5, -0.0, 1e300}));
    v.push_back(Fixed(PhysicalType::kFixedLenByteArray, 3, {1, 2, 3, 4, 5, 6}));
    v.push_back(Strings({"", "a", "hello", std::string("\0\xff", 2)}));
    return v;
  }();
  for (const ValueBuffer& in : inputs) {
    std::vector<uint8_t> out;
    EncodePlain(in, 0, in.count, &out);
    ValueBuffer back(in.type, in.width);
    QUIVER_ASSERT_OK(DecodePlain(out, in.count, &back));
    EXPECT_EQ(Bytes(back), Bytes(in)) << PhysicalTypeName(in.type);
  }
}

TEST(EncodeTest, PlainOfARange) {
  ValueBuffer in = Strings({"skip", "b", "cc", "skip"});
  std::vector<uint8_t> out;
  EncodePlain(in, 1, 2, &out);
  ValueBuffer back(PhysicalType::kByteArray, 0);
  QUIVER_ASSERT_OK(DecodePlain(out, 2, &back));
  EXPECT_EQ(Bytes(back), Bytes(Strings({"b", "cc"})));
}

TEST(EncodeTest, RleBooleans) {
  ValueBuffer in = Fixed(PhysicalType::kBoolean, 0, {1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0});
  std::vector<uint8_t> out;
  EncodeRleBooleans(in, 0, in.count, &out);
  ValueBuffer back(PhysicalType::kBoolean, 0);
  QUIVER_ASSERT_OK(DecodeRleBooleans(out, in.count, &back));
  EXPECT_EQ(Bytes(back), Bytes(in));
}

TEST(EncodeTest, DeltaBinaryPackedWrapsInTheTypeWidth) {
  for (const ValueBuffer& in : {Numbers(PhysicalType::kInt32, Int32Edge()), Numbers(PhysicalType::kInt64, Int64Edge()),
                                Numbers<int32_t>(PhysicalType::kInt32, {}), Numbers<int64_t>(PhysicalType::kInt64, {9}),
                                Numbers<int32_t>(PhysicalType::kInt32, std::vector<int32_t>(129, 4))}) {
    for (int64_t n : {in.count, in.count / 2}) {
      std::vector<uint8_t> out;
      EncodeDeltaBinaryPacked(in, 0, n, &out);
      ValueBuffer back(in.type, 0);
      int64_t consumed = 0;
      QUIVER_ASSERT_OK(DecodeDeltaBinaryPacked(out, n, &back, &consumed));
      EXPECT_EQ(consumed, static_cast<int64_t>(out.size()));
      EXPECT_EQ(Bytes(back), Bytes(in).substr(0, static_cast<size_t>(n * in.width)));
      if (in.type == PhysicalType::kInt32 && n > 0) {
        // Every miniblock of INT32 deltas fits 32 bits.
        EXPECT_LE(out.size(), static_cast<size_t>(n * 5 + 64));
      }
    }
  }
}

TEST(EncodeTest, DeltaLengthAndDeltaByteArray) {
  std::vector<std::string> s = {
      "", "apple", "applesauce", "apply", "b", "", "banana", std::string(300, 'x'), std::string(301, 'x')};
  for (int i = 0; i < 500; ++i) s.push_back("key" + std::to_string(i * 7919 % 1000));
  ValueBuffer in = Strings(s);
  {
    std::vector<uint8_t> out;
    EncodeDeltaLengthByteArray(in, 0, in.count, &out);
    ValueBuffer back(PhysicalType::kByteArray, 0);
    QUIVER_ASSERT_OK(DecodeDeltaLengthByteArray(out, in.count, &back));
    EXPECT_EQ(Bytes(back), Bytes(in));
  }
  {
    std::vector<uint8_t> out;
    EncodeDeltaByteArray(in, 0, in.count, &out);
    ValueBuffer back(PhysicalType::kByteArray, 0);
    QUIVER_ASSERT_OK(DecodeDeltaByteArray(out, in.count, INT64_MAX, &back));
    EXPECT_EQ(Bytes(back), Bytes(in));
  }
  ValueBuffer flba =
      Fixed(PhysicalType::kFixedLenByteArray, 4, {'a', 'b', 'c', 'd', 'a', 'b', 'c', 'e', 'z', 'b', 'c', 'e'});
  std::vector<uint8_t> out;
  EncodeDeltaByteArray(flba, 0, flba.count, &out);
  ValueBuffer back(PhysicalType::kFixedLenByteArray, 4);
  QUIVER_ASSERT_OK(DecodeDeltaByteArray(out, flba.count, INT64_MAX, &back));
  EXPECT_EQ(Bytes(back), Bytes(flba));
}

TEST(EncodeTest, ByteStreamSplitFixedWidths) {
  for (const ValueBuffer& in :
       {Numbers<float>(PhysicalType::kFloat, {1.5f, -2.0f, NAN, 0.0f}),
        Numbers<double>(PhysicalType::kDouble, {1.5, -2.0}), Numbers(PhysicalType::kInt32, Int32Edge()),
        Numbers(PhysicalType::kInt64, Int64Edge()), Fixed(PhysicalType::kFixedLenByteArray, 3, {1, 2, 3, 4, 5, 6})}) {
    std::vector<uint8_t> out;
    EncodeByteStreamSplit(in, 0, in.count, &out);
    ValueBuffer back(in.type, in.type == PhysicalType::kFixedLenByteArray ? 3 : 0);
    QUIVER_ASSERT_OK(DecodeByteStreamSplit(out, in.count, &back));
    EXPECT_EQ(Bytes(back), Bytes(in));
  }
}

}  // namespace
}  // namespace quiver::parquet::encoding
