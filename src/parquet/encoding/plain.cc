// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// PLAIN and RLE-boolean values, and the value buffer they fill.
#include <cstring>

#include "core/str_cat.h"
#include "parquet/encoding/rle.h"
#include "parquet/encoding/values.h"

namespace quiver::parquet::encoding {

using internal::StrCat;

int32_t PhysicalWidth(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean: return 1;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt96: return 12;
    case PhysicalType::kByteArray: return 0;
    case PhysicalType::kFixedLenByteArray: return type_length;
  }
  return 0;
}

ValueBuffer::ValueBuffer(PhysicalType t, int32_t type_length, MemoryPool* pool)
    : type(t), width(PhysicalWidth(t, type_length)), data(pool), offsets(pool) {
  if (width == 0) (void)offsets.AppendValue<int64_t>(0);
}

Status ValueBuffer::AppendBinary(const uint8_t* bytes, int64_t length) {
  if (offsets.size() == 0) QUIVER_RETURN_IF_ERROR(offsets.AppendValue<int64_t>(0));
  if (length > 0) QUIVER_RETURN_IF_ERROR(data.Append(bytes, length));
  QUIVER_RETURN_IF_ERROR(offsets.AppendValue<int64_t>(data.size()));
  ++count;
  return Status::OK();
}

Status ValueBuffer::AppendFixed(const uint8_t* bytes, int64_t n) {
  QUIVER_RETURN_IF_ERROR(data.Append(bytes, n * width));
  count += n;
  return Status::OK();
}

namespace {

Status DecodePlainBoolean(std::span<const uint8_t> in, int64_t n, ValueBuffer* out) {
  int64_t need = (n + 7) / 8;
  if (need > static_cast<int64_t>(in.size())) {
    return Status::InvalidInput(StrCat("expected ", need, " bytes of PLAIN booleans but found ", in.size()));
  }
  QUIVER_ASSIGN_OR_RETURN(uint8_t* dst, out->data.AppendUninitialized(n));
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    // Byte b of the product holds input bit b in its top bit: spread the byte to 8 lanes,
    // keep bit b in lane b, carry it to the lane's top with + 0x7f, then shift it down.
    const uint64_t spread = (static_cast<uint64_t>(in[static_cast<size_t>(i >> 3)]) * 0x0101010101010101ull) &
                            0x8040201008040201ull;
    const uint64_t bytes = ((spread + 0x7f7f7f7f7f7f7f7full) >> 7) & 0x0101010101010101ull;
    std::memcpy(dst + i, &bytes, 8);
  }
  for (; i < n; ++i) dst[i] = (in[static_cast<size_t>(i >> 3)] >> (i & 7)) & 1;
  out->count += n;
  return Status::OK();
}

Status DecodePlainByteArray(std::span<const uint8_t> in, int64_t n, ValueBuffer* out) {
  size_t pos = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (in.size() - pos < 4) {
      return Status::InvalidInput(StrCat("expected a 4-byte length of PLAIN byte array value ", i, " of ", n,
                                         " but found the end of the page"));
    }
    int32_t len;
    std::memcpy(&len, in.data() + pos, 4);
    pos += 4;
    if (len < 0) return Status::InvalidInput(StrCat("expected a byte array length >= 0 but found ", len));
    if (static_cast<size_t>(len) > in.size() - pos) {
      return Status::InvalidInput(
          StrCat("expected a byte array length <= ", in.size() - pos, " (bytes left in the page) but found ", len));
    }
    pos += static_cast<size_t>(len);
  }
  // Every length is checked: copy the values with the space reserved once (the bytes are
  // at most the page's size).
  if (out->offsets.size() == 0) QUIVER_RETURN_IF_ERROR(out->offsets.AppendValue<int64_t>(0));
  int64_t at = out->data.size();
  QUIVER_ASSIGN_OR_RETURN(uint8_t* data, out->data.AppendUninitialized(static_cast<int64_t>(pos) - 4 * n));
  QUIVER_ASSIGN_OR_RETURN(uint8_t* ends, out->offsets.AppendUninitialized(n * 8));
  data -= at;
  pos = 0;
  for (int64_t i = 0; i < n; ++i) {
    int32_t len;
    std::memcpy(&len, in.data() + pos, 4);
    pos += 4;
    if (len > 0) std::memcpy(data + at, in.data() + pos, static_cast<size_t>(len));
    pos += static_cast<size_t>(len);
    at += len;
    std::memcpy(ends + i * 8, &at, 8);
  }
  out->count += n;
  return Status::OK();
}

}  // namespace

Status DecodePlain(std::span<const uint8_t> in, int64_t n, ValueBuffer* out) {
  if (out->type == PhysicalType::kBoolean) return DecodePlainBoolean(in, n, out);
  if (out->binary()) return DecodePlainByteArray(in, n, out);
  int64_t need = n * out->width;  // n <= page values limit, width <= INT32_MAX: no overflow
  if (need > static_cast<int64_t>(in.size())) {
    return Status::InvalidInput(StrCat("expected ", need, " bytes of PLAIN values but found ", in.size()));
  }
  return out->AppendFixed(in.data(), n);
}

Status DecodeRleBooleans(std::span<const uint8_t> in, int64_t n, ValueBuffer* out) {
  if (in.size() < 4) return Status::InvalidInput("expected a 4-byte length before RLE booleans but found the end of the page");
  uint32_t len;
  std::memcpy(&len, in.data(), 4);
  if (len > in.size() - 4) {
    return Status::InvalidInput(StrCat("expected RLE boolean length <= ", in.size() - 4, " but found ", len));
  }
  RleBitPackedDecoder dec(in.subspan(4, len), 1);
  std::vector<uint32_t> tmp(static_cast<size_t>(n));
  QUIVER_RETURN_IF_ERROR(dec.Decode(tmp.data(), n));
  QUIVER_ASSIGN_OR_RETURN(uint8_t* dst, out->data.AppendUninitialized(n));
  for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<uint8_t>(tmp[static_cast<size_t>(i)] & 1);
  out->count += n;
  return Status::OK();
}

Status DecodeDictionaryIndices(std::span<const uint8_t> in, int64_t n, std::vector<uint32_t>* indices) {
  if (in.empty()) return Status::InvalidInput("expected a dictionary index bit width but found an empty page");
  int bw = in[0];
  if (bw > 32) return Status::InvalidInput(StrCat("expected dictionary index bit width <= 32 but found ", bw));
  indices->resize(static_cast<size_t>(n));
  RleBitPackedDecoder dec(in.subspan(1), bw);
  return dec.Decode(indices->data(), n);
}

Status GatherDictionary(const ValueBuffer& dict, const uint32_t* indices, int64_t n, ValueBuffer* out) {
  uint32_t max = 0;
  for (int64_t i = 0; i < n; ++i) max = indices[i] > max ? indices[i] : max;
  if (n > 0 && max >= dict.count) {
    return Status::InvalidInput(StrCat("expected dictionary index < ", dict.count, " but found ", max));
  }
  if (dict.binary()) {
    const int64_t* off = dict.offset_data();
    const uint8_t* bytes = dict.data.data();
    // Sized once, then filled: no growth check per value.
    int64_t total = 0;
    for (int64_t i = 0; i < n; ++i) total += off[indices[i] + 1] - off[indices[i]];
    if (out->offsets.size() == 0) QUIVER_RETURN_IF_ERROR(out->offsets.AppendValue<int64_t>(0));
    int64_t at = out->data.size();
    QUIVER_ASSIGN_OR_RETURN(uint8_t* data, out->data.AppendUninitialized(total));
    QUIVER_ASSIGN_OR_RETURN(uint8_t* ends, out->offsets.AppendUninitialized(n * 8));
    data -= at;
    for (int64_t i = 0; i < n; ++i) {
      const uint32_t k = indices[i];
      const int64_t len = off[k + 1] - off[k];
      if (len > 0) std::memcpy(data + at, bytes + off[k], static_cast<size_t>(len));
      at += len;
      std::memcpy(ends + i * 8, &at, 8);
    }
    out->count += n;
    return Status::OK();
  }
  const int32_t w = dict.width;
  QUIVER_ASSIGN_OR_RETURN(uint8_t* dst, out->data.AppendUninitialized(n * w));
  const uint8_t* src = dict.data.data();
  if (w == 4) {
    for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * 4, src + size_t{indices[i]} * 4, 4);
  } else if (w == 8) {
    for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * 8, src + size_t{indices[i]} * 8, 8);
  } else {
    for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * w, src + int64_t{indices[i]} * w, static_cast<size_t>(w));
  }
  out->count += n;
  return Status::OK();
}

}  // namespace quiver::parquet::encoding
