// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Hand-built, valid sample arrays of every Arrow type, for tests (validation, printing, IPC
// round trips). Header-only so that the library glob (src/core/*.cc) does not pick it up.
// Arrays are built from raw buffers, not builders, so they also pin the exact layouts.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "quiver/arrow/array.h"
#include "quiver/arrow/buffer.h"
#include "quiver/arrow/type.h"

namespace quiver::testing {

/// A named sample; `name` is unique and usable as a gtest parameter name.
struct SampleArray {
  std::string name;
  ArrayPtr array;
};

/// Lets gtest print a sample parameter by name.
inline void PrintTo(const SampleArray& sample, std::ostream* os) { *os << sample.name; }

/// A buffer holding a copy of `values`; null if allocation fails (validation then reports
/// the missing buffer).
template <typename T>
inline std::shared_ptr<Buffer> BufferOf(const std::vector<T>& values) {
  return Buffer::FromVector(values).ValueOr(nullptr);
}

/// A bitmap with bit i set when bits[i] is non-zero (LSB first, as Arrow).
inline std::shared_ptr<Buffer> BitmapOf(const std::vector<int>& bits) {
  std::vector<uint8_t> bytes((bits.size() + 7) / 8, 0);
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) bytes[i / 8] = static_cast<uint8_t>(bytes[i / 8] | (1u << (i % 8)));
  }
  return BufferOf(bytes);
}

inline int64_t CountZeros(const std::vector<int>& bits) {
  int64_t n = 0;
  for (int b : bits) n += b == 0;
  return n;
}

/// Fixed-width array: `values` holds the raw little-endian values (several T per slot for
/// wide types); `validity` empty means no bitmap.
template <typename T>
inline ArrayPtr FixedWidthArray(TypePtr type, int64_t length, const std::vector<T>& values,
                                const std::vector<int>& validity = {}) {
  auto bitmap = validity.empty() ? nullptr : BitmapOf(validity);
  return MakeArrayData(std::move(type), length, {bitmap, BufferOf(values)}, {}, CountZeros(validity));
}

/// Bool array from 0/1 values.
inline ArrayPtr BoolArray(const std::vector<int>& values, const std::vector<int>& validity = {}) {
  auto bitmap = validity.empty() ? nullptr : BitmapOf(validity);
  return MakeArrayData(boolean(), static_cast<int64_t>(values.size()), {bitmap, BitmapOf(values)}, {},
                       CountZeros(validity));
}

/// binary/utf8 (O = int32_t) or large_binary/large_utf8 (O = int64_t); nullopt is a null.
template <typename O>
inline ArrayPtr StringArray(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  std::vector<O> offsets{0};
  std::string data;
  std::vector<int> validity;
  for (const auto& v : values) {
    if (v) data += *v;
    offsets.push_back(static_cast<O>(data.size()));
    validity.push_back(v.has_value());
  }
  const int64_t nulls = CountZeros(validity);
  return MakeArrayData(std::move(type), static_cast<int64_t>(values.size()),
                       {nulls ? BitmapOf(validity) : nullptr, BufferOf(offsets),
                        BufferOf(std::vector<uint8_t>(data.begin(), data.end()))},
                       {}, nulls);
}

/// One 16-byte binary view: inline when value.size() <= 12, else pointing at
/// buffers[2 + buffer_index] at `offset` (whose bytes must equal `value`).
inline void AppendView(std::vector<uint8_t>* views, const std::string& value, int32_t buffer_index = 0,
                       int32_t offset = 0) {
  uint8_t v[16] = {};
  const int32_t length = static_cast<int32_t>(value.size());
  std::memcpy(v, &length, 4);
  if (length <= 12) {
    std::memcpy(v + 4, value.data(), value.size());
  } else {
    std::memcpy(v + 4, value.data(), 4);
    std::memcpy(v + 8, &buffer_index, 4);
    std::memcpy(v + 12, &offset, 4);
  }
  views->insert(views->end(), v, v + 16);
}

/// binary_view/utf8_view: short values inline, long ones alternately in two variadic buffers.
inline ArrayPtr ViewArray(TypePtr type, const std::vector<std::optional<std::string>>& values) {
  std::vector<uint8_t> views;
  std::string data[2];
  std::vector<int> validity;
  int next = 0;
  for (const auto& v : values) {
    validity.push_back(v.has_value());
    const std::string s = v.value_or("");
    if (s.size() <= 12) {
      AppendView(&views, s);
    } else {
      AppendView(&views, s, next, static_cast<int32_t>(data[next].size()));
      data[next] += s;
      next ^= 1;
    }
  }
  const int64_t nulls = CountZeros(validity);
  return MakeArrayData(std::move(type), static_cast<int64_t>(values.size()),
                       {nulls ? BitmapOf(validity) : nullptr, BufferOf(views),
                        BufferOf(std::vector<uint8_t>(data[0].begin(), data[0].end())),
                        BufferOf(std::vector<uint8_t>(data[1].begin(), data[1].end()))},
                       {}, nulls);
}

/// list/large_list/map (O = int32_t or int64_t) over `child`.
template <typename O>
inline ArrayPtr ListArray(TypePtr type, const std::vector<O>& offsets, ArrayPtr child,
                          const std::vector<int>& validity = {}) {
  auto bitmap = validity.empty() ? nullptr : BitmapOf(validity);
  return MakeArrayData(std::move(type), static_cast<int64_t>(offsets.size()) - 1, {bitmap, BufferOf(offsets)},
                       {std::move(child)}, CountZeros(validity));
}

/// list_view/large_list_view over `child`.
template <typename O>
inline ArrayPtr ListViewArray(TypePtr type, const std::vector<O>& offsets, const std::vector<O>& sizes, ArrayPtr child,
                              const std::vector<int>& validity = {}) {
  auto bitmap = validity.empty() ? nullptr : BitmapOf(validity);
  return MakeArrayData(std::move(type), static_cast<int64_t>(offsets.size()), {bitmap, BufferOf(offsets), BufferOf(sizes)},
                       {std::move(child)}, CountZeros(validity));
}

inline ArrayPtr Int32Array(const std::vector<int32_t>& values, const std::vector<int>& validity = {}) {
  return FixedWidthArray(int32(), static_cast<int64_t>(values.size()), values, validity);
}

inline ArrayPtr Utf8Array(const std::vector<std::optional<std::string>>& values) {
  return StringArray<int32_t>(utf8(), values);
}

/// One valid array of every type in type.h (several for some), most with nulls, some with
/// non-zero offsets in children. Every array passes ValidateArrayFull.
inline std::vector<SampleArray> SampleArrays() {
  std::vector<SampleArray> out;
  auto add = [&out](std::string name, ArrayPtr a) { out.push_back({std::move(name), std::move(a)}); };
  const std::vector<int> v5{1, 0, 1, 1, 1};  // validity of five slots, slot 1 null

  add("null", MakeArrayData(null(), 4, {}, {}, 4));
  add("bool", BoolArray({1, 0, 0, 1, 1}, v5));
  add("int8", FixedWidthArray<int8_t>(int8(), 5, {-128, 0, 1, 127, -1}, v5));
  add("int16", FixedWidthArray<int16_t>(int16(), 5, {-32768, 0, 2, 32767, -2}, v5));
  add("int32", FixedWidthArray<int32_t>(int32(), 5, {INT32_MIN, 0, 3, INT32_MAX, -3}, v5));
  add("int64", FixedWidthArray<int64_t>(int64(), 5, {INT64_MIN, 0, 4, INT64_MAX, -4}, v5));
  add("uint8", FixedWidthArray<uint8_t>(uint8(), 5, {0, 1, 2, 255, 7}, v5));
  add("uint16", FixedWidthArray<uint16_t>(uint16(), 5, {0, 1, 2, 65535, 7}, v5));
  add("uint32", FixedWidthArray<uint32_t>(uint32(), 5, {0, 1, 2, UINT32_MAX, 7}));
  add("uint64", FixedWidthArray<uint64_t>(uint64(), 5, {0, 1, 2, UINT64_MAX, 7}, v5));
  // float16 bits: 1.0, -2.0, NaN, +inf, 0.5
  add("float16", FixedWidthArray<uint16_t>(float16(), 5, {0x3C00, 0xC000, 0x7E00, 0x7C00, 0x3800}, v5));
  add("float32", FixedWidthArray<float>(float32(), 5, {1.5f, -0.0f, 3.25f, 1e30f, -7.0f}, v5));
  add("float64", FixedWidthArray<double>(float64(), 5, {1.5, 0.0, -2.5e300, 1e-300, 42.0}, v5));
  add("decimal32", FixedWidthArray<int32_t>(decimal32(9, 2), 3, {12345, -1, 999999999}, {1, 1, 0}));
  add("decimal64", FixedWidthArray<int64_t>(decimal64(18, 3), 3, {-12345, 0, 999999999999999999}, {0, 1, 1}));
  // decimal128: little-endian two's complement, two 64-bit words per value.
  add("decimal128", FixedWidthArray<int64_t>(decimal128(38, 10), 3, {12345, 0, -1, -1, 0, 0}, {1, 1, 0}));
  add("decimal256", FixedWidthArray<int64_t>(decimal256(76, 20), 2, {7, 0, 0, 0, -7, -1, -1, -1}, {1, 1}));
  add("date32", FixedWidthArray<int32_t>(date32(), 3, {0, 19000, -365}, {1, 0, 1}));
  add("date64", FixedWidthArray<int64_t>(date64(), 3, {0, 86400000LL * 19000, -86400000}, {1, 1, 0}));
  add("time32_s", FixedWidthArray<int32_t>(time32(TimeUnit::kSecond), 3, {0, 3600, 86399}, {1, 0, 1}));
  add("time32_ms", FixedWidthArray<int32_t>(time32(TimeUnit::kMilli), 3, {0, 3600000, 86399999}));
  add("time64_us", FixedWidthArray<int64_t>(time64(TimeUnit::kMicro), 3, {0, 1, 86399999999}, {1, 0, 1}));
  add("time64_ns", FixedWidthArray<int64_t>(time64(TimeUnit::kNano), 2, {5, 86399999999999}));
  add("timestamp_us_utc",
      FixedWidthArray<int64_t>(timestamp(TimeUnit::kMicro, "UTC"), 3, {0, 1700000000000000, -1}, {1, 1, 0}));
  add("timestamp_ns", FixedWidthArray<int64_t>(timestamp(TimeUnit::kNano), 2, {1, 2}, {0, 1}));
  add("timestamp_s_tz",
      FixedWidthArray<int64_t>(timestamp(TimeUnit::kSecond, "Europe/Paris"), 2, {1700000000, 0}));
  add("duration_ms", FixedWidthArray<int64_t>(duration(TimeUnit::kMilli), 3, {-5, 0, 5000}, {1, 0, 1}));
  add("interval_year_month", FixedWidthArray<int32_t>(interval_year_month(), 3, {12, -1, 0}, {1, 1, 0}));
  // day_time: (days, millis) as two int32 per value.
  add("interval_day_time", FixedWidthArray<int32_t>(interval_day_time(), 3, {1, 500, -2, 0, 0, 0}, {1, 1, 0}));
  // month_day_nano: (months int32, days int32, nanos int64) = 16 bytes per value.
  add("interval_month_day_nano",
      FixedWidthArray<int32_t>(interval_month_day_nano(), 2, {1, 2, 3, 0, -1, -2, -3, -1}, {1, 0}));
  add("binary", StringArray<int32_t>(binary(), {std::string("\x00\xff", 2), std::nullopt, "", "abc", "\x80"}));
  add("utf8", Utf8Array({"hello", std::nullopt, "", "caf\xc3\xa9", "\xf0\x9f\x98\x80 emoji"}));
  add("large_binary", StringArray<int64_t>(large_binary(), {"x", "", std::nullopt, std::string("\0\1\2", 3)}));
  add("large_utf8", StringArray<int64_t>(large_utf8(), {std::nullopt, "\xe2\x82\xac", "plain", ""}));
  add("binary_view", ViewArray(binary_view(), {"short", std::nullopt, "a string longer than 12", "",
                                               std::string("\xff\x00 binary bytes \x01", 17), "exactly12byt"}));
  add("utf8_view", ViewArray(utf8_view(), {"inline", "out of line string one", std::nullopt,
                                           "out of line string two \xc3\xa9", "", "and a third long one"}));
  add("fixed_size_binary", FixedWidthArray<uint8_t>(fixed_size_binary(3), 3, {'a', 'b', 'c', 0, 0, 0, 1, 2, 3},
                                                    {1, 0, 1}));
  add("fixed_size_binary_0", FixedWidthArray<uint8_t>(fixed_size_binary(0), 3, {}, {1, 0, 1}));

  // list<int32>: [[1, 2], null, [], [3, null, 5], [6]]
  add("list", ListArray<int32_t>(list(int32()), {0, 2, 2, 2, 5, 6}, Int32Array({1, 2, 3, 0, 5, 6}, {1, 1, 1, 0, 1, 1}),
                                 v5));
  // large_list<utf8> over a child sliced to start at 1.
  {
    auto child = Utf8Array({"skipped", "a", std::nullopt, "b", "c"});
    child->offset = 1;
    child->length = 4;
    child->null_count = 1;
    add("large_list", ListArray<int64_t>(large_list(utf8()), {0, 1, 3, 3, 4}, child, {1, 1, 0, 1}));
  }
  // fixed_size_list<int16, 2>: [[1, 2], null, [5, null]]
  add("fixed_size_list", MakeArrayData(fixed_size_list(int16(), 2), 3, {BitmapOf({1, 0, 1})},
                                       {FixedWidthArray<int16_t>(int16(), 6, {1, 2, 0, 0, 5, 0}, {1, 1, 0, 0, 1, 0})},
                                       1));
  // list_view<int32>: out of order and overlapping views.
  add("list_view", ListViewArray<int32_t>(list_view(int32()), {4, 0, 6, 1, 0}, {2, 3, 0, 4, 0},
                                          Int32Array({10, 11, 12, 13, 14, 15}, {1, 1, 0, 1, 1, 1}), v5));
  add("large_list_view",
      ListViewArray<int64_t>(large_list_view(int8()), {2, 0, 0}, {2, 4, 0},
                             FixedWidthArray<int8_t>(int8(), 4, {1, 2, 3, 4}), {1, 1, 0}));

  // struct<a: int32, b: utf8> with a child longer than the struct.
  {
    auto type = struct_({field("a", int32()), field("b", utf8())});
    add("struct", MakeArrayData(type, 4, {BitmapOf({1, 1, 0, 1})},
                                {Int32Array({1, 2, 3, 4, 99}, {1, 0, 1, 1, 1}), Utf8Array({"w", "x", "y", std::nullopt})},
                                1));
  }
  // map<utf8, int32>: [{a: 1, b: null}, null, {}, {c: 3}]
  {
    auto type = map(utf8(), int32());
    const TypePtr& entries_type = type->field(0)->type();
    auto entries = MakeArrayData(entries_type, 3, {nullptr},
                                 {Utf8Array({"a", "b", "c"}), Int32Array({1, 0, 3}, {1, 0, 1})}, 0);
    add("map", ListArray<int32_t>(type, {0, 2, 2, 2, 3}, entries, {1, 0, 1, 1}));
  }
  // Unions with non-default type codes.
  {
    auto type = sparse_union({field("i", int32()), field("s", utf8())}, {3, 7});
    add("sparse_union", MakeArrayData(type, 5, {BufferOf(std::vector<int8_t>{3, 7, 3, 3, 7})},
                                      {Int32Array({1, 0, 3, 4, 0}, {1, 0, 0, 1, 1}),
                                       Utf8Array({"", "b", std::nullopt, "", "e"})},
                                      0));
  }
  {
    auto type = dense_union({field("i", int32()), field("s", utf8())}, {2, 5});
    add("dense_union", MakeArrayData(type, 5,
                                     {BufferOf(std::vector<int8_t>{2, 5, 2, 5, 2}),
                                      BufferOf(std::vector<int32_t>{0, 0, 1, 1, 1})},
                                     {Int32Array({1, 2}, {1, 0}), Utf8Array({"x", std::nullopt})}, 0));
  }
  // Dictionaries; index 9 under the null slot is out of range, which the format allows.
  add("dictionary_int8",
      MakeArrayData(dictionary(int8(), utf8()), 5, {BitmapOf(v5), BufferOf(std::vector<int8_t>{0, 9, 2, 1, 0})}, {}, 1,
                    0, Utf8Array({"red", "green", std::nullopt})));
  add("dictionary_uint32",
      MakeArrayData(dictionary(uint32(), int64(), true), 4,
                    {nullptr, BufferOf(std::vector<uint32_t>{1, 1, 0, 1})}, {}, 0, 0,
                    FixedWidthArray<int64_t>(int64(), 2, {-5, 5})));
  // Run-end encoded: logical [10, 10, null, 30, 30, 30].
  add("run_end_encoded_int16",
      MakeArrayData(run_end_encoded(int16(), int32()), 6, {},
                    {FixedWidthArray<int16_t>(int16(), 3, {2, 3, 6}), Int32Array({10, 0, 30}, {1, 0, 1})}, 0));
  add("run_end_encoded_int32",
      MakeArrayData(run_end_encoded(int32(), utf8()), 5, {},
                    {FixedWidthArray<int32_t>(int32(), 2, {4, 5}), Utf8Array({"four", std::nullopt})}, 0));
  add("run_end_encoded_int64",
      MakeArrayData(run_end_encoded(int64(), float64()), 3, {},
                    {FixedWidthArray<int64_t>(int64(), 3, {1, 2, 3}), FixedWidthArray<double>(float64(), 3, {1, 2, 3})},
                    0));
  add("extension", FixedWidthArray<uint8_t>(extension("quiver.test.uuid", fixed_size_binary(4), "v1"), 3,
                                            {1, 2, 3, 4, 0, 0, 0, 0, 5, 6, 7, 8}, {1, 0, 1}));

  // Nesting: list<struct<k: utf8, v: list<int8>>>.
  {
    auto inner = list(int8());
    auto st = struct_({field("k", utf8()), field("v", inner)});
    auto v = ListArray<int32_t>(inner, {0, 1, 1, 3}, FixedWidthArray<int8_t>(int8(), 3, {1, 2, 3}), {1, 0, 1});
    auto s = MakeArrayData(st, 3, {nullptr}, {Utf8Array({"p", "q", "r"}), v}, 0);
    add("list_of_struct", ListArray<int32_t>(list(st), {0, 2, 3}, s));
  }
  // A struct holding a dictionary and an extension over a struct.
  {
    auto ext = extension("quiver.test.point", struct_({field("x", float64()), field("y", float64())}));
    auto point = MakeArrayData(ext, 2, {BitmapOf({1, 0})},
                               {FixedWidthArray<double>(float64(), 2, {1, 2}), FixedWidthArray<double>(float64(), 2, {3, 4})},
                               1);
    auto dict = MakeArrayData(dictionary(int16(), utf8()), 2, {nullptr, BufferOf(std::vector<int16_t>{1, 0})}, {}, 0, 0,
                              Utf8Array({"a", "b"}));
    auto st = struct_({field("d", dict->type), field("p", ext)});
    add("struct_of_dictionary_and_extension", MakeArrayData(st, 2, {nullptr}, {dict, point}, 0));
  }
  add("empty_utf8_without_buffers", MakeArrayData(utf8(), 0, {nullptr, nullptr, nullptr}, {}, 0));
  return out;
}

}  // namespace quiver::testing
