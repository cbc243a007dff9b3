// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// The RLE / bit-packed hybrid (Encodings.md "RLE"): a run of at least 8 equal values
// starting on a group boundary becomes an RLE run; everything else is bit-packed in groups
// of 8 (the last group of the data padded with zeros, which the count excludes).
#include "parquet/encoding/encode.h"

namespace quiver::parquet::encoding {

namespace {

void Uleb128(uint64_t v, std::vector<uint8_t>* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<uint8_t>(v));
}

// Packs `n` values of `bit_width` (<= 32) bits, LSB first, into zeroed `dst`.
template <typename T>
void BitPack(const T* values, int64_t n, int bit_width, uint8_t* dst) {
  uint64_t acc = 0;
  int bits = 0;
  for (int64_t k = 0; k < n; ++k) {
    acc |= static_cast<uint64_t>(values[k]) << bits;
    bits += bit_width;
    while (bits >= 8) {
      *dst++ = static_cast<uint8_t>(acc);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) *dst = static_cast<uint8_t>(acc);
}

template <typename T>
int64_t RunLength(const T* values, int64_t i, int64_t n) {
  int64_t j = i + 1;
  while (j < n && values[j] == values[i]) ++j;
  return j - i;
}

template <typename T>
void Encode(const T* values, int64_t n, int bit_width, std::vector<uint8_t>* out) {
  const int value_bytes = (bit_width + 7) / 8;
  int64_t i = 0;
  while (i < n) {
    int64_t run = RunLength(values, i, n);
    if (run >= 8) {
      Uleb128(static_cast<uint64_t>(run) << 1, out);
      const uint32_t v = values[i];
      for (int b = 0; b < value_bytes; ++b) out->push_back(static_cast<uint8_t>(v >> (8 * b)));
      i += run;
      continue;
    }
    // Bit-pack groups of 8 until a group boundary starts a long run.
    const int64_t start = i;
    do {
      i += 8;
    } while (i < n && RunLength(values, i, n) < 8);
    const int64_t end = i < n ? i : n;
    const int64_t groups = (i - start) / 8;
    Uleb128((static_cast<uint64_t>(groups) << 1) | 1, out);
    const size_t at = out->size();
    out->resize(at + static_cast<size_t>(groups * bit_width), 0);
    BitPack(values + start, end - start, bit_width, out->data() + at);
    if (i > n) i = n;
  }
}

}  // namespace

void EncodeRleHybrid(const uint32_t* values, int64_t n, int bit_width, std::vector<uint8_t>* out) {
  Encode(values, n, bit_width, out);
}

void EncodeRleHybrid(const uint16_t* values, int64_t n, int bit_width, std::vector<uint8_t>* out) {
  Encode(values, n, bit_width, out);
}

void EncodeDictionaryIndices(const uint32_t* indices, int64_t n, int bit_width, std::vector<uint8_t>* out) {
  out->push_back(static_cast<uint8_t>(bit_width));
  Encode(indices, n, bit_width, out);
}

}  // namespace quiver::parquet::encoding
