// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Decoded physical values of one column chunk, densely (nulls are not stored), and the
// decoders of every Parquet value encoding. Each decoder appends exactly `n` values to a
// ValueBuffer or fails; none trusts a count or length read from the page for allocation
// beyond what the page's bytes or the caller's bound allow.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "quiver/arrow/buffer.h"
#include "quiver/parquet/metadata.h"
#include "quiver/result.h"

namespace quiver::parquet::encoding {

/// Bytes per value of a fixed-width physical type (BOOLEAN is stored one byte per value
/// here); 0 for BYTE_ARRAY.
int32_t PhysicalWidth(PhysicalType type, int32_t type_length);

/// Dense values of one physical type: fixed-width values back to back in `data`, or, for
/// BYTE_ARRAY, the bytes in `data` and count + 1 int64 offsets in `offsets`.
struct ValueBuffer {
  ValueBuffer(PhysicalType t, int32_t type_length, MemoryPool* pool = DefaultMemoryPool());

  PhysicalType type;
  int32_t width;
  BufferBuilder data;
  BufferBuilder offsets;
  int64_t count = 0;

  bool binary() const { return width == 0; }
  const int64_t* offset_data() const { return reinterpret_cast<const int64_t*>(offsets.data()); }
  /// Appends one byte-array value. Errors: kOutOfMemory.
  Status AppendBinary(const uint8_t* bytes, int64_t length);
  /// Appends `n` fixed-width values. Errors: kOutOfMemory.
  Status AppendFixed(const uint8_t* bytes, int64_t n);
};

/// PLAIN (Encodings.md): `n` values from the start of `in`.
/// Errors: kInvalidInput "expected N bytes of PLAIN values but found M", negative or
/// oversized byte-array lengths.
Status DecodePlain(std::span<const uint8_t> in, int64_t n, ValueBuffer* out);

/// RLE booleans (data page v2): a 4-byte length, then the hybrid encoding at bit width 1.
Status DecodeRleBooleans(std::span<const uint8_t> in, int64_t n, ValueBuffer* out);

/// RLE_DICTIONARY / PLAIN_DICTIONARY indices: one bit-width byte (at most 32), then the
/// hybrid encoding. Errors: kInvalidInput for a bit width over 32 or short data.
Status DecodeDictionaryIndices(std::span<const uint8_t> in, int64_t n, std::vector<uint32_t>* indices);

/// Appends dict[indices[i]] for each i. Indices are checked once: the maximum must be
/// below dict.count. Errors: kInvalidInput "expected dictionary index < N but found M".
Status GatherDictionary(const ValueBuffer& dict, const uint32_t* indices, int64_t n, ValueBuffer* out);

/// DELTA_BINARY_PACKED of INT32 or INT64 values; `*consumed` gets the bytes used.
Status DecodeDeltaBinaryPacked(std::span<const uint8_t> in, int64_t n, ValueBuffer* out, int64_t* consumed);
/// The integers alone (lengths of the byte-array delta encodings), as int64.
Status DecodeDeltaInts(std::span<const uint8_t> in, int64_t n, bool is32, std::vector<int64_t>* out,
                       int64_t* consumed);

/// DELTA_LENGTH_BYTE_ARRAY.
Status DecodeDeltaLengthByteArray(std::span<const uint8_t> in, int64_t n, ValueBuffer* out);
/// DELTA_BYTE_ARRAY (incremental encoding) of BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values.
/// `max_bytes` bounds the reconstructed bytes (prefixes can multiply a page's size).
/// Errors: kLimitExceeded past max_bytes; kInvalidInput for a prefix longer than the
/// previous value.
Status DecodeDeltaByteArray(std::span<const uint8_t> in, int64_t n, int64_t max_bytes, ValueBuffer* out);

/// BYTE_STREAM_SPLIT of a fixed-width type: the page holds in.size() / width values.
Status DecodeByteStreamSplit(std::span<const uint8_t> in, int64_t n, ValueBuffer* out);

}  // namespace quiver::parquet::encoding
