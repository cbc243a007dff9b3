// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Unpacking of little-endian bit-packed values (Encodings.md: the bit-packed runs of the
// RLE/bit-packed hybrid and the miniblocks of DELTA_BINARY_PACKED). Values are unpacked in
// blocks of 32 by one routine per bit width, with every shift and mask a compile-time
// constant, so the inner loop has no per-value branch or call; only the values before the
// first 32-value boundary and after the last one take the general path. 64-bit values of
// widths up to 32 go through the same routines; wider ones (rare: DELTA_BINARY_PACKED deltas
// beyond 32 bits) are unpacked one by one, which keeps the code small in WebAssembly.
#pragma once

#include <cstdint>

namespace quiver::parquet::encoding {

/// Unpacks values [first, first + n) of a bit-packed run of `bit_width` bits per value
/// starting at `run` (value 0 at bit 0 of run[0]). `bit_width` in [0, 32].
/// Precondition (checked by callers, which bound runs by the bytes present):
/// (first + n) * bit_width <= run_bytes * 8. Reads no byte at or past run + run_bytes.
void UnpackBits32(const uint8_t* run, int64_t run_bytes, int bit_width, int64_t first, int64_t n, uint32_t* out);

/// As UnpackBits32 with `bit_width` in [0, 64], into 64-bit values.
void UnpackBits64(const uint8_t* run, int64_t run_bytes, int bit_width, int64_t first, int64_t n, uint64_t* out);

}  // namespace quiver::parquet::encoding
