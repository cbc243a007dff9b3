// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// PLAIN, RLE booleans and BYTE_STREAM_SPLIT encoders.
#include <cstring>

#include "parquet/encoding/encode.h"

namespace quiver::parquet::encoding {

namespace {

void AppendU32(uint32_t v, std::vector<uint8_t>* out) {
  uint8_t b[4];
  std::memcpy(b, &v, 4);
  out->insert(out->end(), b, b + 4);
}

}  // namespace

void EncodePlain(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out) {
  const uint8_t* data = v.data.data();
  if (v.type == PhysicalType::kBoolean) {
    const size_t start = out->size();
    out->resize(start + static_cast<size_t>((n + 7) / 8), 0);
    uint8_t* bits = out->data() + start;
    for (int64_t i = 0; i < n; ++i) {
      if (data[begin + i]) bits[i / 8] = static_cast<uint8_t>(bits[i / 8] | (1u << (i % 8)));
    }
    return;
  }
  if (v.binary()) {
    const int64_t* off = v.offset_data();
    for (int64_t i = begin; i < begin + n; ++i) {
      AppendU32(static_cast<uint32_t>(off[i + 1] - off[i]), out);
      out->insert(out->end(), data + off[i], data + off[i + 1]);
    }
    return;
  }
  out->insert(out->end(), data + begin * v.width, data + (begin + n) * v.width);
}

void EncodeRleBooleans(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out) {
  std::vector<uint32_t> bits(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) bits[static_cast<size_t>(i)] = v.data.data()[begin + i] ? 1 : 0;
  const size_t at = out->size();
  AppendU32(0, out);
  EncodeRleHybrid(bits.data(), n, 1, out);
  const uint32_t len = static_cast<uint32_t>(out->size() - at - 4);
  std::memcpy(out->data() + at, &len, 4);
}

void EncodeByteStreamSplit(const ValueBuffer& v, int64_t begin, int64_t n, std::vector<uint8_t>* out) {
  const int64_t w = v.width;
  const size_t start = out->size();
  out->resize(start + static_cast<size_t>(n * w));
  uint8_t* dst = out->data() + start;
  const uint8_t* src = v.data.data() + begin * w;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t b = 0; b < w; ++b) dst[b * n + i] = src[i * w + b];
  }
}

}  // namespace quiver::parquet::encoding
