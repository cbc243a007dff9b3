// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/encoding/bit_unpack.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <utility>

namespace quiver::parquet::encoding {

namespace {

// Blocks are loaded as little-endian 32-bit words straight from memory.
static_assert(std::endian::native == std::endian::little, "bit unpacking assumes a little-endian host");

// Value I of a block of bit width W held in words `w`: every index, shift and mask is a
// constant, and a value spans at most three words (W <= 64, shift <= 31).
template <typename T, int W, int I>
inline T Extract(const uint32_t* w) {
  constexpr int64_t kStart = int64_t{I} * W;
  constexpr int kWord = static_cast<int>(kStart / 32);
  constexpr int kShift = static_cast<int>(kStart % 32);
  uint64_t v = static_cast<uint64_t>(w[kWord]) >> kShift;
  if constexpr (kShift + W > 32) v |= static_cast<uint64_t>(w[kWord + 1]) << (32 - kShift);
  if constexpr (kShift + W > 64) v |= static_cast<uint64_t>(w[kWord + 2]) << (64 - kShift);
  if constexpr (W < 64) v &= (uint64_t{1} << W) - 1;
  return static_cast<T>(v);
}

// Unpacks N values (N * W a multiple of 8 bits: N = 8 or 32) from N * W / 8 bytes at `in`.
template <typename T, int W, int N>
inline void UnpackBlock(const uint8_t* in, T* out) {
  constexpr int kBytes = N * W / 8;
  uint32_t w[(kBytes + 3) / 4 + 1] = {};
  std::memcpy(w, in, kBytes);
  [&]<int... I>(std::integer_sequence<int, I...>) {
    ((out[I] = Extract<T, W, I>(w)), ...);
  }(std::make_integer_sequence<int, N>{});
}

// One value at any index, reading only bytes inside the run.
template <typename T>
T UnpackOne(const uint8_t* run, int64_t run_bytes, int w, int64_t index) {
  const int64_t bit = index * w;
  const int64_t byte = bit >> 3;
  const int shift = static_cast<int>(bit & 7);
  uint8_t buf[16] = {};
  std::memcpy(buf, run + byte, static_cast<size_t>(std::min<int64_t>((shift + w + 7) / 8, run_bytes - byte)));
  uint64_t lo;
  std::memcpy(&lo, buf, 8);
  uint64_t v = lo >> shift;
  if (shift + w > 64) v |= static_cast<uint64_t>(buf[8]) << (64 - shift);
  return static_cast<T>(w == 64 ? v : (v & ((uint64_t{1} << w) - 1)));
}

template <typename T, int W>
void UnpackRun(const uint8_t* run, int64_t run_bytes, int64_t first, int64_t n, T* out) {
  if constexpr (W == 0) {
    (void)run;
    (void)run_bytes;
    (void)first;
    std::fill(out, out + n, T{0});
  } else {
    int64_t i = first;
    const int64_t end = first + n;
    // Up to the next group of 8 (a byte boundary), one by one.
    for (; i < end && (i & 7) != 0; ++i) *out++ = UnpackOne<T>(run, run_bytes, W, i);
    for (; i + 8 <= end && (i & 31) != 0; i += 8, out += 8) UnpackBlock<T, W, 8>(run + i / 8 * W, out);
    for (; i + 32 <= end; i += 32, out += 32) UnpackBlock<T, W, 32>(run + i / 8 * W, out);
    for (; i + 8 <= end; i += 8, out += 8) UnpackBlock<T, W, 8>(run + i / 8 * W, out);
    for (; i < end; ++i) *out++ = UnpackOne<T>(run, run_bytes, W, i);
  }
}

template <typename T>
using RunFn = void (*)(const uint8_t*, int64_t, int64_t, int64_t, T*);

template <typename T, int... W>
constexpr std::array<RunFn<T>, sizeof...(W)> MakeTable(std::integer_sequence<int, W...>) {
  return {&UnpackRun<T, W>...};
}

// Widths up to 32 only: each routine costs code size (about 3 KB of WebAssembly), and
// wider values (DELTA_BINARY_PACKED deltas beyond 32 bits) are rare.
constexpr auto kUnpack32 = MakeTable<uint32_t>(std::make_integer_sequence<int, 33>{});

}  // namespace

void UnpackBits32(const uint8_t* run, int64_t run_bytes, int bit_width, int64_t first, int64_t n, uint32_t* out) {
  if (n <= 0) return;
  kUnpack32[static_cast<size_t>(bit_width)](run, run_bytes, first, n, out);
}

void UnpackBits64(const uint8_t* run, int64_t run_bytes, int bit_width, int64_t first, int64_t n, uint64_t* out) {
  if (bit_width > 32) {
    for (int64_t i = 0; i < n; ++i) out[i] = UnpackOne<uint64_t>(run, run_bytes, bit_width, first + i);
    return;
  }
  // Through the 32-bit routines, widened a chunk at a time.
  uint32_t tmp[256];
  for (int64_t done = 0; done < n;) {
    const int64_t k = std::min<int64_t>(256, n - done);
    UnpackBits32(run, run_bytes, bit_width, first + done, k, tmp);
    for (int64_t i = 0; i < k; ++i) out[done + i] = tmp[i];
    done += k;
  }
}

}  // namespace quiver::parquet::encoding
