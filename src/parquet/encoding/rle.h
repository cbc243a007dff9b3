// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The RLE / bit-packed hybrid encoding (Encodings.md "RLE"), used for levels, dictionary
// indices and RLE booleans; and the deprecated BIT_PACKED level encoding.
#pragma once

#include <cstdint>
#include <span>

#include "quiver/status.h"

namespace quiver::parquet::encoding {

/// Decodes runs of the hybrid encoding. Safe on any bytes: run lengths are never trusted
/// for allocation (values are produced only up to what the caller asks for) and bit-packed
/// runs are bounded by the bytes present.
class RleBitPackedDecoder {
 public:
  /// `bit_width` in [0, 32]; callers check it (a width read from the file is untrusted).
  RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width) : data_(data), bit_width_(bit_width) {}

  /// Decodes exactly `n` values. Errors: kInvalidInput "expected N more values ... but the
  /// RLE data ends" when the runs end first.
  Status Decode(uint32_t* out, int64_t n);
  /// As Decode, into 16-bit values (levels). Values wider than 16 bits are truncated, so
  /// callers check the maximum against the level bound.
  Status Decode(uint16_t* out, int64_t n);

 private:
  Status NextRun();

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  int bit_width_;
  int64_t rle_left_ = 0;
  uint32_t rle_value_ = 0;
  int64_t packed_left_ = 0;
  size_t packed_run_ = 0;        // byte offset of the current bit-packed run within data_
  int64_t packed_run_bytes_ = 0;  // its bytes present
  int64_t packed_next_ = 0;       // index of its next value
};

/// Reads an unsigned LEB128 varint at data[*pos] (at most 10 bytes).
/// Errors: kInvalidInput when it runs past the data or beyond 64 bits.
Status ReadUleb128(std::span<const uint8_t> data, size_t* pos, uint64_t* out);

/// The deprecated BIT_PACKED level encoding: `n` values of `bit_width` bits, most
/// significant bit first, no header. `*consumed` receives the bytes used.
Status DecodeBitPackedMsb(std::span<const uint8_t> data, int bit_width, uint16_t* out, int64_t n, int64_t* consumed);

/// Number of bits needed for values up to `max_value` (0 for 0).
inline int BitWidthOf(uint64_t max_value) { return max_value == 0 ? 0 : 64 - __builtin_clzll(max_value); }

}  // namespace quiver::parquet::encoding
