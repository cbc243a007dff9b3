// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/builder.h"

#include <gtest/gtest.h>

#include <cstring>

#include "core/builder_test_util.h"

namespace quiver {
namespace {

using testing::Int32s;
using testing::Int64s;
using testing::Strings;
using testing::Unwrap;
using testing::Utf8s;

template <typename T>
T At(const ArrayData& a, int buffer, int64_t i) {
  T v;
  std::memcpy(&v, a.buffers[static_cast<size_t>(buffer)]->data() + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

void ExpectError(const Status& st, StatusCode code, const std::string& text) {
  EXPECT_EQ(st.code(), code) << st.ToString();
  EXPECT_EQ(st.ToString(), text);
}

template <typename T>
void ExpectError(const Result<T>& r, StatusCode code, const std::string& text) {
  ASSERT_FALSE(r.ok());
  ExpectError(r.status(), code, text);
}

TEST(ValidityBuilder, AllValidNeedsNoBitmap) {
  ValidityBuilder b;
  QUIVER_ASSERT_OK(b.AppendValid(100));
  QUIVER_ASSERT_OK(b.Append(true));
  EXPECT_EQ(b.length(), 101);
  int64_t nulls = -1;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto bits, b.Finish(&nulls));
  EXPECT_EQ(bits, nullptr);
  EXPECT_EQ(nulls, 0);
  EXPECT_EQ(b.length(), 0);
}

TEST(ValidityBuilder, MaterialisesOnTheFirstNull) {
  ValidityBuilder b;
  QUIVER_ASSERT_OK(b.AppendValid(10));
  QUIVER_ASSERT_OK(b.Append(false));
  QUIVER_ASSERT_OK(b.AppendValid(3));
  QUIVER_ASSERT_OK(b.AppendNulls(2));
  QUIVER_ASSERT_OK(b.Append(true));
  EXPECT_EQ(b.length(), 17);
  EXPECT_EQ(b.null_count(), 3);
  int64_t nulls = 0;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto bits, b.Finish(&nulls));
  ASSERT_NE(bits, nullptr);
  EXPECT_EQ(nulls, 3);
  EXPECT_EQ(bits->size(), 3);
  for (int64_t i = 0; i < 17; ++i) {
    const bool expected = !(i == 10 || i == 14 || i == 15);
    EXPECT_EQ(bit_util::GetBit(bits->data(), i), expected) << i;
  }
  EXPECT_EQ(bits->data()[2] >> 1, 0) << "bits past the length are zero";
  // The builder starts over after Finish.
  QUIVER_ASSERT_OK(b.Append(true));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto again, b.Finish());
  EXPECT_EQ(again, nullptr);
}

TEST(ValidityBuilder, RejectsNegativeCounts) {
  ValidityBuilder b;
  ExpectError(b.AppendValid(-1), StatusCode::kInvalidArgument, "expected a count >= 0 but found -1");
  ExpectError(b.AppendNulls(-2), StatusCode::kInvalidArgument, "expected a count >= 0 but found -2");
}

TEST(ValidityFromBools, NullWhenAllValid) {
  int64_t nulls = -1;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto none, ValidityFromBools({true, true}, &nulls));
  EXPECT_EQ(none, nullptr);
  EXPECT_EQ(nulls, 0);
  QUIVER_ASSERT_OK_AND_ASSIGN(auto bits, ValidityFromBools({true, false, true}, &nulls));
  ASSERT_NE(bits, nullptr);
  EXPECT_EQ(nulls, 1);
  EXPECT_EQ(bits->data()[0], 0b101);
}

TEST(FixedWidthBuilder, Int32ValuesAndNulls) {
  FixedWidthBuilder<int32_t> b;
  QUIVER_ASSERT_OK(b.Append(7));
  QUIVER_ASSERT_OK(b.AppendNull());
  const std::vector<int32_t> more = {-1, 2};
  QUIVER_ASSERT_OK(b.AppendValues(more));
  EXPECT_EQ(b.length(), 4);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, b.Finish(int32()));
  EXPECT_EQ(a->length, 4);
  EXPECT_EQ(a->null_count, 1);
  EXPECT_EQ(a->offset, 0);
  ASSERT_EQ(a->buffers.size(), 2u);
  EXPECT_EQ(a->buffers[1]->size(), 16);
  EXPECT_EQ(At<int32_t>(*a, 1, 0), 7);
  EXPECT_EQ(At<int32_t>(*a, 1, 1), 0) << "a null's value bytes are zero";
  EXPECT_EQ(At<int32_t>(*a, 1, 3), 2);
  EXPECT_FALSE(a->IsValid(1));
  EXPECT_TRUE(a->IsValid(2));
  EXPECT_TRUE(ArrayEquals(*a, *Int32s({7, std::nullopt, -1, 2})));
  EXPECT_EQ(b.length(), 0);
}

TEST(FixedWidthBuilder, NoNullsMeansNoBitmap) {
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, ArrayFromVector<double>(float64(), {1.5, 2.5}));
  EXPECT_EQ(a->null_count, 0);
  EXPECT_EQ(a->buffers[0], nullptr);
  EXPECT_EQ(At<double>(*a, 1, 1), 2.5);
}

TEST(FixedWidthBuilder, ValidityVector) {
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, ArrayFromVector<int64_t>(timestamp(TimeUnit::kMilli), {1, 2, 3},
                                                                   {true, false, true}));
  EXPECT_EQ(a->null_count, 1);
  EXPECT_TRUE(a->type->Equals(*timestamp(TimeUnit::kMilli)));
  EXPECT_EQ(At<int64_t>(*a, 1, 1), 2) << "values under nulls are kept as given";
  ExpectError(ArrayFromVector<int64_t>(int64(), {1, 2}, {true}), StatusCode::kInvalidArgument,
              "expected one validity entry per value (2) but found 1");
}

TEST(FixedWidthBuilder, FinishChecksTheTypeWidth) {
  FixedWidthBuilder<int32_t> b;
  QUIVER_ASSERT_OK(b.Append(1));
  ExpectError(b.Finish(int64()), StatusCode::kInvalidArgument, "expected a fixed-width type of 4 bytes but found int64");
  ExpectError(b.Finish(utf8()), StatusCode::kInvalidArgument, "expected a fixed-width type of 4 bytes but found utf8");
  ExpectError(b.Finish(boolean()), StatusCode::kInvalidArgument, "expected a fixed-width type of 4 bytes but found bool");
  ExpectError(b.Finish(dictionary(int32(), utf8())), StatusCode::kInvalidArgument,
              "expected a fixed-width type of 4 bytes but found dictionary<values=utf8, indices=int32>");
  ExpectError(b.Finish(nullptr), StatusCode::kInvalidArgument, "cannot finish an array without a type");
  // A failed Finish keeps the values; the same builder can finish as float32, date32 or
  // an extension stored as int32.
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, b.Finish(extension("my.ext", int32())));
  EXPECT_EQ(a->length, 1);
  EXPECT_EQ(a->type->id(), TypeId::kExtension);
}

TEST(FixedBytesBuilder, DecimalsAndFixedSizeBinary) {
  FixedBytesBuilder b(16);
  uint8_t one[16] = {1};
  QUIVER_ASSERT_OK(b.Append(one));
  QUIVER_ASSERT_OK(b.AppendNulls(2));
  ExpectError(b.Append(std::span<const uint8_t>(one, 4)), StatusCode::kInvalidArgument,
              "expected a value of 16 bytes but found 4");
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, b.Finish(decimal128(38, 2)));
  EXPECT_EQ(a->length, 3);
  EXPECT_EQ(a->null_count, 2);
  EXPECT_EQ(a->buffers[1]->size(), 48);
  EXPECT_EQ(a->buffers[1]->data()[0], 1);

  FixedBytesBuilder fsb(3);
  QUIVER_ASSERT_OK(fsb.AppendRaw("abcdef", 2));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr f, fsb.Finish(fixed_size_binary(3)));
  EXPECT_EQ(f->length, 2);
  ExpectError(FixedBytesBuilder(3).Finish(fixed_size_binary(4)), StatusCode::kInvalidArgument,
              "expected a fixed-width type of 3 bytes but found fixed_size_binary[4]");
  ExpectError(FixedBytesBuilder(-1).AppendNull(), StatusCode::kInvalidArgument,
              "expected a byte width >= 0 but found -1");
  ExpectError(FixedBytesBuilder(4).AppendRaw("abcd", -1), StatusCode::kInvalidArgument,
              "expected a count >= 0 but found -1");
}

TEST(BooleanBuilder, PacksBits) {
  BooleanBuilder b;
  for (int i = 0; i < 10; ++i) QUIVER_ASSERT_OK(b.Append(i % 3 == 0));
  QUIVER_ASSERT_OK(b.AppendNulls(2));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, b.Finish());
  EXPECT_EQ(a->length, 12);
  EXPECT_EQ(a->null_count, 2);
  EXPECT_EQ(a->buffers[1]->data()[0], 0b01001001);
  EXPECT_EQ(a->buffers[1]->data()[1], 0b10);
  EXPECT_FALSE(a->IsValid(11));
  ExpectError(BooleanBuilder().Finish(int8()), StatusCode::kInvalidArgument, "expected type bool but found int8");
}

TEST(BinaryBuilder, OffsetsAndData) {
  BinaryBuilder b(utf8());
  QUIVER_ASSERT_OK(b.Append("ab"));
  QUIVER_ASSERT_OK(b.AppendNull());
  QUIVER_ASSERT_OK(b.Append(""));
  QUIVER_ASSERT_OK(b.Append("cde"));
  EXPECT_EQ(b.data_length(), 5);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, b.Finish());
  EXPECT_EQ(a->length, 4);
  EXPECT_EQ(a->null_count, 1);
  ASSERT_EQ(a->buffers.size(), 3u);
  const std::vector<int32_t> offsets = {0, 2, 2, 2, 5};
  for (size_t i = 0; i < offsets.size(); ++i) EXPECT_EQ(At<int32_t>(*a, 1, static_cast<int64_t>(i)), offsets[i]);
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(a->buffers[2]->data()), 5), "abcde");
  EXPECT_TRUE(a->type->Equals(*utf8()));
}

TEST(BinaryBuilder, LargeTypesUse64BitOffsets) {
  ArrayPtr a = Strings(large_binary(), {"xyz", std::nullopt});
  EXPECT_EQ(a->buffers[1]->size(), 24);
  EXPECT_EQ(At<int64_t>(*a, 1, 1), 3);
  EXPECT_EQ(At<int64_t>(*a, 1, 2), 3);
}

TEST(BinaryBuilder, EmptyArrayHasOneOffset) {
  BinaryBuilder b(large_utf8());
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, b.Finish());
  EXPECT_EQ(a->length, 0);
  EXPECT_EQ(a->buffers[1]->size(), 8);
  EXPECT_EQ(At<int64_t>(*a, 1, 0), 0);
}

TEST(BinaryBuilder, RejectsOtherTypes) {
  BinaryBuilder b(int32());
  ExpectError(b.Append("x"), StatusCode::kInvalidArgument,
              "expected type binary, utf8, large_binary or large_utf8 but found int32");
  ExpectError(b.Finish(), StatusCode::kInvalidArgument,
              "expected type binary, utf8, large_binary or large_utf8 but found int32");
}

TEST(BinaryViewBuilder, InlineAndOutOfLineViews) {
  BinaryViewBuilder b(utf8_view(), 40);
  QUIVER_ASSERT_OK(b.Append("short"));                          // inline
  QUIVER_ASSERT_OK(b.Append("exactly12byt"));                   // inline, the maximum
  QUIVER_ASSERT_OK(b.Append("a value of thirty bytes......"));  // buffer 0 at 0 (29 bytes)
  QUIVER_ASSERT_OK(b.AppendNull());
  QUIVER_ASSERT_OK(b.Append("thirteen byte"));                  // does not fit in 40: buffer 1 at 0
  QUIVER_ASSERT_OK(b.Append("another thirteen"));               // buffer 1 at 13
  QUIVER_ASSERT_OK(b.Append(std::string(100, 'z')));            // longer than a block: buffer 2
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, b.Finish());
  EXPECT_EQ(a->length, 7);
  EXPECT_EQ(a->null_count, 1);
  ASSERT_EQ(a->buffers.size(), 5u) << "validity, views and three variadic buffers";
  EXPECT_EQ(a->buffers[2]->size(), 29);
  EXPECT_EQ(a->buffers[3]->size(), 29);
  EXPECT_EQ(a->buffers[4]->size(), 100);
  const uint8_t* views = a->buffers[1]->data();
  EXPECT_EQ(At<int32_t>(*a, 1, 0), 5);
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(views + 4), 5), "short");
  EXPECT_EQ(At<int32_t>(*a, 1, 4), 12);
  const uint8_t* v5 = views + 5 * 16;  // "another thirteen"
  int32_t len, index, offset;
  std::memcpy(&len, v5, 4);
  std::memcpy(&index, v5 + 8, 4);
  std::memcpy(&offset, v5 + 12, 4);
  EXPECT_EQ(len, 16);
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(v5 + 4), 4), "anot");
  EXPECT_EQ(index, 1);
  EXPECT_EQ(offset, 13);
  const uint8_t* v6 = views + 6 * 16;
  std::memcpy(&index, v6 + 8, 4);
  std::memcpy(&offset, v6 + 12, 4);
  EXPECT_EQ(index, 2);
  EXPECT_EQ(offset, 0);
  ExpectError(BinaryViewBuilder(utf8()).Append("x"), StatusCode::kInvalidArgument,
              "expected type binary_view or utf8_view but found utf8");
}

TEST(MakeListArray, SharesTheValues) {
  ArrayPtr values = Int32s({1, 2, 3});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, MakeListArray(list(int32()), {0, 2, 2, 3}, values, {true, false, true}));
  EXPECT_EQ(a->length, 3);
  EXPECT_EQ(a->null_count, 1);
  EXPECT_EQ(a->children[0], values);
  EXPECT_EQ(At<int32_t>(*a, 1, 3), 3);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr large, MakeListArray(large_list(int32()), {0, 3}, values));
  EXPECT_EQ(large->buffers[1]->size(), 16);
  EXPECT_EQ(large->buffers[0], nullptr);
}

TEST(MakeListArray, ChecksItsArguments) {
  ArrayPtr values = Int32s({1, 2, 3});
  ExpectError(MakeListArray(list(int32()), {}, values), StatusCode::kInvalidArgument,
              "expected length + 1 list offsets but found none");
  ExpectError(MakeListArray(list(int32()), {0, 2, 1}, values), StatusCode::kInvalidArgument,
              "expected non-decreasing list offsets but found 1 after 2 at 2");
  ExpectError(MakeListArray(list(int32()), {-1, 2}, values), StatusCode::kInvalidArgument,
              "expected list offsets >= 0 but found -1");
  ExpectError(MakeListArray(list(int32()), {0, 4}, values), StatusCode::kInvalidArgument,
              "expected list offsets <= 3 (the values' length) but found 4");
  ExpectError(MakeListArray(list(int32()), {0, 1}, values, {true, false}), StatusCode::kInvalidArgument,
              "expected 1 validity entries (one per slot) but found 2");
  ExpectError(MakeListArray(list(utf8()), {0, 1}, values), StatusCode::kInvalidArgument,
              "expected list values of type utf8 but found int32");
  ExpectError(MakeListArray(int32(), {0, 1}, values), StatusCode::kInvalidArgument,
              "expected a list, large_list or map type but found int32");
  ExpectError(MakeListArray(list(int32()), {0, 1}, nullptr), StatusCode::kInvalidArgument,
              "expected list values array but found none");
}

TEST(MakeListViewArray, ViewsMustLieInsideTheValues) {
  ArrayPtr values = Int32s({1, 2, 3});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, MakeListViewArray(list_view(int32()), {2, 0}, {1, 3}, values));
  EXPECT_EQ(a->length, 2);
  EXPECT_EQ(At<int32_t>(*a, 1, 0), 2);
  EXPECT_EQ(At<int32_t>(*a, 2, 1), 3);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr large, MakeListViewArray(large_list_view(int32()), {1}, {2}, values));
  EXPECT_EQ(At<int64_t>(*large, 2, 0), 2);
  ExpectError(MakeListViewArray(list_view(int32()), {2}, {2}, values), StatusCode::kInvalidArgument,
              "expected list view 0 inside values of length 3 but found offset 2 and size 2");
  ExpectError(MakeListViewArray(list_view(int32()), {0, 1}, {1}, values), StatusCode::kInvalidArgument,
              "expected as many list-view sizes as offsets (2) but found 1");
}

TEST(MakeFixedSizeListArray, NeedsEnoughValues) {
  ArrayPtr values = Int32s({1, 2, 3, 4, 5});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, MakeFixedSizeListArray(fixed_size_list(int32(), 2), 2, values, {false, true}));
  EXPECT_EQ(a->length, 2);
  EXPECT_EQ(a->null_count, 1);
  ExpectError(MakeFixedSizeListArray(fixed_size_list(int32(), 2), 3, values), StatusCode::kInvalidArgument,
              "expected at least 3 * 2 list values but found 5");
}

TEST(MakeStructArray, FromTypeOrFields) {
  ArrayPtr a = Int32s({1, 2});
  ArrayPtr b = Utf8s({"x", "y"});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr s, MakeStructArray({field("a", int32()), field("b", utf8())}, {a, b}, {true, false}));
  EXPECT_EQ(s->length, 2);
  EXPECT_EQ(s->null_count, 1);
  EXPECT_EQ(s->children[1], b);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr empty, MakeStructArray(struct_({}), {}, {}, 4));
  EXPECT_EQ(empty->length, 4);
  const TypePtr t = struct_({field("a", int32()), field("b", utf8())});
  ExpectError(MakeStructArray(t, {a}), StatusCode::kInvalidArgument,
              "expected 2 struct children (one per field) but found 1");
  ExpectError(MakeStructArray(t, {a, a}), StatusCode::kInvalidArgument,
              "child[1]: expected a child of type utf8 but found int32");
  ExpectError(MakeStructArray(t, {a, b}, {}, 3), StatusCode::kInvalidArgument,
              "child[0]: expected a child of length >= 3 but found 2");
  ExpectError(MakeStructArray(t, {a, Utf8s({"x"})}), StatusCode::kInvalidArgument,
              "child[1]: expected a child of length >= 2 but found 1");
}

TEST(MakeMapArray, AssemblesEntries) {
  ArrayPtr keys = Utf8s({"a", "b", "c"});
  ArrayPtr items = Int32s({1, std::nullopt, 3});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr m, MakeMapArray(map(utf8(), int32()), {0, 2, 3}, keys, items));
  EXPECT_EQ(m->length, 2);
  const ArrayData& entries = *m->children[0];
  EXPECT_TRUE(entries.type->Equals(*map(utf8(), int32())->field(0)->type()));
  EXPECT_EQ(entries.children[0], keys);
  ExpectError(MakeMapArray(map(utf8(), int32()), {0, 1}, Utf8s({std::nullopt}), Int32s({1})),
              StatusCode::kInvalidArgument, "expected map keys without nulls but found 1");
  ExpectError(MakeMapArray(map(utf8(), int32()), {0, 1}, keys, Int32s({1})), StatusCode::kInvalidArgument,
              "expected as many map items as keys (3) but found 1");
  ExpectError(MakeMapArray(map(int32(), int32()), {0, 1}, keys, items), StatusCode::kInvalidArgument,
              "expected map keys of type int32 but found utf8");
}

TEST(MakeUnionArrays, CheckCodesAndOffsets) {
  const TypePtr sparse = sparse_union({field("i", int32()), field("s", utf8())}, {3, 7});
  ArrayPtr ints = Int32s({1, 2, 3});
  ArrayPtr strs = Utf8s({"a", "b", "c"});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr s, MakeSparseUnionArray(sparse, {3, 7, 3}, {ints, strs}));
  EXPECT_EQ(s->length, 3);
  EXPECT_EQ(s->null_count, 0);
  ASSERT_EQ(s->buffers.size(), 1u);
  ExpectError(MakeSparseUnionArray(sparse, {3, 4}, {ints, strs}), StatusCode::kInvalidArgument,
              "expected one of the union's type codes but found 4 at 1");
  ExpectError(MakeSparseUnionArray(sparse, {3, 3, 3, 3}, {ints, strs}), StatusCode::kInvalidArgument,
              "child[0]: expected a child of length >= 4 but found 3");

  const TypePtr dense = dense_union({field("i", int32()), field("s", utf8())});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr d, MakeDenseUnionArray(dense, {0, 1, 0}, {0, 2, 2}, {ints, strs}));
  EXPECT_EQ(d->length, 3);
  ASSERT_EQ(d->buffers.size(), 2u);
  EXPECT_EQ(At<int32_t>(*d, 1, 1), 2);
  ExpectError(MakeDenseUnionArray(dense, {0, 1}, {0, 3}, {ints, strs}), StatusCode::kInvalidArgument,
              "expected union offset 1 in [0, 3) but found 3");
  ExpectError(MakeDenseUnionArray(dense, {0, 1}, {0}, {ints, strs}), StatusCode::kInvalidArgument,
              "expected as many union offsets as type ids (2) but found 1");
  ExpectError(MakeDenseUnionArray(dense, {-1}, {0}, {ints, strs}), StatusCode::kInvalidArgument,
              "expected one of the union's type codes but found -1 at 0");
}

TEST(MakeDictionaryArray, ChecksIndices) {
  const TypePtr t = dictionary(int8(), utf8());
  ArrayPtr dict = Utf8s({"x", "y"});
  ArrayPtr indices = testing::Int8s({1, std::nullopt, 0});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, MakeDictionaryArray(t, indices, dict));
  EXPECT_EQ(a->dictionary, dict);
  EXPECT_EQ(a->buffers[1], indices->buffers[1]);
  EXPECT_EQ(a->null_count, 1);
  ExpectError(MakeDictionaryArray(t, testing::Int8s({0, 2}), dict), StatusCode::kInvalidArgument,
              "expected dictionary indices in [0, 2) but found 2 at 1");
  ExpectError(MakeDictionaryArray(t, testing::Int8s({-1}), dict), StatusCode::kInvalidArgument,
              "expected dictionary indices in [0, 2) but found -1 at 0");
  ExpectError(MakeDictionaryArray(t, Int32s({0}), dict), StatusCode::kInvalidArgument,
              "expected indices of type int8 but found int32");
  ExpectError(MakeDictionaryArray(t, indices, Int32s({0})), StatusCode::kInvalidArgument,
              "expected a dictionary of type utf8 but found int32");
  // Indices of a slice are checked from the slice's offset.
  QUIVER_ASSERT_OK(MakeDictionaryArray(t, testing::Slice(testing::Int8s({5, 1}), 1, 1), dict).status());
}

TEST(MakeRunEndEncodedArray, ChecksRunEnds) {
  ArrayPtr values = Utf8s({"a", "b"});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, MakeRunEndEncodedArray(Int32s({2, 5}), values));
  EXPECT_EQ(a->length, 5);
  EXPECT_TRUE(a->type->Equals(*run_end_encoded(int32(), utf8())));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr shorter, MakeRunEndEncodedArray(Int64s({2, 5}), values, 4));
  EXPECT_EQ(shorter->length, 4);
  ExpectError(MakeRunEndEncodedArray(Int32s({2, 5}), values, 6), StatusCode::kInvalidArgument,
              "expected a length <= the last run end 5 but found 6");
  ExpectError(MakeRunEndEncodedArray(Int32s({2, 2}), values), StatusCode::kInvalidArgument,
              "expected strictly increasing positive run ends but found 2 after 2 at 1");
  ExpectError(MakeRunEndEncodedArray(Int32s({0, 2}), values), StatusCode::kInvalidArgument,
              "expected strictly increasing positive run ends but found 0 after 0 at 0");
  ExpectError(MakeRunEndEncodedArray(Int32s({2, std::nullopt}), values), StatusCode::kInvalidArgument,
              "expected run ends without nulls");
  ExpectError(MakeRunEndEncodedArray(Int32s({2}), values), StatusCode::kInvalidArgument,
              "expected as many values as run ends (1) but found 2");
  ExpectError(MakeRunEndEncodedArray(testing::Int8s({2}), values), StatusCode::kInvalidArgument,
              "expected run ends of type int16, int32 or int64 but found int8");
}

TEST(MakeExtensionArray, SharesTheStorage) {
  ArrayPtr storage = Int32s({1, std::nullopt});
  const TypePtr t = extension("my.ext", int32());
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, MakeExtensionArray(t, storage));
  EXPECT_EQ(a->type, t);
  EXPECT_EQ(a->buffers, storage->buffers);
  EXPECT_EQ(a->GetNullCount(), 1);
  ExpectError(MakeExtensionArray(extension("my.ext", int64()), storage), StatusCode::kInvalidArgument,
              "expected storage of type int64 but found int32");
  ExpectError(MakeExtensionArray(int32(), storage), StatusCode::kInvalidArgument,
              "expected an extension type but found int32");
}

}  // namespace
}  // namespace quiver
