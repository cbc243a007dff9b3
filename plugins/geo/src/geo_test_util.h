// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only helpers for the geo plugin: WKB from hex, hex from bytes. Header-only.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quiver/arrow/builder.h"
#include "quiver_geo/geoarrow.h"
#include "quiver_geo/wkb.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo::testing {

/// Bytes from hex digits; spaces are ignored. Aborts on anything else (a bug in the test).
inline std::string FromHex(std::string_view hex) {
  std::string out;
  int hi = -1;
  for (char c : hex) {
    if (c == ' ') continue;
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0) std::abort();
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<char>(hi * 16 + v));
      hi = -1;
    }
  }
  if (hi >= 0) std::abort();
  return out;
}

/// Lower-case hex of `bytes`.
inline std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

inline std::span<const uint8_t> Span(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

/// The value of `r`; aborts with the error when there is none (a bug in the test).
template <typename T>
T Unwrap(Result<T> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "test setup failed: %s\n", r.status().ToString().c_str());
    std::abort();
  }
  return std::move(r).value();
}

/// ISO little-endian WKB of `wkt`.
inline std::string WkbOf(std::string_view wkt) {
  std::string out;
  if (!EncodeWkb(Unwrap(DecodeWkt(wkt)), &out).ok()) std::abort();
  return out;
}

using Rows = std::vector<std::optional<std::string>>;

/// A geoarrow.wkb array (over `storage`: binary, large_binary or binary_view) of the WKB
/// of each WKT row; nullopt rows are null.
inline ArrayPtr WkbArray(const Rows& wkts, TypePtr storage = binary(), const GeoArrowMetadata& metadata = {}) {
  const TypePtr type = WkbType(metadata, storage);
  if (storage->id() == TypeId::kBinaryView) {
    BinaryViewBuilder b(type, 64);
    for (const auto& w : wkts) {
      if (!(w ? b.Append(WkbOf(*w)) : b.AppendNull()).ok()) std::abort();
    }
    return Unwrap(b.Finish());
  }
  BinaryBuilder b(type);
  for (const auto& w : wkts) {
    if (!(w ? b.Append(WkbOf(*w)) : b.AppendNull()).ok()) std::abort();
  }
  return Unwrap(b.Finish());
}

/// A geoarrow.wkb array of raw values (for malformed input).
inline ArrayPtr RawWkbArray(const Rows& values) {
  BinaryBuilder b(WkbType());
  for (const auto& v : values) {
    if (!(v ? b.Append(*v) : b.AppendNull()).ok()) std::abort();
  }
  return Unwrap(b.Finish());
}

/// A geoarrow.wkt array of the rows as given.
inline ArrayPtr WktArray(const Rows& wkts, const GeoArrowMetadata& metadata = {}) {
  BinaryBuilder b(WktType(metadata));
  for (const auto& w : wkts) {
    if (!(w ? b.Append(*w) : b.AppendNull()).ok()) std::abort();
  }
  return Unwrap(b.Finish());
}

/// The rows of a binary-like array as strings (nullopt for null).
inline Rows Strings(const ArrayData& a) {
  Rows out;
  const auto* offsets = a.GetValues<int32_t>(1);
  for (int64_t i = 0; i < a.length; ++i) {
    if (!a.IsValid(i)) {
      out.emplace_back();
      continue;
    }
    out.emplace_back(std::string(reinterpret_cast<const char*>(a.buffers[2]->data()) + offsets[i],
                                 static_cast<size_t>(offsets[i + 1] - offsets[i])));
  }
  return out;
}

}  // namespace quiver::geo::testing
