// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Encoders of the Parquet value and level encodings (Encodings.md), the inverses of the
// decoders in values.h and rle.h. Each appends to `out` the values [begin, begin + n) of
// a ValueBuffer (dense, non-null values of one physical type). Inputs come from the writer,
// not from a file, so they are trusted: preconditions are the caller's to meet.
#pragma once

#include <cstdint>
#include <vector>

#include "parquet/encoding/values.h"

namespace quiver::parquet::encoding {

/// PLAIN of any physical type; BOOLEAN values (one byte each in `v`) are bit-packed.
void EncodePlain(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out);

/// The RLE / bit-packed hybrid runs of `n` values of `bit_width` bits (no length prefix).
void EncodeRleHybrid(const uint32_t* values, int64_t n, int bit_width, std::vector<uint8_t>* out);
void EncodeRleHybrid(const uint16_t* values, int64_t n, int bit_width, std::vector<uint8_t>* out);

/// RLE booleans: a 4-byte little-endian length, then the hybrid runs at bit width 1.
void EncodeRleBooleans(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out);

/// RLE_DICTIONARY indices: the bit-width byte, then the hybrid runs.
void EncodeDictionaryIndices(const uint32_t* indices, int64_t n, int bit_width, std::vector<uint8_t>* out);

/// DELTA_BINARY_PACKED of INT32 or INT64 values (blocks of 128, four miniblocks of 32).
/// Deltas wrap in the type's width, so every miniblock fits 32 (INT32) or 64 bits.
void EncodeDeltaBinaryPacked(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out);
/// DELTA_LENGTH_BYTE_ARRAY of BYTE_ARRAY values.
void EncodeDeltaLengthByteArray(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out);
/// DELTA_BYTE_ARRAY of BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values.
void EncodeDeltaByteArray(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out);
/// BYTE_STREAM_SPLIT of a fixed-width type other than BOOLEAN.
void EncodeByteStreamSplit(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out);

}  // namespace quiver::parquet::encoding
