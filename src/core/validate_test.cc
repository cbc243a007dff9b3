// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/validate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <cstdlib>
#include <functional>
#include <random>
#include <set>

#include "core/sample_arrays_test_util.h"
#include "core/str_cat.h"
#include "core/utf8_internal.h"

namespace quiver {
namespace {

using quiver::testing::BitmapOf;
using quiver::testing::BufferOf;
using quiver::testing::FixedWidthArray;
using quiver::testing::Int32Array;
using quiver::testing::ListArray;
using quiver::testing::ListViewArray;
using quiver::testing::SampleArray;
using quiver::testing::SampleArrays;
using quiver::testing::Utf8Array;

std::shared_ptr<Buffer> Bytes(const std::string& s) { return BufferOf(std::vector<uint8_t>(s.begin(), s.end())); }

// A utf8 (or other offsets-based binary) array from raw offsets and data, no nulls.
ArrayPtr RawStrings(const std::vector<int32_t>& offsets, const std::string& data, TypePtr type = utf8()) {
  return MakeArrayData(std::move(type), static_cast<int64_t>(offsets.size()) - 1,
                       {nullptr, BufferOf(offsets), Bytes(data)}, {}, 0);
}

// A raw 16-byte view: `head` fills bytes 4.. (inline data, or the 4-byte prefix).
std::vector<uint8_t> RawView(int32_t length, const std::string& head, int32_t buffer_index = 0, int32_t offset = 0) {
  std::vector<uint8_t> v(16, 0);
  std::memcpy(v.data(), &length, 4);
  std::memcpy(v.data() + 4, head.data(), std::min<size_t>(head.size(), 12));
  if (length > 12) {
    std::memcpy(v.data() + 8, &buffer_index, 4);
    std::memcpy(v.data() + 12, &offset, 4);
  }
  return v;
}

ArrayPtr ViewsArray(TypePtr type, const std::vector<std::vector<uint8_t>>& views,
                    std::vector<std::shared_ptr<Buffer>> variadic) {
  std::vector<uint8_t> bytes;
  for (const auto& v : views) bytes.insert(bytes.end(), v.begin(), v.end());
  std::vector<std::shared_ptr<Buffer>> buffers{nullptr, BufferOf(bytes)};
  for (auto& b : variadic) buffers.push_back(std::move(b));
  return MakeArrayData(std::move(type), static_cast<int64_t>(views.size()), std::move(buffers), {}, 0);
}

ArrayPtr WithOffset(ArrayPtr a, int64_t offset, int64_t length) {
  a->offset = offset;
  a->length = length;
  a->null_count = kUnknownNullCount;
  return a;
}

ArrayPtr WithNullCount(ArrayPtr a, int64_t null_count) {
  a->null_count = null_count;
  return a;
}

ArrayPtr Ree(TypePtr ends_type, ArrayPtr ends, ArrayPtr values, int64_t length, int64_t offset = 0) {
  return MakeArrayData(run_end_encoded(std::move(ends_type), values->type), length, {},
                       {std::move(ends), std::move(values)}, 0, offset);
}

ArrayPtr SparseUnion(std::vector<int8_t> ids, std::vector<ArrayPtr> children, std::vector<int8_t> codes) {
  std::vector<FieldPtr> fields;
  for (size_t i = 0; i < children.size(); ++i) fields.push_back(field(std::string(1, static_cast<char>('a' + i)), children[i]->type));
  const int64_t length = static_cast<int64_t>(ids.size());
  return MakeArrayData(sparse_union(std::move(fields), std::move(codes)), length, {BufferOf(ids)}, std::move(children), 0);
}

ArrayPtr DenseUnion(std::vector<int8_t> ids, std::vector<int32_t> offsets, std::vector<ArrayPtr> children) {
  std::vector<FieldPtr> fields;
  for (size_t i = 0; i < children.size(); ++i) fields.push_back(field(std::string(1, static_cast<char>('a' + i)), children[i]->type));
  const int64_t length = static_cast<int64_t>(ids.size());
  return MakeArrayData(dense_union(std::move(fields)), length, {BufferOf(ids), BufferOf(offsets)}, std::move(children),
                       0);
}

ArrayPtr Dictionary(TypePtr index_type, ArrayPtr indices, ArrayPtr dictionary_values) {
  indices->type = quiver::dictionary(std::move(index_type), dictionary_values->type);
  indices->dictionary = std::move(dictionary_values);
  return indices;
}

ArrayPtr Map(std::vector<int32_t> offsets, ArrayPtr keys, ArrayPtr values, int64_t entries_null_count = 0,
             std::shared_ptr<Buffer> entries_validity = nullptr) {
  auto type = map(keys->type, values->type);
  const int64_t n = keys->length;
  auto entries = MakeArrayData(type->field(0)->type(), n, {std::move(entries_validity)},
                               {std::move(keys), std::move(values)}, entries_null_count);
  return ListArray<int32_t>(type, offsets, entries);
}

enum class Level { kDefault, kFull };

struct InvalidCase {
  std::string name;
  Level level;  // the first level that rejects the array
  std::function<ArrayPtr()> make;
  StatusCode code;
  std::string message;  // Status::ToString(): context path and message
};

void PrintTo(const InvalidCase& c, std::ostream* os) { *os << c.name; }

constexpr StatusCode kInvalid = StatusCode::kInvalidInput;

std::vector<InvalidCase> InvalidCases() {
  const Level D = Level::kDefault;
  const Level F = Level::kFull;
  return {
      // --- type, length, offset, null_count
      {"no_type", D, [] { return MakeArrayData(nullptr, 0, {}); }, kInvalid, "expected a type but found none"},
      {"invalid_type", D, [] { return FixedWidthArray<int64_t>(decimal128(40, 2), 1, {0, 0}); }, kInvalid,
       "expected decimal128 precision in [1, 38] but found 40"},
      {"negative_length", D, [] { return MakeArrayData(int32(), -1, {nullptr, BufferOf(std::vector<int32_t>{})}, {}, 0); },
       kInvalid, "expected length >= 0 but found -1"},
      {"negative_offset", D, [] { return WithOffset(Int32Array({1, 2}), -2, 1); }, kInvalid,
       "expected offset >= 0 but found -2"},
      {"offset_plus_length_overflows", D, [] { return WithOffset(Int32Array({1}), 1, INT64_MAX); }, kInvalid,
       "expected offset + length <= 9223372036854775807 but found 1 + 9223372036854775807"},
      {"null_count_above_length", D, [] { return WithNullCount(Int32Array({1, 2, 3}, {0, 0, 0}), 4); }, kInvalid,
       "expected null_count in [-1, 3] but found 4"},
      {"null_count_below_unknown", D, [] { return WithNullCount(Int32Array({1}), -2); }, kInvalid,
       "expected null_count in [-1, 1] but found -2"},
      {"null_array_null_count", D, [] { return MakeArrayData(null(), 4, {}, {}, 0); }, kInvalid,
       "expected null_count 4 (length) for a null array but found 0"},
      {"union_null_count", D,
       [] { return WithNullCount(SparseUnion({0, 0}, {Int32Array({1, 2})}, {0}), 1); }, kInvalid,
       "expected null_count 0 for sparse_union (no validity bitmap) but found 1"},
      // --- buffers
      {"buffer_count", D, [] { return MakeArrayData(utf8(), 0, {nullptr, nullptr}, {}, 0); }, kInvalid,
       "expected 3 buffers for utf8 but found 2"},
      {"view_buffer_count", D, [] { return MakeArrayData(binary_view(), 0, {nullptr}, {}, 0); }, kInvalid,
       "expected at least 2 buffers for binary_view but found 1"},
      {"missing_values_buffer", D, [] { return MakeArrayData(int32(), 2, {nullptr, nullptr}, {}, 0); }, kInvalid,
       "expected values buffer at buffers[1] but found null"},
      {"missing_data_buffer", D,
       [] { return MakeArrayData(utf8(), 1, {nullptr, BufferOf(std::vector<int32_t>{0, 0}), nullptr}, {}, 0); },
       kInvalid, "expected data buffer at buffers[2] but found null"},
      {"nulls_without_bitmap", D, [] { return WithNullCount(Int32Array({1, 2}), 1); }, kInvalid,
       "expected validity bitmap for null_count 1 but found none"},
      {"validity_too_small", D,
       [] { return MakeArrayData(int8(), 9, {BitmapOf({1}), BufferOf(std::vector<int8_t>(9))}, {}); }, kInvalid,
       "validity bitmap needs 2 bytes but has 1"},
      {"values_too_small", D,
       [] { return MakeArrayData(int32(), 10, {nullptr, BufferOf(std::vector<int32_t>(9))}, {}, 0); }, kInvalid,
       "values buffer needs 40 bytes but has 36"},
      {"sliced_values_too_small", D, [] { return WithOffset(Int32Array({1, 2, 3, 4}), 3, 2); }, kInvalid,
       "values buffer needs 20 bytes but has 16"},
      {"values_size_overflows", D,
       [] { return MakeArrayData(int64(), INT64_MAX / 4, {nullptr, BufferOf(std::vector<int64_t>{1})}, {}, 0); },
       kInvalid, "values buffer needs more than 9223372036854775807 bytes but has 8"},
      {"fixed_size_binary_too_small", D,
       [] { return FixedWidthArray<uint8_t>(fixed_size_binary(3), 2, {1, 2, 3, 4, 5}); }, kInvalid,
       "values buffer needs 6 bytes but has 5"},
      {"bool_values_too_small", D,
       [] { return MakeArrayData(boolean(), 9, {nullptr, BitmapOf({1, 0, 1})}, {}, 0); }, kInvalid,
       "values bitmap needs 2 bytes but has 1"},
      {"offsets_too_small", D, [] { return MakeArrayData(utf8(), 3, {nullptr, BufferOf(std::vector<int32_t>{0, 0, 0}), Bytes("")}, {}, 0); },
       kInvalid, "offsets buffer needs 16 bytes but has 12"},
      {"empty_array_with_short_offsets", D,
       [] { return MakeArrayData(utf8(), 0, {nullptr, BufferOf(std::vector<int32_t>{0}), Bytes("")}, {}, 0, 2); },
       kInvalid, "offsets buffer needs 12 bytes but has 4"},
      {"missing_variadic_buffer", D,
       [] { return ViewsArray(binary_view(), {RawView(1, "a")}, {nullptr}); }, kInvalid,
       "expected variadic data buffer at buffers[2] but found null"},
      // --- offsets of binary, utf8, list, map
      {"offset_beyond_data", D, [] { return RawStrings({0, 1, 3, 6}, "abcde"); }, kInvalid,
       "expected offset[3] <= 5 (data size) but found 6"},
      {"negative_first_offset", D, [] { return RawStrings({-1, 2}, "ab", binary()); }, kInvalid,
       "expected offset[0] >= 0 but found -1"},
      {"decreasing_offsets", D, [] { return RawStrings({0, 3, 1, 4}, "abcd"); }, kInvalid,
       "expected offset[2] >= 3 (offset[1]) but found 1"},
      {"sliced_offsets_named_by_position", D, [] { return WithOffset(RawStrings({0, 1, 2, 9, 3}, "abc"), 2, 2); },
       kInvalid, "expected offset[3] <= 3 (data size) but found 9"},
      {"large_utf8_offset_beyond_data", D,
       [] {
         return MakeArrayData(large_utf8(), 1, {nullptr, BufferOf(std::vector<int64_t>{0, 5000000000}), Bytes("x")}, {},
                              0);
       },
       kInvalid, "expected offset[1] <= 1 (data size) but found 5000000000"},
      {"list_offset_beyond_child", D,
       [] { return ListArray<int32_t>(list(int32()), {0, 2, 4}, Int32Array({1, 2, 3})); }, kInvalid,
       "expected offset[2] <= 3 (child length) but found 4"},
      {"large_list_decreasing_offsets", D,
       [] { return ListArray<int64_t>(large_list(int32()), {0, 2, 1}, Int32Array({1, 2, 3})); }, kInvalid,
       "expected offset[2] >= 2 (offset[1]) but found 1"},
      {"map_offset_beyond_entries", D, [] { return Map({0, 2}, Utf8Array({"k"}), Int32Array({1})); }, kInvalid,
       "expected offset[1] <= 1 (child length) but found 2"},
      // --- list views
      {"list_view_negative_size", D,
       [] { return ListViewArray<int32_t>(list_view(int32()), {0, 0}, {1, -1}, Int32Array({1, 2})); }, kInvalid,
       "expected size[1] >= 0 but found -1"},
      {"list_view_beyond_child", D,
       [] { return ListViewArray<int32_t>(list_view(int32()), {0, 3}, {1, 4}, Int32Array({1, 2, 3, 4, 5}), {1, 0}); },
       kInvalid, "expected offset[1] + size[1] <= 5 (child length) but found 3 + 4"},
      {"large_list_view_negative_offset", D,
       [] { return ListViewArray<int64_t>(large_list_view(int32()), {-1}, {0}, Int32Array({})); }, kInvalid,
       "expected offset[0] >= 0 but found -1"},
      {"large_list_view_sum_overflows", D,
       [] { return ListViewArray<int64_t>(large_list_view(int32()), {1}, {INT64_MAX}, Int32Array({1})); }, kInvalid,
       "expected offset[0] + size[0] <= 1 (child length) but found 1 + 9223372036854775807"},
      // --- children
      {"list_child_count", D, [] { return MakeArrayData(list(int32()), 0, {nullptr, nullptr}, {}, 0); }, kInvalid,
       "expected 1 child for list but found 0"},
      {"struct_child_count", D,
       [] {
         return MakeArrayData(struct_({field("a", int32()), field("b", int32())}), 1, {nullptr}, {Int32Array({1})}, 0);
       },
       kInvalid, "expected 2 children for struct but found 1"},
      {"null_child", D, [] { return MakeArrayData(struct_({field("a", int32())}), 0, {nullptr}, {nullptr}, 0); },
       kInvalid, "child[0]: expected child array but found null"},
      {"child_type_mismatch", D,
       [] {
         return MakeArrayData(struct_({field("a", int32())}), 1, {nullptr},
                              {FixedWidthArray<int64_t>(int64(), 1, {1})}, 0);
       },
       kInvalid, "child[0]: expected type int32 but found int64"},
      {"struct_child_too_short", D,
       [] {
         return MakeArrayData(struct_({field("a", int32()), field("b", int32())}), 4, {nullptr},
                              {Int32Array({1, 2, 3, 4}), Int32Array({1, 2, 3})}, 0);
       },
       kInvalid, "child[1]: expected length >= 4 (parent offset + length) but found 3"},
      {"sliced_struct_child_too_short", D,
       [] {
         return MakeArrayData(struct_({field("a", int32())}), 2, {nullptr}, {Int32Array({1, 2, 3})}, 0, 2);
       },
       kInvalid, "child[0]: expected length >= 4 (parent offset + length) but found 3"},
      {"fixed_size_list_child_too_short", D,
       [] {
         return MakeArrayData(fixed_size_list(int16(), 2), 3, {nullptr},
                              {FixedWidthArray<int16_t>(int16(), 5, {1, 2, 3, 4, 5})}, 0);
       },
       kInvalid, "child[0]: expected length >= 6 (parent (offset + length) * list_size) but found 5"},
      {"nested_error_path", D,
       [] {
         auto st = struct_({field("a", int32()), field("b", utf8())});
         auto s = MakeArrayData(st, 2, {nullptr}, {Int32Array({1, 2}), RawStrings({0, 1, 7}, "ab")}, 0);
         return ListArray<int32_t>(list(st), {0, 2}, s);
       },
       kInvalid, "child[0].child[1]: expected offset[2] <= 2 (data size) but found 7"},
      {"extension_storage_invalid", D,
       [] { return FixedWidthArray<int32_t>(extension("x.ext", int32()), 3, {1, 2}); }, kInvalid,
       "values buffer needs 12 bytes but has 8"},
      // --- unions
      {"sparse_union_child_too_short", D,
       [] { return SparseUnion({0, 0, 1}, {Int32Array({1, 2, 3}), Int32Array({1, 2})}, {0, 1}); }, kInvalid,
       "child[1]: expected length >= 3 (parent offset + length) but found 2"},
      {"union_unknown_type_id", D,
       [] { return SparseUnion({3, 7, 5}, {Int32Array({1, 2, 3}), Utf8Array({"a", "b", "c"})}, {3, 7}); }, kInvalid,
       "expected type_id[2] in {3, 7} but found 5"},
      {"union_negative_type_id", D,
       [] { return DenseUnion({0, -1}, {0, 0}, {Int32Array({1}), Int32Array({2})}); }, kInvalid,
       "expected type_id[1] in {0, 1} but found -1"},
      {"dense_union_offset_beyond_child", D,
       [] { return DenseUnion({0, 1, 0, 1}, {0, 0, 1, 2}, {Int32Array({1, 2}), Int32Array({3, 4})}); }, kInvalid,
       "expected offset[3] in [0, 2) (length of child[1]) but found 2"},
      {"dense_union_negative_offset", D,
       [] { return DenseUnion({0}, {-3}, {Int32Array({1}), Int32Array({})}); }, kInvalid,
       "expected offset[0] in [0, 1) (length of child[0]) but found -3"},
      // --- binary views
      {"views_too_small", D,
       [] {
         auto a = ViewsArray(utf8_view(), {RawView(1, "a"), RawView(1, "b")}, {});
         a->length = 3;
         return a;
       },
       kInvalid, "views buffer needs 48 bytes but has 32"},
      {"view_negative_length", D, [] { return ViewsArray(binary_view(), {RawView(-1, "")}, {}); }, kInvalid,
       "expected view[0] length >= 0 but found -1"},
      {"view_bad_buffer_index", D,
       [] {
         return ViewsArray(binary_view(), {RawView(2, "ab"), RawView(13, "abcd", 1, 0)},
                           {Bytes("abcdefghijklmnopqrst")});
       },
       kInvalid, "expected view[1] buffer index in [0, 1) but found 1"},
      {"view_negative_offset", D,
       [] { return ViewsArray(binary_view(), {RawView(13, "abcd", 0, -4)}, {Bytes("abcdefghijklmnopqrst")}); },
       kInvalid, "expected view[0] offset >= 0 but found -4"},
      {"view_beyond_buffer", D,
       [] {
         return ViewsArray(utf8_view(), {RawView(0, ""), RawView(13, "klmn", 0, 10)}, {Bytes("abcdefghijklmnopqrst")});
       },
       kInvalid, "expected view[1] offset + length <= 20 (size of variadic buffer 0) but found 10 + 13"},
      // --- dictionaries
      {"missing_dictionary", D,
       [] {
         return MakeArrayData(dictionary(int8(), utf8()), 1, {nullptr, BufferOf(std::vector<int8_t>{0})}, {}, 0);
       },
       kInvalid, "expected dictionary array but found null"},
      {"dictionary_type_mismatch", D,
       [] {
         auto a = Dictionary(int8(), FixedWidthArray<int8_t>(int8(), 1, {0}), Utf8Array({"a"}));
         a->dictionary = Int32Array({1});
         return a;
       },
       kInvalid, "dictionary: expected type utf8 but found int32"},
      {"dictionary_invalid", D,
       [] { return Dictionary(int8(), FixedWidthArray<int8_t>(int8(), 1, {0}), RawStrings({0, 2}, "")); }, kInvalid,
       "dictionary: expected offset[1] <= 0 (data size) but found 2"},
      {"dictionary_index_out_of_range", D,
       [] { return Dictionary(int8(), FixedWidthArray<int8_t>(int8(), 3, {0, 1, 3}), Utf8Array({"a", "b", "c"})); },
       kInvalid, "expected index[2] in [0, 3) (dictionary length) but found 3"},
      {"dictionary_negative_index", D,
       [] {
         return Dictionary(int32(), FixedWidthArray<int32_t>(int32(), 2, {1, -1}, {1, 1}), Utf8Array({"a", "b"}));
       },
       kInvalid, "expected index[1] in [0, 2) (dictionary length) but found -1"},
      {"dictionary_uint64_index", D,
       [] { return Dictionary(uint64(), FixedWidthArray<uint64_t>(uint64(), 1, {UINT64_MAX}), Utf8Array({"a", "b"})); },
       kInvalid, "expected index[0] in [0, 2) (dictionary length) but found 18446744073709551615"},
      {"dictionary_index_when_null_count_is_zero", D,
       [] {
         // null_count 0 declares every slot valid, whatever the bitmap says.
         return Dictionary(int8(), WithNullCount(FixedWidthArray<int8_t>(int8(), 2, {0, 9}, {1, 0}), 0),
                           Utf8Array({"a"}));
       },
       kInvalid, "expected index[1] in [0, 1) (dictionary length) but found 9"},
      // --- run-end encoded
      {"run_ends_with_nulls", D,
       [] {
         return Ree(int32(), FixedWidthArray<int32_t>(int32(), 2, {1, 2}, {1, 0}), Int32Array({1, 2}), 2);
       },
       kInvalid, "child[0]: expected no nulls in run ends but found 1"},
      {"last_run_end_too_small", D,
       [] { return Ree(int16(), FixedWidthArray<int16_t>(int16(), 2, {2, 5}), Int32Array({1, 2}), 6); }, kInvalid,
       "expected last run end >= 6 (offset + length) but found 5"},
      {"sliced_ree_beyond_last_run", D,
       [] { return Ree(int64(), FixedWidthArray<int64_t>(int64(), 2, {2, 5}), Int32Array({1, 2}), 4, 2); }, kInvalid,
       "expected last run end >= 6 (offset + length) but found 5"},
      {"ree_without_runs", D,
       [] { return Ree(int32(), FixedWidthArray<int32_t>(int32(), 0, {}), Int32Array({}), 3); }, kInvalid,
       "expected at least one run end for length 3 but found none"},
      {"ree_fewer_values_than_runs", D,
       [] { return Ree(int32(), FixedWidthArray<int32_t>(int32(), 3, {1, 2, 3}), Int32Array({1, 2}), 3); }, kInvalid,
       "child[1]: expected length >= 3 (number of run ends) but found 2"},
      {"ree_run_end_type_mismatch", D,
       [] {
         auto a = Ree(int16(), FixedWidthArray<int16_t>(int16(), 1, {1}), Int32Array({1}), 1);
         a->children[0] = FixedWidthArray<int32_t>(int32(), 1, {1});
         return a;
       },
       kInvalid, "child[0]: expected type int16 but found int32"},
      // --- maps
      {"map_entries_with_nulls", D,
       [] { return Map({0, 2}, Utf8Array({"a", "b"}), Int32Array({1, 2}), 1, BitmapOf({1, 0})); }, kInvalid,
       "child[0]: expected no nulls in map entries but found 1"},
      // --- full level only
      {"null_count_mismatch", F, [] { return WithNullCount(Int32Array({1, 2, 3}, {0, 1, 0}), 1); }, kInvalid,
       "expected null_count 2 (nulls in the validity bitmap) but found 1"},
      {"invalid_utf8", F, [] { return Utf8Array({"ok", "a\xff"}); }, kInvalid,
       "expected valid UTF-8 in value[1] but found invalid byte 0xFF at position 1"},
      {"utf8_split_across_values", F, [] { return RawStrings({0, 1, 2}, "\xc3\xa9"); }, kInvalid,
       "expected valid UTF-8 in value[0] but found invalid byte 0xC3 at position 0"},
      {"utf8_overlong", F, [] { return Utf8Array({"x", "ab\xc0\xaf"}); }, kInvalid,
       "expected valid UTF-8 in value[1] but found invalid byte 0xC0 at position 2"},
      {"utf8_surrogate", F, [] { return Utf8Array({"\xed\xa0\x80"}); }, kInvalid,
       "expected valid UTF-8 in value[0] but found invalid byte 0xED at position 0"},
      {"large_utf8_invalid_after_null", F,
       [] {
         // The invalid bytes under the null slot are ignored; value[2] is reported.
         auto a = quiver::testing::StringArray<int64_t>(large_utf8(), {"a", "\xff", "bc\xf4\x90\x80\x80"});
         a->buffers[0] = BitmapOf({1, 0, 1});
         a->null_count = 1;
         return a;
       },
       kInvalid, "expected valid UTF-8 in value[2] but found invalid byte 0xF4 at position 2"},
      {"utf8_view_invalid_inline", F, [] { return ViewsArray(utf8_view(), {RawView(3, "ab\xfe")}, {}); }, kInvalid,
       "expected valid UTF-8 in value[0] but found invalid byte 0xFE at position 2"},
      {"utf8_view_invalid_out_of_line", F,
       [] {
         return ViewsArray(utf8_view(), {RawView(0, ""), RawView(14, "abcd", 0, 0)}, {Bytes("abcdefghijklm\x80")});
       },
       kInvalid, "expected valid UTF-8 in value[1] but found invalid byte 0x80 at position 13"},
      {"view_prefix_mismatch", F,
       [] { return ViewsArray(binary_view(), {RawView(13, "xbcd", 0, 0)}, {Bytes("abcdefghijklm")}); }, kInvalid,
       "expected view[0] prefix 0x61626364 (first 4 data bytes) but found 0x78626364"},
      {"view_inline_padding", F,
       [] {
         auto v = RawView(3, "abc");
         v[9] = 'A';
         return ViewsArray(binary_view(), {v}, {});
       },
       kInvalid, "expected zero padding after the 3 inline bytes of view[0] but found 0x41 at byte 9"},
      {"dense_union_offsets_decrease", F,
       [] { return DenseUnion({0, 1, 0}, {1, 0, 0}, {Int32Array({1, 2}), Int32Array({3})}); }, kInvalid,
       "expected offset[2] >= 1 (previous offset into child[0]) but found 0"},
      {"run_end_zero", F,
       [] { return Ree(int32(), FixedWidthArray<int32_t>(int32(), 2, {0, 2}), Int32Array({1, 2}), 2); }, kInvalid,
       "child[0]: expected run_end[0] >= 1 but found 0"},
      {"run_ends_not_increasing", F,
       [] { return Ree(int16(), FixedWidthArray<int16_t>(int16(), 4, {2, 4, 4, 6}), Int32Array({1, 2, 3, 4}), 6); },
       kInvalid, "child[0]: expected run_end[2] > 4 (run_end[1]) but found 4"},
      {"map_null_key", F,
       [] {
         auto keys = quiver::testing::StringArray<int32_t>(utf8(), {"a", std::nullopt});
         return Map({0, 2}, keys, Int32Array({1, 2}));
       },
       kInvalid, "child[0].child[0]: expected no nulls in map keys but found 1"},
      {"dictionary_content_invalid", F,
       [] { return Dictionary(int8(), FixedWidthArray<int8_t>(int8(), 1, {0}), Utf8Array({"\xc3"})); }, kInvalid,
       "dictionary: expected valid UTF-8 in value[0] but found invalid byte 0xC3 at position 0"},
      {"nested_null_count_mismatch", F,
       [] {
         auto child = WithNullCount(Int32Array({1, 2}, {1, 0}), 0);
         return MakeArrayData(struct_({field("a", int32())}), 2, {nullptr}, {child}, 0);
       },
       kInvalid, "child[0]: expected null_count 1 (nulls in the validity bitmap) but found 0"},
  };
}

class InvalidArrayTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidArrayTest, FailsWithExactCodeAndMessage) {
  const InvalidCase& c = GetParam();
  ArrayPtr a = c.make();
  ASSERT_NE(a, nullptr);
  const Status at_default = ValidateArray(*a);
  const Status at_full = ValidateArrayFull(*a);
  if (c.level == Level::kDefault) {
    EXPECT_EQ(at_default.code(), c.code) << at_default.ToString();
    EXPECT_EQ(at_default.ToString(), c.message);
  } else {
    EXPECT_TRUE(at_default.ok()) << at_default.ToString();
  }
  EXPECT_EQ(at_full.code(), c.code) << at_full.ToString();
  EXPECT_EQ(at_full.ToString(), c.message);
}

INSTANTIATE_TEST_SUITE_P(Validate, InvalidArrayTest, ::testing::ValuesIn(InvalidCases()),
                         [](const ::testing::TestParamInfo<InvalidCase>& info) { return info.param.name; });

// --- valid arrays of every type, and their slices

class SampleArrayTest : public ::testing::TestWithParam<SampleArray> {};

void ExpectValidAtBothLevels(const ArrayData& a, const std::string& what) {
  const Status d = ValidateArray(a);
  EXPECT_TRUE(d.ok()) << what << ": " << d.ToString();
  const Status f = ValidateArrayFull(a);
  EXPECT_TRUE(f.ok()) << what << ": " << f.ToString();
}

TEST_P(SampleArrayTest, ValidAtBothLevels) {
  const ArrayPtr& a = GetParam().array;
  ASSERT_NE(a, nullptr);
  ExpectValidAtBothLevels(*a, "whole");
  EXPECT_TRUE(ArrayEquals(*a, *a));
}

TEST_P(SampleArrayTest, SlicesValidAtBothLevels) {
  const ArrayPtr& a = GetParam().array;
  const int64_t n = a->length;
  for (int64_t off = 0; off <= n; ++off) {
    for (int64_t len : {int64_t{0}, int64_t{1}, n - off, (n - off) / 2}) {
      if (len < 0 || off + len > n) continue;
      auto s = SliceArray(a, off, len);
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      ExpectValidAtBothLevels(**s, internal::StrCat("slice [", off, ", +", len, ")"));
      // A slice of a slice stays valid too.
      if (len >= 2) {
        auto s2 = SliceArray(*s, 1, len - 1);
        ASSERT_TRUE(s2.ok());
        ExpectValidAtBothLevels(**s2, internal::StrCat("slice [", off + 1, ", +", len - 1, ")"));
        EXPECT_TRUE(ArrayEquals(**s2, **s2));
      }
    }
  }
}

TEST_P(SampleArrayTest, ArrayOfNullsValidAtBothLevels) {
  for (int64_t length : {0, 1, 5}) {
    auto nulls = MakeArrayOfNulls(GetParam().array->type, length);
    ASSERT_TRUE(nulls.ok()) << nulls.status().ToString();
    ExpectValidAtBothLevels(**nulls, internal::StrCat("nulls of length ", length));
    EXPECT_TRUE(ArrayEquals(**nulls, **nulls));
  }
}

INSTANTIATE_TEST_SUITE_P(Validate, SampleArrayTest, ::testing::ValuesIn(SampleArrays()),
                         [](const ::testing::TestParamInfo<SampleArray>& info) { return info.param.name; });

TEST(SampleArrays, CoverEveryTypeWithNulls) {
  std::set<TypeId> seen;
  int with_nulls = 0;
  std::set<std::string> names;
  for (const auto& s : SampleArrays()) {
    seen.insert(s.array->type->id());
    if (s.array->GetNullCount() > 0) ++with_nulls;
    EXPECT_TRUE(names.insert(s.name).second) << "duplicate sample name " << s.name;
  }
  for (int id = 0; id <= static_cast<int>(TypeId::kExtension); ++id) {
    EXPECT_TRUE(seen.count(static_cast<TypeId>(id))) << "no sample of type id " << id;
  }
  EXPECT_GT(with_nulls, 40);
}

// --- the contract: whatever ValidateArray accepts is safe to read

// A buffer of exactly `size` bytes from malloc, so that AddressSanitizer flags any read past
// the end (pool buffers are padded to 64 bytes, which would hide small overruns).
std::shared_ptr<Buffer> ExactCopy(const Buffer& b) {
  auto* p = static_cast<uint8_t*>(std::malloc(static_cast<size_t>(std::max<int64_t>(b.size(), 1))));
  if (b.size() > 0) std::memcpy(p, b.data(), static_cast<size_t>(b.size()));
  return Buffer::Wrap(p, b.size(), [p] { std::free(p); });
}

ArrayPtr DeepCopy(const ArrayPtr& a, std::vector<ArrayData*>* nodes) {
  if (!a) return nullptr;
  auto out = std::make_shared<ArrayData>(*a);
  for (auto& b : out->buffers) b = b ? ExactCopy(*b) : nullptr;
  for (auto& c : out->children) c = DeepCopy(c, nodes);
  out->dictionary = DeepCopy(a->dictionary, nodes);
  nodes->push_back(out.get());
  return out;
}

// Corrupts one thing in one node: a byte of a buffer (most often), or length, offset or
// null_count.
void Mutate(const std::vector<ArrayData*>& nodes, std::mt19937* rng) {
  ArrayData* n = nodes[(*rng)() % nodes.size()];
  const uint32_t what = (*rng)() % 16;
  if (what == 0) {
    n->length += static_cast<int64_t>((*rng)() % 3) - 1;
  } else if (what == 1) {
    n->offset += static_cast<int64_t>((*rng)() % 3) - 1;
  } else if (what == 2) {
    n->null_count = static_cast<int64_t>((*rng)() % 4) - 1;
  } else {
    std::vector<Buffer*> bufs;
    for (auto& b : n->buffers) {
      if (b && b->size() > 0) bufs.push_back(b.get());
    }
    if (bufs.empty()) return;
    Buffer* b = bufs[(*rng)() % bufs.size()];
    const int64_t i = static_cast<int64_t>((*rng)() % static_cast<uint64_t>(b->size()));
    static const uint8_t kInteresting[] = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0D, 0xC3, 0x10};
    b->mutable_data()[i] = ((*rng)() & 1) ? kInteresting[(*rng)() % sizeof(kInteresting)]
                                          : static_cast<uint8_t>((*rng)());
  }
}

TEST(Validate, MutatedSamplesAreSafeToReadWhenAccepted) {
  const uint32_t seed = 20240601;
  std::mt19937 rng(seed);
  int accepted = 0, rejected = 0;
  for (const auto& sample : SampleArrays()) {
    for (int iteration = 0; iteration < 300; ++iteration) {
      std::vector<ArrayData*> nodes;
      ArrayPtr copy = DeepCopy(sample.array, &nodes);
      const int mutations = 1 + static_cast<int>(rng() % 3);
      for (int m = 0; m < mutations; ++m) Mutate(nodes, &rng);
      SCOPED_TRACE(internal::StrCat("seed ", seed, ", sample ", sample.name, ", iteration ", iteration));
      if (!ValidateArray(*copy).ok()) {
        ++rejected;
        continue;
      }
      ++accepted;
      // Reads every slot (values, offsets, views, children, dictionary, runs) of valid slots;
      // under AddressSanitizer any access outside a buffer aborts the test.
      EXPECT_TRUE(ArrayEquals(*copy, *copy));
      (void)copy->GetNullCount();
      (void)ValidateArrayFull(*copy);
    }
  }
  EXPECT_GT(accepted, 1000);
  EXPECT_GT(rejected, 1000);
}

// --- specific valid cases the table above brushes against

TEST(Validate, AcceptsEmptyArraysWithoutBuffers) {
  ExpectValidAtBothLevels(*MakeArrayData(list(int32()), 0, {nullptr, nullptr}, {Int32Array({})}, 0), "list");
  ExpectValidAtBothLevels(*MakeArrayData(int32(), 0, {nullptr, nullptr}, {}, 0, 7), "sliced int32");
  ExpectValidAtBothLevels(*MakeArrayData(binary_view(), 0, {nullptr, nullptr, nullptr}, {}, 0), "view");
  ExpectValidAtBothLevels(*MakeArrayData(dense_union({field("a", int32())}), 0, {nullptr, nullptr}, {Int32Array({})}, 0),
                          "dense union");
  ExpectValidAtBothLevels(*MakeArrayData(utf8(), 0, {nullptr, BufferOf(std::vector<int32_t>{}), Bytes("")}, {}, 0, 3),
                          "empty offsets buffer with an offset");
}

TEST(Validate, IgnoresValuesUnderNullSlots) {
  // An out-of-range dictionary index and invalid UTF-8 under null slots are allowed.
  auto dict = Dictionary(int8(), FixedWidthArray<int8_t>(int8(), 2, {-7, 0}, {0, 1}), Utf8Array({"a"}));
  ExpectValidAtBothLevels(*dict, "dictionary");
  auto s = Utf8Array({"a", "\xff", "b"});
  s->buffers[0] = BitmapOf({1, 0, 1});
  s->null_count = 1;
  ExpectValidAtBothLevels(*s, "utf8");
  // Unknown null counts are fine at both levels.
  ExpectValidAtBothLevels(*WithNullCount(Int32Array({1, 2}, {1, 0}), kUnknownNullCount), "unknown null count");
}

TEST(Validate, AcceptsMoreRunValuesThanRunEnds) {
  ExpectValidAtBothLevels(*Ree(int32(), FixedWidthArray<int32_t>(int32(), 1, {3}), Int32Array({1, 2}), 3), "ree");
}

TEST(Validate, ChecksOffsetsOfNullSlots) {
  // Readers compute offsets[i + 1] - offsets[i] without looking at validity.
  auto a = RawStrings({0, 9, 1}, "ab");
  a->buffers[0] = BitmapOf({0, 1});
  a->null_count = 1;
  EXPECT_EQ(ValidateArray(*a).ToString(), "expected offset[1] <= 2 (data size) but found 9");
}

// --- limits

ArrayPtr NestedLists(int depth) {
  ArrayPtr a = Int32Array({1});
  for (int i = 0; i < depth; ++i) a = ListArray<int32_t>(list(a->type), {0, 1}, a);
  return a;
}

TEST(Validate, NestingDeeperThanTheLimitIsLimitExceeded) {
  Limits limits;
  limits.max_nesting_depth = 3;
  EXPECT_TRUE(ValidateArray(*NestedLists(3), limits).ok());
  const Status st = ValidateArray(*NestedLists(4), limits);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(st.ToString(), "child[0].child[0].child[0].child[0]: type nesting is deeper than the limit of 3");
  EXPECT_EQ(ValidateArrayFull(*NestedLists(4), limits).code(), StatusCode::kLimitExceeded);
  // The default limit accepts 64 levels and refuses 65.
  EXPECT_TRUE(ValidateArrayFull(*NestedLists(64)).ok());
  EXPECT_EQ(ValidateArray(*NestedLists(65)).code(), StatusCode::kLimitExceeded);
}

TEST(Validate, DictionaryNestingCountsTowardsTheLimit) {
  Limits limits;
  limits.max_nesting_depth = 1;
  auto values = ListArray<int32_t>(list(int32()), {0, 1}, Int32Array({1}));
  auto a = Dictionary(int8(), FixedWidthArray<int8_t>(int8(), 1, {0}), values);
  const Status st = ValidateArray(*a, limits);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(st.ToString(), "dictionary.child[0]: type nesting is deeper than the limit of 1");
}

// --- record batches

RecordBatchPtr Batch(ArrayPtr price, ArrayPtr name) {
  auto s = schema({field("price", price->type), field("name", name->type)});
  auto b = RecordBatch::Make(s, price->length, {std::move(price), std::move(name)});
  return b.ok() ? *b : nullptr;
}

TEST(ValidateRecordBatch, ValidBatch) {
  auto b = Batch(Int32Array({1, 2}, {1, 0}), Utf8Array({"a", std::nullopt}));
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(ValidateRecordBatch(*b).ok());
  EXPECT_TRUE(ValidateRecordBatchFull(*b).ok());
  auto sliced = b->Slice(1, 1);
  ASSERT_TRUE(sliced.ok());
  EXPECT_TRUE(ValidateRecordBatchFull(**sliced).ok());
}

TEST(ValidateRecordBatch, ColumnErrorsNameTheColumn) {
  auto price = MakeArrayData(int32(), 2, {nullptr, BufferOf(std::vector<int32_t>{1})}, {}, 0);
  auto b = Batch(price, Utf8Array({"a", "b"}));
  ASSERT_NE(b, nullptr);
  Status st = ValidateRecordBatch(*b);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.ToString(), "column['price']: values buffer needs 8 bytes but has 4");
  EXPECT_EQ(ValidateRecordBatchFull(*b).ToString(), st.ToString());
}

TEST(ValidateRecordBatch, FullLevelChecksContent) {
  auto b = Batch(Int32Array({1, 2}), Utf8Array({"a", "\xe2\x82"}));
  ASSERT_NE(b, nullptr);
  EXPECT_TRUE(ValidateRecordBatch(*b).ok());
  const Status st = ValidateRecordBatchFull(*b);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.ToString(), "column['name']: expected valid UTF-8 in value[1] but found invalid byte 0xE2 at position 0");
}

TEST(ValidateRecordBatch, NestedContextPath) {
  auto st_type = struct_({field("a", int32())});
  auto col = MakeArrayData(st_type, 1, {nullptr}, {MakeArrayData(int32(), 1, {nullptr, nullptr}, {}, 0)}, 0);
  auto s = schema({field("price", int32()), field("point", st_type)});
  auto b2 = RecordBatch::Make(s, 1, {Int32Array({1}), col});
  ASSERT_TRUE(b2.ok());
  EXPECT_EQ(ValidateRecordBatch(**b2).ToString(),
            "column['point'].child[0]: expected values buffer at buffers[1] but found null");
}

// --- UTF-8

TEST(Utf8, AcceptsWellFormedText) {
  const std::string ok[] = {
      "",
      "plain ascii that is longer than sixteen bytes, to use the fast path",
      "\x7f",
      "\xc2\x80\xdf\xbf",                      // U+0080, U+07FF
      "\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80",  // U+0800, U+D7FF, U+E000
      "\xef\xbf\xbf\xf0\x90\x80\x80",          // U+FFFF, U+10000
      "\xf4\x8f\xbf\xbf",                      // U+10FFFF
      "0123456789abcdef\xc3\xa9 then more ascii text after it",
  };
  for (const std::string& s : ok) {
    EXPECT_TRUE(internal::ValidateUtf8(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size())))
        << s;
  }
  EXPECT_TRUE(internal::ValidateUtf8(nullptr, 0));
}

TEST(Utf8, RejectsIllFormedTextAtTheRightPosition) {
  const std::pair<std::string, int64_t> bad[] = {
      {"\x80", 0},                                   // lone continuation
      {"ab\xc0\x80", 2},                             // overlong NUL
      {"\xc1\xbf", 0},                               // overlong
      {"\xe0\x9f\xbf", 0},                           // overlong 3-byte
      {"\xed\xa0\x80", 0},                           // surrogate U+D800
      {"\xf0\x8f\xbf\xbf", 0},                       // overlong 4-byte
      {"\xf4\x90\x80\x80", 0},                       // above U+10FFFF
      {"\xf5\x80\x80\x80", 0},                       // invalid lead
      {"\xff", 0},                                   // invalid byte
      {"abc\xe2\x82", 3},                            // truncated at the end
      {"\xe2\x28\xa1", 0},                           // bad continuation
      {"\xf0\x90\x80\x28", 0},                       // bad last continuation
      {"0123456789abcdef0123456789\xc3", 26},        // after the fast path
      {"\xc3\xa9\xc3", 2},
  };
  for (const auto& [s, pos] : bad) {
    int64_t at = -1;
    EXPECT_FALSE(internal::ValidateUtf8(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int64_t>(s.size()), &at))
        << pos;
    EXPECT_EQ(at, pos);
  }
}

// --- fixes to ArrayData for extension arrays (they follow their storage's layout)

TEST(ExtensionArrays, NullCountAndValidityFollowTheStorage) {
  auto storage = SparseUnion({0, 0}, {Int32Array({1, 2}, {1, 0})}, {0});
  auto ext = MakeArrayData(extension("x.u", storage->type), 2, storage->buffers, storage->children, kUnknownNullCount);
  ASSERT_TRUE(ValidateArrayFull(*ext).ok());
  EXPECT_EQ(ext->GetNullCount(), 0);  // unions have no validity bitmap: buffers[0] holds type ids
  EXPECT_TRUE(ext->IsValid(1));
  auto null_ext = MakeArrayData(extension("x.n", null()), 3, {}, {}, kUnknownNullCount);
  ASSERT_TRUE(ValidateArrayFull(*null_ext).ok());
  EXPECT_EQ(null_ext->GetNullCount(), 3);
  EXPECT_FALSE(null_ext->IsValid(0));
  auto sliced = SliceArray(null_ext, 1, 2);
  ASSERT_TRUE(sliced.ok());
  EXPECT_EQ((*sliced)->null_count, 2);
}

// Full validation: decimal values have at most `precision` digits (as Arrow C++'s
// ValidateFull), whatever their width; nulls are not looked at.
TEST(ValidateFull, DecimalPrecision) {
  EXPECT_TRUE(ValidateArrayFull(*FixedWidthArray<int32_t>(decimal32(4, 1), 3, {9999, -9999, 0})).ok());
  EXPECT_EQ(ValidateArrayFull(*FixedWidthArray<int32_t>(decimal32(4, 1), 2, {1, -10000})).ToString(),
            "expected value[1] to have at most 4 digits but found -1000.0");
  EXPECT_TRUE(ValidateArrayFull(*FixedWidthArray<int64_t>(decimal64(18, 0), 1, {999999999999999999})).ok());
  EXPECT_EQ(ValidateArrayFull(*FixedWidthArray<int64_t>(decimal64(18, 2), 1, {1000000000000000000})).ToString(),
            "expected value[0] to have at most 18 digits but found 10000000000000000.00");
  // 128 bits as two little-endian words: 10^38 - 1 fits precision 38; -(10^4) does not fit 4.
  const uint64_t lo38 = 0x098a223fffffffffULL, hi38 = 0x4b3b4ca85a86c47aULL;
  EXPECT_TRUE(ValidateArrayFull(*FixedWidthArray<uint64_t>(decimal128(38, 0), 1, {lo38, hi38})).ok());
  EXPECT_EQ(ValidateArrayFull(*FixedWidthArray<uint64_t>(decimal128(38, 0), 1, {lo38 + 1, hi38})).ToString(),
            "expected value[0] to have at most 38 digits but found 100000000000000000000000000000000000000");
  const uint64_t minus = static_cast<uint64_t>(int64_t{-10000});
  EXPECT_EQ(ValidateArrayFull(*FixedWidthArray<uint64_t>(decimal128(4, 1), 2, {1, 0, minus, ~uint64_t{0}})).ToString(),
            "expected value[1] to have at most 4 digits but found -1000.0");
  EXPECT_TRUE(ValidateArrayFull(*FixedWidthArray<uint64_t>(decimal128(4, 1), 2, {1, 0, minus, ~uint64_t{0}}, {true, false}))
                  .ok());
  EXPECT_EQ(ValidateArrayFull(*FixedWidthArray<uint64_t>(decimal256(76, 0), 1, {0, 0, 0, uint64_t{1} << 62})).ToString()
                .substr(0, 48),
            "expected value[0] to have at most 76 digits but ");
  EXPECT_TRUE(ValidateArrayFull(*FixedWidthArray<uint64_t>(decimal256(76, 0), 1, {5, 0, 0, 0})).ok());
}

}  // namespace
}  // namespace quiver
