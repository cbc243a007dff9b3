// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Bitmap operations against a bit-by-bit reference, over every source and destination
// offset within two words and lengths around the word and byte boundaries. Source buffers
// are exactly as long as the bits read, so ASan sees any read past the end.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "quiver/arrow/bit_util.h"

namespace quiver::bit_util {
namespace {

std::vector<uint8_t> RandomBits(int64_t bytes, std::mt19937* rng) {
  std::vector<uint8_t> v(static_cast<size_t>(bytes));
  for (auto& b : v) b = static_cast<uint8_t>((*rng)());
  return v;
}

TEST(BitUtilTest, CopyBitmapMatchesReferenceAtEveryOffset) {
  std::mt19937 rng(17);
  const int64_t lengths[] = {0, 1, 5, 7, 8, 9, 15, 16, 63, 64, 65, 71, 72, 73, 127, 128, 136, 200, 1000};
  for (int64_t src_offset = 0; src_offset < 80; src_offset += (src_offset < 17 ? 1 : 13)) {
    for (int64_t dst_offset = 0; dst_offset < 80; dst_offset += (dst_offset < 17 ? 1 : 11)) {
      for (int64_t length : lengths) {
        const int64_t src_bytes = BytesForBits(src_offset + length);
        auto src_vec = RandomBits(src_bytes, &rng);
        auto src = std::make_unique<uint8_t[]>(static_cast<size_t>(src_bytes > 0 ? src_bytes : 1));
        std::copy(src_vec.begin(), src_vec.end(), src.get());
        const int64_t dst_bytes = BytesForBits(dst_offset + length) + 2;
        std::vector<uint8_t> dst = RandomBits(dst_bytes, &rng);
        std::vector<uint8_t> expected = dst;
        for (int64_t i = 0; i < length; ++i) SetBitTo(expected.data(), dst_offset + i, GetBit(src.get(), src_offset + i));
        CopyBitmap(src.get(), src_offset, length, dst.data(), dst_offset);
        ASSERT_EQ(dst, expected) << "src_offset " << src_offset << " dst_offset " << dst_offset << " length " << length;
      }
    }
  }
}

TEST(BitUtilTest, CountSetBitsMatchesReference) {
  std::mt19937 rng(5);
  auto bits = RandomBits(64, &rng);
  for (int64_t offset = 0; offset < 70; offset += 3) {
    for (int64_t length = 0; offset + length <= 512; length += 37) {
      int64_t expected = 0;
      for (int64_t i = 0; i < length; ++i) expected += GetBit(bits.data(), offset + i);
      ASSERT_EQ(CountSetBits(bits.data(), offset, length), expected) << offset << " " << length;
    }
  }
}

}  // namespace
}  // namespace quiver::bit_util
