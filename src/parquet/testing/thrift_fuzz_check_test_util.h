// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// What the thrift fuzz target (thrift_fuzz.cc) does with one input, shared with the test
// that replays the inputs it found bugs with (tests/regressions/thrift). The first byte
// picks the structure (FileMetaData, PageHeader, ColumnIndex, OffsetIndex), the rest is its
// compact-protocol bytes. A decoded structure is encoded, decoded again and encoded again:
// both decodes must succeed and both encodings must be the same bytes. Header-only, test
// and fuzz code.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "parquet/thrift/metadata_decode.h"
#include "parquet/thrift/metadata_encode.h"

namespace quiver::parquet::testing {

inline bool ThriftExpected(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
    case StatusCode::kInvalidInput:
    case StatusCode::kTruncated:
    case StatusCode::kLimitExceeded: return true;
    default: return false;
  }
}

/// Limits small enough that hostile sizes fail quickly.
inline ParquetLimits ThriftFuzzLimits() {
  ParquetLimits l;
  l.max_footer_size = 1 << 20;
  l.max_thrift_string_size = 1 << 20;
  l.max_thrift_container_size = 1 << 16;
  l.max_page_header_size = 1 << 20;
  return l;
}

/// Decodes `bytes` as a T with `decode`, encodes it with `encode`, and checks the round
/// trip. Returns the first decode's status, or kInternal naming the violated rule.
template <typename T, typename Decode, typename Encode>
Status ThriftRoundTrip(std::span<const uint8_t> bytes, Decode&& decode, Encode&& encode) {
  Result<T> first = decode(bytes);
  if (!ThriftExpected(first.status())) return Status::Internal("decode: " + first.status().ToString());
  if (!first.ok()) return first.status();
  std::vector<uint8_t> once;
  encode(*first, &once);
  Result<T> second = decode(once);
  if (!second.ok()) return Status::Internal("decoding the re-encoded bytes: " + second.status().ToString());
  std::vector<uint8_t> twice;
  encode(*second, &twice);
  if (once != twice) return Status::Internal("decode, encode, decode, encode changed the bytes");
  return Status::OK();
}

inline Status FuzzThrift(std::span<const uint8_t> data) {
  if (data.empty()) return Status::OK();
  const ParquetLimits limits = ThriftFuzzLimits();
  const std::span<const uint8_t> bytes = data.subspan(1);
  switch (data[0] % 4) {
    case 0:
      return ThriftRoundTrip<FileMetaData>(
          bytes, [&](std::span<const uint8_t> b) { return thrift::DecodeFileMetaData(b, limits); },
          [](const FileMetaData& m, std::vector<uint8_t>* out) { thrift::EncodeFileMetaData(m, false, out); });
    case 1:
      return ThriftRoundTrip<PageHeader>(
          bytes,
          [&](std::span<const uint8_t> b) -> Result<PageHeader> {
            int64_t size = 0;
            auto h = thrift::DecodePageHeader(b, limits, &size);
            if (h.ok() && (size <= 0 || size > static_cast<int64_t>(b.size()))) {
              return Status::Internal("DecodePageHeader reports a header size outside the input");
            }
            return h;
          },
          [](const PageHeader& h, std::vector<uint8_t>* out) { thrift::EncodePageHeader(h, out); });
    case 2:
      return ThriftRoundTrip<ColumnIndex>(
          bytes, [&](std::span<const uint8_t> b) { return thrift::DecodeColumnIndex(b, limits); },
          [](const ColumnIndex& c, std::vector<uint8_t>* out) { thrift::EncodeColumnIndex(c, out); });
    default:
      return ThriftRoundTrip<OffsetIndex>(
          bytes, [&](std::span<const uint8_t> b) { return thrift::DecodeOffsetIndex(b, limits); },
          [](const OffsetIndex& o, std::vector<uint8_t>* out) { thrift::EncodeOffsetIndex(o, out); });
  }
}

}  // namespace quiver::parquet::testing
