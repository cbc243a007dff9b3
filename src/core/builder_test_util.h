// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only helpers: arrays from literal values in one call. Header-only, for *_test.cc.
// They abort with a message when building fails, which in a test is a bug in the test.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "quiver/arrow/builder.h"

namespace quiver::testing {

/// The value of `result`; aborts with the error when there is none.
template <typename T>
T Unwrap(Result<T> result, const char* what = "building a test array") {
  if (!result.ok()) {
    std::fprintf(stderr, "%s failed: %s\n", what, result.status().ToString().c_str());
    std::abort();
  }
  return std::move(result).value();
}

/// A fixed-width array of `type` from values (nullopt = null), stored as T.
template <typename T>
ArrayPtr Array(TypePtr type, const std::vector<std::optional<T>>& values) {
  FixedWidthBuilder<T> b;
  for (const auto& v : values) {
    Status st = v ? b.Append(*v) : b.AppendNull();
    if (!st.ok()) Unwrap(Result<int>(std::move(st)));
  }
  return Unwrap(b.Finish(std::move(type)));
}

inline ArrayPtr Int8s(const std::vector<std::optional<int8_t>>& v) { return Array<int8_t>(int8(), v); }
inline ArrayPtr Int16s(const std::vector<std::optional<int16_t>>& v) { return Array<int16_t>(int16(), v); }
/// int32 values, or another 32-bit type (date32, time32, interval_year_month...).
inline ArrayPtr Int32s(const std::vector<std::optional<int32_t>>& v, TypePtr type = int32()) {
  return Array<int32_t>(std::move(type), v);
}
inline ArrayPtr Int64s(const std::vector<std::optional<int64_t>>& v) { return Array<int64_t>(int64(), v); }
inline ArrayPtr Float64s(const std::vector<std::optional<double>>& v) { return Array<double>(float64(), v); }

/// An interval_day_time value as the int64 with the same bytes (days first).
inline int64_t DayTime(int32_t days, int32_t millis) {
  return static_cast<int64_t>(static_cast<uint64_t>(static_cast<uint32_t>(days)) |
                              (static_cast<uint64_t>(static_cast<uint32_t>(millis)) << 32));
}

struct MonthDayNano {
  int32_t months;
  int32_t days;
  int64_t nanos;
};

inline ArrayPtr MonthDayNanos(const std::vector<MonthDayNano>& values) {
  FixedBytesBuilder b(16);
  for (const auto& v : values) {
    uint8_t bytes[16];
    std::memcpy(bytes, &v.months, 4);
    std::memcpy(bytes + 4, &v.days, 4);
    std::memcpy(bytes + 8, &v.nanos, 8);
    if (!b.Append(bytes).ok()) std::abort();
  }
  return Unwrap(b.Finish(interval_month_day_nano()));
}

/// The `byte_width`-byte little-endian two's complement form of a decimal integer string
/// ("-12345"); aborts on a malformed string or overflow of the width.
inline std::vector<uint8_t> DecimalBytes(std::string_view digits, int byte_width) {
  std::vector<uint32_t> limbs(static_cast<size_t>(byte_width / 4), 0);
  const bool negative = !digits.empty() && digits[0] == '-';
  for (char c : digits.substr(negative ? 1 : 0)) {
    if (c < '0' || c > '9') std::abort();
    uint64_t carry = static_cast<uint64_t>(c - '0');
    for (auto& limb : limbs) {
      const uint64_t v = static_cast<uint64_t>(limb) * 10 + carry;
      limb = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
    if (carry != 0) std::abort();
  }
  if (negative) {
    uint64_t carry = 1;
    for (auto& limb : limbs) {
      const uint64_t v = static_cast<uint64_t>(~limb) + carry;
      limb = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
  }
  std::vector<uint8_t> out(static_cast<size_t>(byte_width));
  std::memcpy(out.data(), limbs.data(), out.size());
  return out;
}

/// A decimal32/64/128/256 array from unscaled decimal integer strings (nullopt = null).
inline ArrayPtr Decimals(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  FixedBytesBuilder b(type->byte_width());
  for (const auto& v : values) {
    Status st = v ? b.Append(DecimalBytes(*v, type->byte_width())) : b.AppendNull();
    if (!st.ok()) Unwrap(Result<int>(std::move(st)));
  }
  return Unwrap(b.Finish(std::move(type)));
}

/// A fixed_size_binary(byte_width) array (nullopt = null).
inline ArrayPtr FixedSizeBinaries(int32_t byte_width, const std::vector<std::optional<std::string>>& values) {
  FixedBytesBuilder b(byte_width);
  for (const auto& v : values) {
    Status st = v ? b.Append({reinterpret_cast<const uint8_t*>(v->data()), v->size()}) : b.AppendNull();
    if (!st.ok()) Unwrap(Result<int>(std::move(st)));
  }
  return Unwrap(b.Finish(fixed_size_binary(byte_width)));
}

inline ArrayPtr Bools(const std::vector<std::optional<bool>>& values) {
  BooleanBuilder b;
  for (const auto& v : values) {
    Status st = v ? b.Append(*v) : b.AppendNull();
    if (!st.ok()) Unwrap(Result<int>(std::move(st)));
  }
  return Unwrap(b.Finish());
}

/// A binary-like array of `type` (binary, utf8, their large_ and _view forms, or an
/// extension stored as one) from values (nullopt = null). `block_size` applies to views.
inline ArrayPtr Strings(TypePtr type, const std::vector<std::optional<std::string>>& values,
                        int64_t block_size = BinaryViewBuilder::kDefaultBlockSize) {
  const DataType& storage =
      type->id() == TypeId::kExtension ? *type->storage_type() : *type;
  const bool views = storage.id() == TypeId::kBinaryView || storage.id() == TypeId::kUtf8View;
  if (views) {
    BinaryViewBuilder b(type, block_size);
    for (const auto& v : values) {
      Status st = v ? b.Append(*v) : b.AppendNull();
      if (!st.ok()) Unwrap(Result<int>(std::move(st)));
    }
    return Unwrap(b.Finish());
  }
  BinaryBuilder b(type);
  for (const auto& v : values) {
    Status st = v ? b.Append(*v) : b.AppendNull();
    if (!st.ok()) Unwrap(Result<int>(std::move(st)));
  }
  return Unwrap(b.Finish());
}

inline ArrayPtr Utf8s(const std::vector<std::optional<std::string>>& values) { return Strings(utf8(), values); }

/// Slice that must succeed.
inline ArrayPtr Slice(const ArrayPtr& array, int64_t offset, int64_t length) {
  return Unwrap(SliceArray(array, offset, length), "slicing");
}

}  // namespace quiver::testing
