// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The specialised unpackers against a bit-by-bit reference, at every width, start index and
// count up to a few blocks; buffers are exactly as long as the bits they hold, so ASan sees
// any read past the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "core/builder_test_util.h"
#include "parquet/encoding/bit_unpack.h"
#include "parquet/encoding/rle.h"
#include "parquet/encoding/values.h"

namespace quiver::parquet::encoding {
namespace {

// Value `index` of a little-endian bit-packed run, one bit at a time.
uint64_t ReferenceUnpack(const uint8_t* run, int width, int64_t index) {
  uint64_t v = 0;
  for (int b = 0; b < width; ++b) {
    const int64_t bit = index * width + b;
    v |= static_cast<uint64_t>((run[bit >> 3] >> (bit & 7)) & 1) << b;
  }
  return v;
}

// `bytes` random bytes in a heap block of exactly that size.
std::unique_ptr<uint8_t[]> RandomBytes(int64_t bytes, std::mt19937_64* rng) {
  auto data = std::make_unique<uint8_t[]>(static_cast<size_t>(bytes > 0 ? bytes : 1));
  for (int64_t i = 0; i < bytes; ++i) data[static_cast<size_t>(i)] = static_cast<uint8_t>((*rng)());
  return data;
}

template <typename T>
void CheckWidth(int width, void (*unpack)(const uint8_t*, int64_t, int, int64_t, int64_t, T*)) {
  std::mt19937_64 rng(static_cast<uint64_t>(width) * 7919 + sizeof(T));
  const int64_t firsts[] = {0, 1, 3, 7, 8, 9, 16, 31, 32, 33, 45, 64, 71};
  const int64_t counts[] = {0, 1, 2, 5, 7, 8, 9, 15, 24, 31, 32, 33, 40, 63, 64, 65, 96, 100, 129, 200};
  for (int64_t first : firsts) {
    for (int64_t n : counts) {
      const int64_t bytes = ((first + n) * width + 7) / 8;
      auto run = RandomBytes(bytes, &rng);
      std::vector<T> got(static_cast<size_t>(n) + 1, T{0x5a});
      unpack(run.get(), bytes, width, first, n, got.data());
      for (int64_t i = 0; i < n; ++i) {
        ASSERT_EQ(got[static_cast<size_t>(i)], static_cast<T>(ReferenceUnpack(run.get(), width, first + i)))
            << "width " << width << " first " << first << " n " << n << " value " << i;
      }
      ASSERT_EQ(got[static_cast<size_t>(n)], T{0x5a}) << "wrote past n at width " << width;
    }
  }
}

TEST(BitUnpackTest, EveryWidthUpTo32MatchesReference) {
  for (int width = 0; width <= 32; ++width) CheckWidth<uint32_t>(width, &UnpackBits32);
}

TEST(BitUnpackTest, EveryWidthUpTo64MatchesReference) {
  for (int width = 0; width <= 64; ++width) CheckWidth<uint64_t>(width, &UnpackBits64);
}

TEST(BitUnpackTest, AllOnesKeepTheirTopBit) {
  std::vector<uint8_t> run(8 * 64, 0xff);
  std::vector<uint64_t> out64(64);
  UnpackBits64(run.data(), static_cast<int64_t>(run.size()), 64, 0, 64, out64.data());
  for (uint64_t v : out64) ASSERT_EQ(v, ~uint64_t{0});
  std::vector<uint32_t> out32(64);
  UnpackBits32(run.data(), static_cast<int64_t>(run.size()), 31, 1, 63, out32.data());
  for (size_t i = 0; i < 63; ++i) ASSERT_EQ(out32[i], 0x7fffffffu);
}

// The hybrid decoder over bit-packed runs of varied lengths, read in chunks that start and
// end anywhere inside the runs, against the reference.
TEST(BitUnpackTest, HybridDecoderInOddChunksMatchesReference) {
  for (int width : {1, 2, 3, 5, 8, 11, 16, 17, 24, 31, 32}) {
    std::mt19937_64 rng(static_cast<uint64_t>(width));
    std::vector<uint8_t> data;
    std::vector<uint32_t> expected;
    for (int r = 0; r < 12; ++r) {
      const int64_t groups = 1 + static_cast<int64_t>(rng() % 20);
      data.push_back(static_cast<uint8_t>((groups << 1) | 1));  // groups < 64: one-byte varint
      const int64_t bytes = groups * width;
      auto run = RandomBytes(bytes, &rng);
      for (int64_t i = 0; i < groups * 8; ++i) expected.push_back(static_cast<uint32_t>(ReferenceUnpack(run.get(), width, i)));
      data.insert(data.end(), run.get(), run.get() + bytes);
      if (r % 3 == 0) {  // an RLE run between the bit-packed ones
        data.push_back(static_cast<uint8_t>(5 << 1));
        const uint32_t v = static_cast<uint32_t>(rng()) & (width == 32 ? 0xffffffffu : ((1u << width) - 1));
        for (int b = 0; b < (width + 7) / 8; ++b) data.push_back(static_cast<uint8_t>(v >> (8 * b)));
        expected.insert(expected.end(), 5, v);
      }
    }
    RleBitPackedDecoder dec(data, width);
    std::vector<uint32_t> got(expected.size());
    size_t done = 0;
    for (size_t chunk = 1; done < got.size(); chunk = chunk * 3 % 37 + 1) {
      const size_t k = std::min(chunk, got.size() - done);
      QUIVER_ASSERT_OK(dec.Decode(got.data() + done, static_cast<int64_t>(k)));
      done += k;
    }
    EXPECT_EQ(got, expected) << "width " << width;
    // The 16-bit decoder (levels) over the same runs: values above 0xffff saturate.
    RleBitPackedDecoder dec16(data, width);
    std::vector<uint16_t> got16(expected.size());
    done = 0;
    for (size_t chunk = 2; done < got16.size(); chunk = chunk * 5 % 601 + 1) {
      const size_t k = std::min(chunk, got16.size() - done);
      QUIVER_ASSERT_OK(dec16.Decode(got16.data() + done, static_cast<int64_t>(k)));
      done += k;
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(got16[i], static_cast<uint16_t>(std::min<uint32_t>(expected[i], 0xffff))) << "width " << width << " value " << i;
    }
  }
}

// PLAIN booleans expand 8 bits at a time; every count up to a few bytes, odd tails included.
TEST(BitUnpackTest, PlainBooleansMatchReference) {
  std::mt19937_64 rng(3);
  for (int64_t n = 0; n <= 70; ++n) {
    const int64_t bytes = (n + 7) / 8;
    auto in = RandomBytes(bytes, &rng);
    ValueBuffer out(PhysicalType::kBoolean, 0);
    QUIVER_ASSERT_OK(DecodePlain(std::span<const uint8_t>(in.get(), static_cast<size_t>(bytes)), n, &out));
    ASSERT_EQ(out.count, n);
    for (int64_t i = 0; i < n; ++i) {
      ASSERT_EQ(out.data.data()[i], ReferenceUnpack(in.get(), 1, i)) << "n " << n << " value " << i;
    }
  }
}

}  // namespace
}  // namespace quiver::parquet::encoding
