// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY encoders.
#include <algorithm>
#include <cstring>

#include "parquet/encoding/encode.h"
#include "parquet/encoding/rle.h"

namespace quiver::parquet::encoding {

namespace {

constexpr int64_t kBlockSize = 128;
constexpr int64_t kMiniblocks = 4;
constexpr int64_t kPerMiniblock = kBlockSize / kMiniblocks;

void Uleb128(uint64_t v, std::vector<uint8_t>* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<uint8_t>(v));
}

void ZigZag(int64_t v, std::vector<uint8_t>* out) {
  Uleb128((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63), out);
}

// Values as int64 (INT32 sign-extended); `bits` is 32 or 64: the width deltas wrap in.
void EncodeInts(const int64_t* values, int64_t n, int bits, std::vector<uint8_t>* out) {
  Uleb128(kBlockSize, out);
  Uleb128(kMiniblocks, out);
  Uleb128(static_cast<uint64_t>(n), out);
  ZigZag(n > 0 ? values[0] : 0, out);
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  // A delta in the type's width, as a signed value of that width.
  auto delta = [&](int64_t i) -> int64_t {
    const uint64_t d = (static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1])) & mask;
    return bits == 64 ? static_cast<int64_t>(d) : static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(d)));
  };
  uint64_t packed[kBlockSize];
  for (int64_t b = 1; b < n; b += kBlockSize) {
    const int64_t count = std::min(kBlockSize, n - b);
    int64_t min_delta = delta(b);
    for (int64_t i = 1; i < count; ++i) min_delta = std::min(min_delta, delta(b + i));
    for (int64_t i = 0; i < count; ++i) {
      packed[i] = (static_cast<uint64_t>(delta(b + i)) - static_cast<uint64_t>(min_delta)) & mask;
    }
    ZigZag(min_delta, out);
    uint8_t widths[kMiniblocks] = {};
    const int64_t used = (count + kPerMiniblock - 1) / kPerMiniblock;
    for (int64_t m = 0; m < used; ++m) {
      uint64_t max = 0;
      for (int64_t i = m * kPerMiniblock; i < std::min(count, (m + 1) * kPerMiniblock); ++i) max |= packed[i];
      widths[m] = static_cast<uint8_t>(BitWidthOf(max));
    }
    out->insert(out->end(), widths, widths + kMiniblocks);
    for (int64_t m = 0; m < used; ++m) {
      const int w = widths[m];
      const size_t at = out->size();
      out->resize(at + static_cast<size_t>(kPerMiniblock * w / 8), 0);
      uint8_t* dst = out->data() + at;
      // A 128-bit window: values of up to 64 bits shifted in, bytes shifted out.
      unsigned __int128 acc = 0;
      int held = 0;
      for (int64_t i = m * kPerMiniblock; i < (m + 1) * kPerMiniblock; ++i) {
        acc |= static_cast<unsigned __int128>(i < count ? packed[i] : 0) << held;
        held += w;
        while (held >= 8) {
          *dst++ = static_cast<uint8_t>(acc);
          acc >>= 8;
          held -= 8;
        }
      }
    }
  }
}

void EncodeLengths(const std::vector<int64_t>& lengths, std::vector<uint8_t>* out) {
  EncodeInts(lengths.data(), static_cast<int64_t>(lengths.size()), 32, out);
}

std::string_view ValueAt(const ValueBuffer& v, int64_t i) {
  const char* data = reinterpret_cast<const char*>(v.data.data());
  if (v.binary()) {
    const int64_t* off = v.offset_data();
    return {data + off[i], static_cast<size_t>(off[i + 1] - off[i])};
  }
  return {data + i * v.width, static_cast<size_t>(v.width)};
}

}  // namespace

void EncodeDeltaBinaryPacked(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out) {
  std::vector<int64_t> values(static_cast<size_t>(n));
  const uint8_t* data = v.data.data();
  for (int64_t i = 0; i < n; ++i) {
    if (v.type == PhysicalType::kInt32) {
      int32_t x;
      std::memcpy(&x, data + (begin + i) * 4, 4);
      values[static_cast<size_t>(i)] = x;
    } else {
      std::memcpy(&values[static_cast<size_t>(i)], data + (begin + i) * 8, 8);
    }
  }
  EncodeInts(values.data(), n, v.type == PhysicalType::kInt32 ? 32 : 64, out);
}

void EncodeDeltaLengthByteArray(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out) {
  std::vector<int64_t> lengths(static_cast<size_t>(n));
  const int64_t* off = v.offset_data();
  for (int64_t i = 0; i < n; ++i) lengths[static_cast<size_t>(i)] = off[begin + i + 1] - off[begin + i];
  EncodeLengths(lengths, out);
  if (n == 0) return;  // no offsets at all in a ValueBuffer that never held a value
  const uint8_t* data = v.data.data();
  out->insert(out->end(), data + off[begin], data + off[begin + n]);
}

void EncodeDeltaByteArray(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out) {
  std::vector<int64_t> prefixes(static_cast<size_t>(n)), suffixes(static_cast<size_t>(n));
  std::string_view prev;
  for (int64_t i = 0; i < n; ++i) {
    const std::string_view cur = ValueAt(v, begin + i);
    size_t p = 0;
    const size_t limit = std::min(prev.size(), cur.size());
    while (p < limit && prev[p] == cur[p]) ++p;
    prefixes[static_cast<size_t>(i)] = static_cast<int64_t>(p);
    suffixes[static_cast<size_t>(i)] = static_cast<int64_t>(cur.size() - p);
    prev = cur;
  }
  EncodeLengths(prefixes, out);
  EncodeLengths(suffixes, out);
  for (int64_t i = 0; i < n; ++i) {
    const std::string_view cur = ValueAt(v, begin + i);
    const size_t p = static_cast<size_t>(prefixes[static_cast<size_t>(i)]);
    out->insert(out->end(), cur.begin() + static_cast<ptrdiff_t>(p), cur.end());
  }
}

}  // namespace quiver::parquet::encoding
