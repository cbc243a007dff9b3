// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Test-only RapidCheck generators of random valid arrays and tables over every TypeId of
// quiver/arrow/type.h, for the IPC property tests. Header-only, for *_property_test.cc
// (RapidCheck needs -fexceptions); call them inside a property or an rc::gen::exec.
//
// Coverage: every leaf type (null, bool, all integers, float16/32/64, decimal32..256 with
// random valid precision and scale, date, time32/64 with their units, timestamp with and
// without a time zone, duration, the three intervals, binary/utf8 and their large_ and
// _view forms with inline and out-of-line views over several variadic buffers,
// fixed_size_binary including width 0) and every nested kind (list, large_list,
// fixed_size_list, list_view and large_list_view with overlapping out-of-order views,
// struct including the empty struct, map with non-null keys, sparse and dense unions with
// random type codes, dictionaries with every integer index type and nested values,
// run-end encoded with int16/32/64 run ends, extension types), nested up to kMaxDepth
// levels, with nulls, zero-length arrays and children that are slices with offsets.
#pragma once

#include <rapidcheck.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "core/builder_test_util.h"
#include "ipc/ipc_test_util.h"
#include "quiver/arrow/builder.h"

namespace quiver::ipc::testing {

/// Nested types stop at this depth: the deepest path is four nested types over a leaf.
inline constexpr int kMaxDepth = 4;

/// What may sit at the root of a generated array. A Field carries one dictionary encoding
/// and one extension name, so dictionary values can be neither a dictionary nor an
/// extension, and extension storage cannot be an extension; an extension over a dictionary
/// is the canonical form (dictionary(extension) reads back as it, as in Arrow C++).
enum class Root { kAny, kDictionaryValues, kStorage };

/// A value in [lo, hi), uniform whatever the RapidCheck size (gen::inRange scales its
/// range with the size, so at the start of a run it would pick only the first kinds).
template <typename T = int>
T Pick(T lo, T hi) {
  return *rc::gen::resize(rc::kNominalSize, rc::gen::inRange<T>(lo, hi));
}

/// One bool per slot, false = null: all valid, some nulls or all null.
inline std::vector<bool> GenValidity(int64_t n, bool nullable = true) {
  std::vector<bool> v(static_cast<size_t>(n), true);
  if (!nullable) return v;
  const int mode = Pick(0, 8);
  if (mode >= 4) {
    for (auto&& b : v) b = mode == 7 ? false : Pick(0, 4) != 0;
  }
  return v;
}

template <typename T>
std::vector<uint8_t> BytesOf(T value) {
  std::vector<uint8_t> out(sizeof(T));
  std::memcpy(out.data(), &value, sizeof(T));
  return out;
}

inline std::vector<uint8_t> GenBytes(int64_t n) {
  std::vector<uint8_t> out(static_cast<size_t>(n));
  for (auto& b : out) b = *rc::gen::arbitrary<uint8_t>();
  return out;
}

/// A fixed-width array of `type` whose valid slots get `value()` (byte_width bytes).
template <typename F>
ArrayPtr GenFixed(const TypePtr& type, int64_t length, bool nullable, F&& value) {
  const auto valid = GenValidity(length, nullable);
  FixedBytesBuilder b(type->byte_width());
  for (int64_t i = 0; i < length; ++i) {
    Status st = valid[static_cast<size_t>(i)] ? b.Append(value()) : b.AppendNull();
    if (!st.ok()) quiver::testing::Unwrap(Result<int>(std::move(st)));
  }
  return quiver::testing::Unwrap(b.Finish(type));
}

template <typename T>
ArrayPtr GenNumbers(const TypePtr& type, int64_t length, bool nullable) {
  return GenFixed(type, length, nullable, [] { return BytesOf(*rc::gen::arbitrary<T>()); });
}

template <typename T>
ArrayPtr GenInRange(const TypePtr& type, int64_t length, bool nullable, T lo, T hi) {
  return GenFixed(type, length, nullable, [=] { return BytesOf(Pick<T>(lo, hi)); });
}

/// A decimal of `type` with at most precision() digits, as DecimalBytes expects.
inline ArrayPtr GenDecimals(const TypePtr& type, int64_t length, bool nullable) {
  return GenFixed(type, length, nullable, [&] {
    std::string digits = *rc::gen::arbitrary<bool>() ? "-" : "";
    const int n = Pick(1, type->precision() + 1);
    for (int k = 0; k < n; ++k) digits.push_back(static_cast<char>('0' + Pick(0, 10)));
    return quiver::testing::DecimalBytes(digits, type->byte_width());
  });
}

inline TypePtr GenDecimalType() {
  const int kind = Pick(0, 4);
  static constexpr int32_t kMaxPrecision[] = {9, 18, 38, 76};
  const int32_t precision = Pick(1, kMaxPrecision[kind] + 1);
  const int32_t scale = Pick(-3, precision + 1);  // negative scales are legal
  switch (kind) {
    case 0: return decimal32(precision, scale);
    case 1: return decimal64(precision, scale);
    case 2: return decimal128(precision, scale);
    default: return decimal256(precision, scale);
  }
}

/// Valid UTF-8 (1- to 4-byte sequences) when `utf8`, else arbitrary bytes; lengths
/// straddle the 12-byte inline limit of views.
inline std::string GenString(bool utf8) {
  std::string s;
  if (!utf8) {
    for (uint8_t b : GenBytes(Pick(0, 24))) s.push_back(static_cast<char>(b));
    return s;
  }
  static const char* const kPieces[] = {"a", "Z", " ", "0", "~", "\x7f",                 // ASCII
                                        "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};  // 2, 3, 4 bytes
  const int n = Pick(0, 14);
  for (int k = 0; k < n; ++k) s += kPieces[Pick(0, 9)];
  return s;
}

inline ArrayPtr GenStrings(const TypePtr& type, int64_t length, bool nullable) {
  const TypeId id = type->id();
  const bool utf8 = id == TypeId::kUtf8 || id == TypeId::kLargeUtf8 || id == TypeId::kUtf8View;
  const auto valid = GenValidity(length, nullable);
  std::vector<std::optional<std::string>> values;
  for (int64_t i = 0; i < length; ++i) {
    values.push_back(valid[static_cast<size_t>(i)] ? std::optional<std::string>(GenString(utf8)) : std::nullopt);
  }
  // Small blocks spread out-of-line view data over several variadic buffers.
  return quiver::testing::Strings(type, values, *rc::gen::element<int64_t>(8, 24, 64, 1 << 15));
}

inline TimeUnit GenUnit() {
  return *rc::gen::element(TimeUnit::kSecond, TimeUnit::kMilli, TimeUnit::kMicro, TimeUnit::kNano);
}

/// Number of leaf kinds GenLeaf chooses from.
inline constexpr int kLeafKinds = 33;

/// A leaf (non-nested) array of `length`; no nulls (and never the null type) unless
/// `nullable`.
inline ArrayPtr GenLeaf(int64_t length, bool nullable = true) {
  constexpr int64_t kDay = 86400;
  switch (Pick(nullable ? 0 : 1, kLeafKinds)) {
    case 0: return quiver::testing::Unwrap(MakeArrayOfNulls(null(), length));
    case 1: {
      const auto valid = GenValidity(length, nullable);
      std::vector<std::optional<bool>> v;
      for (int64_t i = 0; i < length; ++i) {
        v.push_back(valid[static_cast<size_t>(i)] ? std::optional<bool>(*rc::gen::arbitrary<bool>()) : std::nullopt);
      }
      return quiver::testing::Bools(v);
    }
    case 2: return GenNumbers<int8_t>(int8(), length, nullable);
    case 3: return GenNumbers<int16_t>(int16(), length, nullable);
    case 4: return GenNumbers<int32_t>(int32(), length, nullable);
    case 5: return GenNumbers<int64_t>(int64(), length, nullable);
    case 6: return GenNumbers<uint8_t>(uint8(), length, nullable);
    case 7: return GenNumbers<uint16_t>(uint16(), length, nullable);
    case 8: return GenNumbers<uint32_t>(uint32(), length, nullable);
    case 9: return GenNumbers<uint64_t>(uint64(), length, nullable);
    case 10: return GenNumbers<uint16_t>(float16(), length, nullable);
    case 11: return GenNumbers<float>(float32(), length, nullable);
    case 12: return GenNumbers<double>(float64(), length, nullable);
    case 13:
    case 14: return GenDecimals(GenDecimalType(), length, nullable);
    case 15: return GenInRange<int32_t>(date32(), length, nullable, -100000, 100000);
    case 16:
      return GenFixed(date64(), length, nullable,
                      [] { return BytesOf<int64_t>(Pick<int64_t>(-100000, 100000) * kDay * 1000); });
    case 17: {
      const TimeUnit unit = *rc::gen::element(TimeUnit::kSecond, TimeUnit::kMilli);
      return GenInRange<int32_t>(time32(unit), length, nullable, 0,
                                 static_cast<int32_t>(unit == TimeUnit::kSecond ? kDay : kDay * 1000));
    }
    case 18: {
      const TimeUnit unit = *rc::gen::element(TimeUnit::kMicro, TimeUnit::kNano);
      return GenInRange<int64_t>(time64(unit), length, nullable, 0,
                                 kDay * (unit == TimeUnit::kMicro ? 1000000 : 1000000000));
    }
    case 19: {
      std::string zone = *rc::gen::element<std::string>("", "UTC", "Europe/Paris", "+05:30");
      return GenNumbers<int64_t>(timestamp(GenUnit(), std::move(zone)), length, nullable);
    }
    case 20: return GenNumbers<int64_t>(duration(GenUnit()), length, nullable);
    case 21: return GenNumbers<int32_t>(interval_year_month(), length, nullable);
    case 22: return GenFixed(interval_day_time(), length, nullable, [] { return GenBytes(8); });
    case 23: return GenFixed(interval_month_day_nano(), length, nullable, [] { return GenBytes(16); });
    case 24: return GenStrings(binary(), length, nullable);
    case 25: return GenStrings(utf8(), length, nullable);
    case 26: return GenStrings(large_binary(), length, nullable);
    case 27: return GenStrings(large_utf8(), length, nullable);
    case 28: return GenStrings(binary_view(), length, nullable);
    case 29:
    case 30: return GenStrings(utf8_view(), length, nullable);
    default: {
      const int32_t width = Pick(0, 6);
      return GenFixed(fixed_size_binary(width), length, nullable, [width] { return GenBytes(width); });
    }
  }
}

inline ArrayPtr GenArray(int depth, int64_t length, Root root = Root::kAny);

/// GenArray, sometimes as a slice of a longer array, so that children carry offsets.
inline ArrayPtr GenChild(int depth, int64_t length, Root root = Root::kAny) {
  if (Pick(0, 3) != 0) return GenArray(depth, length, root);
  const int64_t lead = Pick<int64_t>(1, 5);
  const ArrayPtr a = GenArray(depth, lead + length + Pick<int64_t>(0, 3), root);
  return quiver::testing::Slice(a, lead, length);
}

/// A field for `child`, non-nullable only when it has no nulls.
inline FieldPtr FieldFor(std::string name, const ArrayPtr& child) {
  const bool nullable = child->GetNullCount() > 0 || child->type->id() == TypeId::kNull || *rc::gen::arbitrary<bool>();
  return field(std::move(name), child->type, nullable);
}

/// list/large_list/map offsets: `length` + 1 non-decreasing values from a random start.
inline std::vector<int64_t> GenOffsets(int64_t length) {
  std::vector<int64_t> offsets{Pick<int64_t>(0, 3)};
  for (int64_t i = 0; i < length; ++i) offsets.push_back(offsets.back() + Pick(0, 4));
  return offsets;
}

/// `n` distinct union type codes in [0, 127], in random order.
inline std::vector<int8_t> GenTypeCodes(int n) {
  std::vector<int8_t> codes;
  while (static_cast<int>(codes.size()) < n) {
    const auto c = static_cast<int8_t>(Pick(0, 128));
    if (std::find(codes.begin(), codes.end(), c) == codes.end()) codes.push_back(c);
  }
  return codes;
}

inline ArrayPtr GenList(int depth, int64_t length, bool large) {
  const auto offsets = GenOffsets(length);
  ArrayPtr child = GenChild(depth + 1, offsets.back() + Pick(0, 3));
  const FieldPtr f = FieldFor(*rc::gen::element<std::string>("item", "element"), child);
  return Must(MakeListArray(large ? large_list(f) : list(f), offsets, child, GenValidity(length)));
}

/// Views in any order, overlapping, some empty, all inside the child.
inline ArrayPtr GenListView(int depth, int64_t length, bool large) {
  ArrayPtr child = GenChild(depth + 1, Pick<int64_t>(0, 2 * length + 4));
  std::vector<int64_t> offsets, sizes;
  for (int64_t i = 0; i < length; ++i) {
    offsets.push_back(Pick<int64_t>(0, child->length + 1));
    sizes.push_back(Pick<int64_t>(0, std::min<int64_t>(child->length - offsets.back(), 4) + 1));
  }
  const FieldPtr f = FieldFor("item", child);
  return Must(MakeListViewArray(large ? large_list_view(f) : list_view(f), offsets, sizes, child, GenValidity(length)));
}

inline ArrayPtr GenStruct(int depth, int64_t length) {
  const int n = Pick(0, 8) == 0 ? 0 : Pick(1, 4);
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> children;
  for (int c = 0; c < n; ++c) {
    children.push_back(GenChild(depth + 1, length + Pick(0, 3)));  // may be longer
    fields.push_back(FieldFor("f" + std::to_string(c), children.back()));
  }
  return Must(MakeStructArray(fields, children, GenValidity(length), length));
}

inline ArrayPtr GenMap(int depth, int64_t length) {
  const auto offsets = GenOffsets(length);
  const int64_t entries = offsets.back() + Pick(0, 3);
  const int64_t lead = Pick<int64_t>(0, 3);
  ArrayPtr keys = quiver::testing::Slice(GenLeaf(lead + entries, /*nullable=*/false), lead, entries);
  ArrayPtr items = GenChild(depth + 1, entries);
  return Must(MakeMapArray(map(keys->type, items->type, *rc::gen::arbitrary<bool>()), offsets, keys, items,
                           GenValidity(length)));
}

inline ArrayPtr GenSparseUnion(int depth, int64_t length) {
  const auto codes = GenTypeCodes(Pick(1, 4));
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> children;
  for (size_t c = 0; c < codes.size(); ++c) {
    children.push_back(GenChild(depth + 1, length + Pick(0, 3)));
    fields.push_back(FieldFor("u" + std::to_string(c), children.back()));
  }
  std::vector<int8_t> ids;
  for (int64_t i = 0; i < length; ++i) ids.push_back(*rc::gen::elementOf(codes));
  return Must(MakeSparseUnionArray(sparse_union(fields, codes), ids, children));
}

/// Children may be empty when no slot selects them; offsets are non-decreasing per child
/// (full validation requires it) and may repeat.
inline ArrayPtr GenDenseUnion(int depth, int64_t length) {
  const int n = Pick(1, 4);
  std::vector<int64_t> lengths;
  for (int c = 0; c < n; ++c) lengths.push_back(Pick<int64_t>(0, 6));
  if (length > 0 && lengths[0] == 0) lengths[0] = 1;
  std::vector<int> usable;
  for (int c = 0; c < n; ++c) {
    if (lengths[static_cast<size_t>(c)] > 0) usable.push_back(c);
  }
  const auto codes = GenTypeCodes(n);
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> children;
  for (int c = 0; c < n; ++c) {
    children.push_back(GenChild(depth + 1, lengths[static_cast<size_t>(c)]));
    fields.push_back(FieldFor("u" + std::to_string(c), children.back()));
  }
  std::vector<int8_t> ids;
  std::vector<int32_t> offsets;
  std::vector<int64_t> next(static_cast<size_t>(n), 0);
  for (int64_t i = 0; i < length; ++i) {
    const auto k = static_cast<size_t>(*rc::gen::elementOf(usable));
    ids.push_back(codes[k]);
    offsets.push_back(static_cast<int32_t>(std::min(next[k], lengths[k] - 1)));
    next[k] += Pick(0, 2);
  }
  return Must(MakeDenseUnionArray(dense_union(fields, codes), ids, offsets, children));
}

/// Indices of every integer type, signed and unsigned; values of any type but a
/// dictionary, themselves possibly holding dictionaries deeper down.
inline ArrayPtr GenDictionary(int depth, int64_t length) {
  const TypePtr index = *rc::gen::element(int8(), int16(), int32(), int64(), uint8(), uint16(), uint32(), uint64());
  const int64_t size = Pick<int64_t>(0, 7);
  ArrayPtr values = GenChild(depth + 1, size, Root::kDictionaryValues);
  const auto valid = GenValidity(length, /*nullable=*/true);
  FixedBytesBuilder b(index->byte_width());
  for (int64_t i = 0; i < length; ++i) {
    if (size == 0 || !valid[static_cast<size_t>(i)]) {
      if (!b.AppendNull().ok()) std::abort();
      continue;
    }
    const auto v = BytesOf<int64_t>(Pick<int64_t>(0, size));  // little-endian: low bytes first
    if (!b.Append(std::span<const uint8_t>(v.data(), static_cast<size_t>(index->byte_width()))).ok()) std::abort();
  }
  ArrayPtr indices = quiver::testing::Unwrap(b.Finish(index));
  return Must(MakeDictionaryArray(dictionary(index, values->type, *rc::gen::arbitrary<bool>()), indices, values));
}

/// Runs of 1-4 slots; the last run may end past `length`.
inline ArrayPtr GenRunEndEncoded(int depth, int64_t length) {
  const TypePtr end_type = *rc::gen::element(int16(), int32(), int64());
  std::vector<int64_t> ends;
  while (length > 0 && (ends.empty() || ends.back() < length)) {
    ends.push_back((ends.empty() ? 0 : ends.back()) + Pick(1, 5));
  }
  FixedBytesBuilder b(end_type->byte_width());
  for (int64_t e : ends) {
    const auto v = BytesOf<int64_t>(e);
    if (!b.Append(std::span<const uint8_t>(v.data(), static_cast<size_t>(end_type->byte_width()))).ok()) std::abort();
  }
  ArrayPtr run_ends = quiver::testing::Unwrap(b.Finish(end_type));
  ArrayPtr values = GenChild(depth + 1, static_cast<int64_t>(ends.size()));
  return Must(MakeRunEndEncodedArray(run_ends, values, length));
}

inline ArrayPtr GenExtension(int depth, int64_t length) {
  ArrayPtr storage = GenChild(depth + 1, length, Root::kStorage);
  auto type = extension("quiver.test.ext" + std::to_string(Pick(0, 3)), storage->type,
                        *rc::gen::element<std::string>("", "v1", std::string("\0meta", 5)));
  return Must(MakeExtensionArray(type, storage));
}

/// A random valid array of `length` slots at nesting `depth` (0 at a column's root):
/// nested types grow rarer with depth and stop at kMaxDepth.
inline ArrayPtr GenArray(int depth, int64_t length, Root root) {
  if (depth >= kMaxDepth || Pick(0, 8) < 2 + depth) return GenLeaf(length);
  switch (Pick(0, 12)) {
    case 0: return GenList(depth, length, /*large=*/false);
    case 1: return GenList(depth, length, /*large=*/true);
    case 2: {
      const int32_t size = Pick(0, 4);
      ArrayPtr child = GenChild(depth + 1, length * size + Pick(0, 3));
      return Must(MakeFixedSizeListArray(fixed_size_list(FieldFor("item", child), size), length, child,
                                         GenValidity(length)));
    }
    case 3: return GenListView(depth, length, /*large=*/false);
    case 4: return GenListView(depth, length, /*large=*/true);
    case 5: return GenStruct(depth, length);
    case 6: return GenMap(depth, length);
    case 7: return GenSparseUnion(depth, length);
    case 8: return GenDenseUnion(depth, length);
    case 9: return root != Root::kDictionaryValues ? GenDictionary(depth, length) : GenStruct(depth, length);
    case 10: return GenRunEndEncoded(depth, length);
    default: return root == Root::kAny ? GenExtension(depth, length) : GenList(depth, length, false);
  }
}

/// A table of 1-4 random columns, each a random slice of a longer array, split into
/// random batches, sometimes with an empty batch (and no rows at all).
inline TablePtr GenTable() {
  const int64_t rows = Pick(0, 8) == 0 ? 0 : *rc::gen::inRange<int64_t>(1, 40);  // grows with the run
  const int ncols = Pick(1, 5);
  std::vector<ArrayPtr> columns;
  std::vector<FieldPtr> fields;
  for (int c = 0; c < ncols; ++c) {
    const int64_t lead = Pick<int64_t>(0, 10);
    ArrayPtr a = GenArray(0, lead + rows + Pick<int64_t>(0, 3));
    columns.push_back(quiver::testing::Slice(a, lead, rows));
    KeyValueMetadata metadata;
    if (Pick(0, 4) == 0) metadata.emplace_back("k" + std::to_string(c), GenString(true));
    const FieldPtr f = FieldFor("c" + std::to_string(c), a);
    fields.push_back(field(f->name(), f->type(), f->nullable(), std::move(metadata)));
  }
  KeyValueMetadata metadata;
  if (*rc::gen::arbitrary<bool>()) metadata.emplace_back("origin", "quiver property test");
  auto s = schema(fields, std::move(metadata));
  std::vector<RecordBatchPtr> batches;
  auto add = [&](int64_t at, int64_t n) {
    std::vector<ArrayPtr> cols;
    for (const auto& col : columns) cols.push_back(quiver::testing::Slice(col, at, n));
    batches.push_back(Must(RecordBatch::Make(s, n, cols)));
  };
  for (int64_t at = 0; at < rows;) {
    const int64_t n = std::min<int64_t>(rows - at, Pick<int64_t>(1, 16));
    add(at, n);
    at += n;
  }
  if (batches.empty() || *rc::gen::arbitrary<bool>()) add(Pick<int64_t>(0, rows + 1), 0);
  return Must(Table::Make(s, batches));
}

}  // namespace quiver::ipc::testing
