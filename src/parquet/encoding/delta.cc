// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY (Encodings.md).
#include <algorithm>
#include <cstring>

#include "core/str_cat.h"
#include "parquet/encoding/bit_unpack.h"
#include "parquet/encoding/rle.h"
#include "parquet/encoding/values.h"

namespace quiver::parquet::encoding {

using internal::StrCat;

namespace {

int64_t ZigZag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

}  // namespace

Status DecodeDeltaInts(std::span<const uint8_t> in, int64_t n, bool is32, std::vector<int64_t>* out,
                       int64_t* consumed) {
  size_t pos = 0;
  uint64_t block_size, mb_count, total, first;
  QUIVER_RETURN_IF_ERROR(ReadUleb128(in, &pos, &block_size));
  QUIVER_RETURN_IF_ERROR(ReadUleb128(in, &pos, &mb_count));
  QUIVER_RETURN_IF_ERROR(ReadUleb128(in, &pos, &total));
  QUIVER_RETURN_IF_ERROR(ReadUleb128(in, &pos, &first));
  if (block_size == 0 || block_size % 128 != 0 || block_size > (uint64_t{1} << 31)) {
    return Status::InvalidInput(StrCat("expected a DELTA_BINARY_PACKED block size that is a positive multiple of 128 but found ",
                                       block_size));
  }
  if (mb_count == 0 || block_size % mb_count != 0 || (block_size / mb_count) % 32 != 0) {
    return Status::InvalidInput(StrCat("expected DELTA_BINARY_PACKED miniblocks of a multiple of 32 values but found ",
                                       mb_count, " miniblocks in blocks of ", block_size));
  }
  if (total < static_cast<uint64_t>(n)) {
    return Status::InvalidInput(StrCat("expected at least ", n, " DELTA_BINARY_PACKED values but found ", total));
  }
  const int64_t per_mb = static_cast<int64_t>(block_size / mb_count);
  // INT32 deltas may take 33 bits when a writer computes them in 64-bit arithmetic (DuckDB
  // does); decoding in 64 bits and truncating gives the same values either way.
  const int max_width = 64;
  out->resize(static_cast<size_t>(n));
  uint64_t cur = static_cast<uint64_t>(ZigZag(first));
  if (n > 0) (*out)[0] = is32 ? static_cast<int32_t>(cur) : static_cast<int64_t>(cur);
  int64_t done = n > 0 ? 1 : 0;
  while (done < n) {
    uint64_t raw_min;
    QUIVER_RETURN_IF_ERROR(ReadUleb128(in, &pos, &raw_min));
    uint64_t min_delta = static_cast<uint64_t>(ZigZag(raw_min));
    if (in.size() - pos < mb_count) {
      return Status::InvalidInput(StrCat("expected ", mb_count, " miniblock bit widths but found ", in.size() - pos, " bytes"));
    }
    const uint8_t* widths = in.data() + pos;
    pos += static_cast<size_t>(mb_count);
    for (uint64_t m = 0; m < mb_count && done < n; ++m) {
      int w = widths[m];
      if (w > max_width) {
        return Status::InvalidInput(StrCat("expected a miniblock bit width <= ", max_width, " but found ", w));
      }
      int64_t k = std::min<int64_t>(per_mb, n - done);
      int64_t full_bytes = per_mb * w / 8;
      int64_t need_bytes = (k * w + 7) / 8;
      int64_t left = static_cast<int64_t>(in.size() - pos);
      if (need_bytes > left) {
        return Status::InvalidInput(StrCat("expected ", need_bytes, " bytes of a DELTA_BINARY_PACKED miniblock but found ", left));
      }
      const uint8_t* base = in.data() + pos;
      int64_t* dst = out->data() + done;
      uint64_t deltas[256];
      uint32_t narrow[256];
      for (int64_t j = 0; j < k; j += 256) {
        const int64_t c = std::min<int64_t>(256, k - j);
        if (w <= 32) {  // the common case: no widening pass
          UnpackBits32(base, left, w, j, c, narrow);
          if (is32) {
            for (int64_t t = 0; t < c; ++t) dst[j + t] = static_cast<int32_t>(cur += min_delta + narrow[t]);
          } else {
            for (int64_t t = 0; t < c; ++t) dst[j + t] = static_cast<int64_t>(cur += min_delta + narrow[t]);
          }
          continue;
        }
        UnpackBits64(base, left, w, j, c, deltas);
        if (is32) {
          for (int64_t t = 0; t < c; ++t) dst[j + t] = static_cast<int32_t>(cur += min_delta + deltas[t]);
        } else {
          for (int64_t t = 0; t < c; ++t) dst[j + t] = static_cast<int64_t>(cur += min_delta + deltas[t]);
        }
      }
      done += k;
      pos += static_cast<size_t>(std::min(full_bytes, left));
    }
  }
  *consumed = static_cast<int64_t>(pos);
  return Status::OK();
}

Status DecodeDeltaBinaryPacked(std::span<const uint8_t> in, int64_t n, ValueBuffer* out, int64_t* consumed) {
  bool is32 = out->type == PhysicalType::kInt32;
  if (!is32 && out->type != PhysicalType::kInt64) {
    return Status::InvalidInput(StrCat("expected DELTA_BINARY_PACKED on INT32 or INT64 but found ", PhysicalTypeName(out->type)));
  }
  std::vector<int64_t> v;
  QUIVER_RETURN_IF_ERROR(DecodeDeltaInts(in, n, is32, &v, consumed));
  if (is32) {
    QUIVER_ASSIGN_OR_RETURN(uint8_t* dst, out->data.AppendUninitialized(n * 4));
    for (int64_t i = 0; i < n; ++i) {
      int32_t x = static_cast<int32_t>(v[static_cast<size_t>(i)]);
      std::memcpy(dst + i * 4, &x, 4);
    }
    out->count += n;
    return Status::OK();
  }
  return out->AppendFixed(reinterpret_cast<const uint8_t*>(v.data()), n);
}

namespace {

Status CheckLengths(const std::vector<int64_t>& lengths, int64_t available, int64_t* total) {
  int64_t sum = 0;
  for (int64_t len : lengths) {
    if (len < 0) return Status::InvalidInput(StrCat("expected a byte array length >= 0 but found ", len));
    sum += len;  // each len < 2^31 and there are at most 2^28 of them: no overflow
    if (sum > available) {
      return Status::InvalidInput(StrCat("expected byte array lengths to total <= ", available,
                                         " (bytes left in the page) but found more"));
    }
  }
  *total = sum;
  return Status::OK();
}

}  // namespace

Status DecodeDeltaLengthByteArray(std::span<const uint8_t> in, int64_t n, ValueBuffer* out) {
  std::vector<int64_t> lengths;
  int64_t used;
  QUIVER_RETURN_IF_ERROR(DecodeDeltaInts(in, n, true, &lengths, &used));
  int64_t total;
  QUIVER_RETURN_IF_ERROR(CheckLengths(lengths, static_cast<int64_t>(in.size()) - used, &total));
  const uint8_t* p = in.data() + used;
  for (int64_t len : lengths) {
    QUIVER_RETURN_IF_ERROR(out->AppendBinary(p, len));
    p += len;
  }
  return Status::OK();
}

Status DecodeDeltaByteArray(std::span<const uint8_t> in, int64_t n, int64_t max_bytes, ValueBuffer* out) {
  std::vector<int64_t> prefixes, lengths;
  int64_t used1, used2;
  QUIVER_RETURN_IF_ERROR(DecodeDeltaInts(in, n, true, &prefixes, &used1));
  std::span<const uint8_t> rest = in.subspan(static_cast<size_t>(used1));
  QUIVER_RETURN_IF_ERROR(DecodeDeltaInts(rest, n, true, &lengths, &used2));
  int64_t total;
  QUIVER_RETURN_IF_ERROR(CheckLengths(lengths, static_cast<int64_t>(rest.size()) - used2, &total));
  const uint8_t* suffix = rest.data() + used2;
  std::vector<uint8_t> prev, cur;
  int64_t produced = 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t pre = prefixes[static_cast<size_t>(i)];
    if (pre < 0 || pre > static_cast<int64_t>(prev.size())) {
      return Status::InvalidInput(StrCat("expected DELTA_BYTE_ARRAY prefix length in [0, ", prev.size(), "] but found ", pre));
    }
    int64_t len = lengths[static_cast<size_t>(i)];
    produced += pre + len;
    if (produced > max_bytes) {
      return Status::LimitExceeded(StrCat("expected DELTA_BYTE_ARRAY values to total <= ", max_bytes, " bytes but found more"));
    }
    cur.assign(prev.begin(), prev.begin() + pre);
    cur.insert(cur.end(), suffix, suffix + len);
    suffix += len;
    if (out->binary()) {
      QUIVER_RETURN_IF_ERROR(out->AppendBinary(cur.data(), static_cast<int64_t>(cur.size())));
    } else {
      if (static_cast<int64_t>(cur.size()) != out->width) {
        return Status::InvalidInput(StrCat("expected a fixed-length value of ", out->width, " bytes but found ", cur.size()));
      }
      QUIVER_RETURN_IF_ERROR(out->AppendFixed(cur.data(), 1));
    }
    prev.swap(cur);
  }
  return Status::OK();
}

Status DecodeByteStreamSplit(std::span<const uint8_t> in, int64_t n, ValueBuffer* out) {
  const int64_t w = out->width;
  if (w <= 0 || out->type == PhysicalType::kBoolean) {
    return Status::InvalidInput(StrCat("expected BYTE_STREAM_SPLIT on a fixed-width type but found ", PhysicalTypeName(out->type)));
  }
  const int64_t size = static_cast<int64_t>(in.size());
  if (size % w != 0 || size / w < n) {
    return Status::InvalidInput(StrCat("expected BYTE_STREAM_SPLIT data of ", n, " values of ", w, " bytes but found ", size,
                                       " bytes"));
  }
  const int64_t stride = size / w;
  QUIVER_ASSIGN_OR_RETURN(uint8_t* dst, out->data.AppendUninitialized(n * w));
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t b = 0; b < w; ++b) dst[i * w + b] = in[static_cast<size_t>(b * stride + i)];
  }
  out->count += n;
  return Status::OK();
}

}  // namespace quiver::parquet::encoding
