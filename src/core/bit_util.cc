// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/bit_util.h"

#include <cstring>

namespace quiver::bit_util {

int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = offset;
  const int64_t end = offset + length;
  for (; i < end && (i & 7) != 0; ++i) count += GetBit(bits, i);
  for (; i + 64 <= end; i += 64) {
    uint64_t word;
    std::memcpy(&word, bits + (i >> 3), 8);
    count += __builtin_popcountll(word);
  }
  for (; i < end; ++i) count += GetBit(bits, i);
  return count;
}

void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst, int64_t dst_offset) {
  if (length <= 0) return;
  // Up to 7 bits until the destination reaches a byte boundary.
  while (length > 0 && (dst_offset & 7) != 0) {
    SetBitTo(dst, dst_offset++, GetBit(src, src_offset++));
    --length;
  }
  uint8_t* out = dst + (dst_offset >> 3);
  const uint8_t* in = src + (src_offset >> 3);
  const int shift = static_cast<int>(src_offset & 7);
  if (shift == 0) {
    const int64_t whole = length >> 3;
    if (whole > 0) std::memcpy(out, in, static_cast<size_t>(whole));
    out += whole;
    in += whole;
  } else {
    // 64 bits at a time from 9 source bytes; the 9th byte is inside the source range while
    // at least 72 bits remain, so nothing past the last source byte is read.
    for (; length >= 72; length -= 64, in += 8, out += 8) {
      uint64_t lo;
      std::memcpy(&lo, in, 8);
      const uint64_t word = (lo >> shift) | (static_cast<uint64_t>(in[8]) << (64 - shift));
      std::memcpy(out, &word, 8);
    }
    // Whole bytes from two source bytes (the second is in range while 8 or more bits remain).
    for (; length >= 8; length -= 8, ++in, ++out) {
      *out = static_cast<uint8_t>((in[0] >> shift) | (in[1] << (8 - shift)));
    }
  }
  // The last 0..7 bits, leaving the destination's other bits as they are.
  for (int64_t i = 0; i < (length & 7); ++i) SetBitTo(out, i, GetBit(in, shift + i));
}

}  // namespace quiver::bit_util
