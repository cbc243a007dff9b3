// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Printed forms of nested, union, dictionary, run-end encoded and extension arrays, their
// slices, and of record batches, tables and schemas.
#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "quiver/arrow/pretty_print.h"

namespace quiver {
namespace {

using testing::Int32s;
using testing::Slice;
using testing::Strings;
using testing::Unwrap;
using testing::Utf8s;

TEST(FormatNested, Lists) {
  ArrayPtr values = Int32s({1, 2, std::nullopt, 4});
  EXPECT_EQ(FormatArray(*Unwrap(MakeListArray(list(int32()), {0, 2, 2, 2, 4}, values, {true, false, true, true}))),
            "[[1, 2], null, [], [null, 4]]");
  EXPECT_EQ(FormatArray(*Unwrap(MakeListArray(large_list(utf8()), {0, 1, 3}, Utf8s({"a", "b", std::nullopt})))),
            R"([["a"], ["b", null]])");
  EXPECT_EQ(FormatArray(*Unwrap(MakeListArray(list(int32()), {0}, values))), "[]");
}

TEST(FormatNested, FixedSizeList) {
  ArrayPtr values = Int32s({1, 2, 3, 4, 5, std::nullopt});
  EXPECT_EQ(FormatArray(*Unwrap(MakeFixedSizeListArray(fixed_size_list(int32(), 2), 3, values, {true, false, true}))),
            "[[1, 2], null, [5, null]]");
  EXPECT_EQ(FormatArray(*Unwrap(MakeFixedSizeListArray(fixed_size_list(int32(), 0), 2, values))), "[[], []]");
}

TEST(FormatNested, ListViewsMayOverlapAndBeOutOfOrder) {
  ArrayPtr values = Int32s({1, 2, 3});
  EXPECT_EQ(FormatArray(*Unwrap(MakeListViewArray(list_view(int32()), {2, 0, 1, 0}, {1, 3, 0, 0}, values,
                                                  {true, true, true, false}))),
            "[[3], [1, 2, 3], [], null]");
  EXPECT_EQ(FormatArray(*Unwrap(MakeListViewArray(large_list_view(int32()), {1, 1}, {2, 1}, values))),
            "[[2, 3], [2]]");
}

TEST(FormatNested, Struct) {
  ArrayPtr s = Unwrap(MakeStructArray({field("a", int32()), field("b", utf8())},
                                      {Int32s({1, 2, std::nullopt}), Utf8s({"x", "y", "z"})}, {true, false, true}));
  EXPECT_EQ(FormatArray(*s), R"([{a: 1, b: "x"}, null, {a: null, b: "z"}])");
  EXPECT_EQ(FormatArray(*Unwrap(MakeStructArray(struct_({}), {}, {}, 2))), "[{}, {}]");
  // Names that would be ambiguous are quoted.
  ArrayPtr odd = Unwrap(MakeStructArray({field("x: y", int32()), field("", int32()), field("é", int32())},
                                        {Int32s({1}), Int32s({2}), Int32s({3})}));
  EXPECT_EQ(FormatArray(*odd), R"([{"x: y": 1, "": 2, é: 3}])");
}

TEST(FormatNested, Map) {
  ArrayPtr m = Unwrap(MakeMapArray(map(utf8(), int32()), {0, 2, 2, 2, 3}, Utf8s({"a", "b", "c"}),
                                   Int32s({1, std::nullopt, 3}), {true, false, true, true}));
  EXPECT_EQ(FormatArray(*m), R"([{"a": 1, "b": null}, null, {}, {"c": 3}])");
}

TEST(FormatNested, UnionsShowTheSelectedValue) {
  const std::vector<FieldPtr> fields = {field("i", int32()), field("s", utf8())};
  ArrayPtr sparse = Unwrap(MakeSparseUnionArray(sparse_union(fields, {5, 9}), {5, 9, 5, 9},
                                                {Int32s({1, 0, std::nullopt, 0}), Utf8s({"", "b", "", std::nullopt})}));
  EXPECT_EQ(FormatArray(*sparse), R"([1, "b", null, null])");
  ArrayPtr dense = Unwrap(MakeDenseUnionArray(dense_union(fields), {1, 0, 0, 1}, {0, 1, 0, 0},
                                              {Int32s({7, std::nullopt}), Utf8s({"s"})}));
  EXPECT_EQ(FormatArray(*dense), R"(["s", null, 7, "s"])");
}

TEST(FormatNested, DictionaryDecodedOrInSections) {
  ArrayPtr d = Unwrap(MakeDictionaryArray(dictionary(int8(), utf8()), testing::Int8s({1, std::nullopt, 0, 1}),
                                          Utf8s({"x", "y"})));
  EXPECT_EQ(FormatArray(*d), R"(["y", null, "x", "y"])");
  EXPECT_EQ(FormatArray(*d, {.dictionary_sections = true}),
            "-- dictionary --\n[\"x\", \"y\"]\n-- indices --\n[1, null, 0, 1]");
  EXPECT_EQ(FormatArray(*d, {.indent = 2, .dictionary_sections = true}),
            "  -- dictionary --\n  [\"x\", \"y\"]\n  -- indices --\n  [1, null, 0, 1]");
  ArrayPtr wide = Unwrap(MakeDictionaryArray(dictionary(uint64(), int32()),
                                             testing::Array<uint64_t>(uint64(), {2, 0}), Int32s({10, 20, 30})));
  EXPECT_EQ(FormatArray(*wide), "[30, 10]");
}

TEST(FormatNested, RunEndEncodedShowsLogicalValues) {
  ArrayPtr ree = Unwrap(MakeRunEndEncodedArray(Int32s({2, 5, 6}), Utf8s({"a", std::nullopt, "b"})));
  EXPECT_EQ(FormatArray(*ree), R"(["a", "a", null, null, null, "b"])");
  EXPECT_EQ(FormatArray(*Slice(ree, 1, 2)), R"(["a", null])");
  EXPECT_EQ(FormatArray(*Slice(ree, 5, 1)), R"(["b"])");
  ArrayPtr shorter = Unwrap(MakeRunEndEncodedArray(testing::Array<int16_t>(int16(), {3}), Int32s({7}), 2));
  EXPECT_EQ(FormatArray(*shorter), "[7, 7]");
}

TEST(FormatNested, ExtensionShowsItsNameAndStorage) {
  const TypePtr uuid = extension("arrow.uuid", fixed_size_binary(2));
  ArrayPtr a = Unwrap(MakeExtensionArray(uuid, testing::FixedSizeBinaries(2, {"ab", std::nullopt})));
  EXPECT_EQ(FormatArray(*a), "extension<arrow.uuid> [x'6162', null]");
  // Inside another array only the values show.
  ArrayPtr l = Unwrap(MakeListArray(list(uuid), {0, 2}, a));
  EXPECT_EQ(FormatArray(*l), "[[x'6162', null]]");
}

TEST(FormatNested, DeepNesting) {
  ArrayPtr inner = Unwrap(MakeMapArray(map(utf8(), list(int32())), {0, 1, 2}, Utf8s({"k", "v"}),
                                       Unwrap(MakeListArray(list(int32()), {0, 2, 2}, Int32s({1, 2}), {true, false}))));
  ArrayPtr s = Unwrap(MakeStructArray({field("m", inner->type), field("d", float64())},
                                      {inner, testing::Float64s({0.5, std::nullopt})}));
  EXPECT_EQ(FormatArray(*s), R"([{m: {"k": [1, 2]}, d: 0.5}, {m: {"v": null}, d: null}])");
}

TEST(FormatNested, Slices) {
  ArrayPtr values = Int32s({1, 2, 3, 4, 5, 6});
  ArrayPtr l = Unwrap(MakeListArray(list(int32()), {0, 1, 3, 3, 6}, values, {true, true, false, true}));
  EXPECT_EQ(FormatArray(*Slice(l, 1, 3)), "[[2, 3], null, [4, 5, 6]]");
  ArrayPtr fsl = Unwrap(MakeFixedSizeListArray(fixed_size_list(int32(), 2), 3, values));
  EXPECT_EQ(FormatArray(*Slice(fsl, 1, 2)), "[[3, 4], [5, 6]]");
  // A struct's slice applies to its children, which may themselves be slices.
  ArrayPtr s = Unwrap(MakeStructArray({field("a", int32()), field("b", utf8())},
                                      {Slice(values, 2, 3), Utf8s({"x", "y", "z"})}, {true, false, true}));
  EXPECT_EQ(FormatArray(*s), R"([{a: 3, b: "x"}, null, {a: 5, b: "z"}])");
  EXPECT_EQ(FormatArray(*Slice(s, 2, 1)), R"([{a: 5, b: "z"}])");
  ArrayPtr m = Unwrap(MakeMapArray(map(utf8(), int32()), {0, 1, 3}, Utf8s({"a", "b", "c"}), Int32s({1, 2, 3})));
  EXPECT_EQ(FormatArray(*Slice(m, 1, 1)), R"([{"b": 2, "c": 3}])");
  ArrayPtr sparse = Unwrap(MakeSparseUnionArray(sparse_union({field("i", int32()), field("s", utf8())}), {0, 1, 0},
                                                {Int32s({1, 2, 3}), Utf8s({"a", "b", "c"})}));
  EXPECT_EQ(FormatArray(*Slice(sparse, 1, 2)), R"(["b", 3])");
  ArrayPtr d = Unwrap(MakeDictionaryArray(dictionary(int8(), utf8()), testing::Int8s({1, 0, 1}), Utf8s({"x", "y"})));
  EXPECT_EQ(FormatArray(*Slice(d, 1, 2)), R"(["x", "y"])");
  ArrayPtr lv = Unwrap(MakeListViewArray(list_view(int32()), {4, 0, 2}, {2, 1, 3}, values));
  EXPECT_EQ(FormatArray(*Slice(lv, 1, 2)), "[[1], [3, 4, 5]]");
}

TEST(FormatNested, WindowAppliesAtEveryLevel) {
  std::vector<std::optional<int32_t>> v;
  for (int i = 0; i < 10; ++i) v.emplace_back(i);
  ArrayPtr l = Unwrap(MakeListArray(list(int32()), {0, 5, 5, 6, 8, 10, 10}, Int32s(v)));
  EXPECT_EQ(FormatArray(*l, {.window = 1}), "[[0, ..., 4], ..., []]");
  EXPECT_EQ(FormatArray(*l, {.window = 2}), "[[0, 1, ..., 3, 4], [], ..., [8, 9], []]");
}

Result<RecordBatchPtr> SampleBatch() {
  auto s = schema({field("id", int32(), false), field("name", utf8())});
  return RecordBatch::Make(s, 3, {Int32s({1, 2, 3}), Utf8s({"a", std::nullopt, "c"})});
}

TEST(FormatRecordBatch, SchemaThenColumns) {
  RecordBatchPtr b = Unwrap(SampleBatch());
  EXPECT_EQ(FormatRecordBatch(*b),
            "id: int32 not null\n"
            "name: utf8\n"
            "----\n"
            "id: [1, 2, 3]\n"
            "name: [\"a\", null, \"c\"]");
  EXPECT_EQ(FormatRecordBatch(*Unwrap(b->Slice(1, 2)), {.window = 0, .indent = 2}),
            "  id: int32 not null\n"
            "  name: utf8\n"
            "  ----\n"
            "  id: [...]\n"
            "  name: [...]");
}

TEST(FormatTable, ColumnsAsChunks) {
  RecordBatchPtr b = Unwrap(SampleBatch());
  TablePtr t = Unwrap(Table::Make(b->schema(), {b, Unwrap(b->Slice(2, 1)), Unwrap(b->Slice(0, 0))}));
  EXPECT_EQ(FormatTable(*t),
            "id: int32 not null\n"
            "name: utf8\n"
            "----\n"
            "id: [[1, 2, 3], [3], []]\n"
            "name: [[\"a\", null, \"c\"], [\"c\"], []]");
  EXPECT_EQ(FormatTable(*t, {.window = 1}),
            "id: int32 not null\n"
            "name: utf8\n"
            "----\n"
            "id: [[1, ..., 3], ..., []]\n"
            "name: [[\"a\", ..., \"c\"], ..., []]");
  TablePtr empty = Unwrap(Table::Make(b->schema(), {}));
  EXPECT_EQ(FormatTable(*empty), "id: int32 not null\nname: utf8\n----\nid: []\nname: []");
}

TEST(FormatSchema, FieldsAndMetadata) {
  auto s = schema({field("a", list(int32()), false, {{"unit", "m"}}), field("b\nc", dictionary(int8(), utf8()))},
                  {{"origin", "test \"suite\""}, {"big", std::string(100, 'x') + "\xc3\xa9"}});
  const std::string expected =
      "a: list<item: int32> not null\n"
      "  -- field metadata --\n"
      "  unit: \"m\"\n"
      "\"b\\nc\": dictionary<values=utf8, indices=int8>\n"
      "-- schema metadata --\n"
      "origin: \"test \\\"suite\\\"\"\n"
      "big: \"" + std::string(80, 'x') + "\"... (102 bytes)";
  EXPECT_EQ(FormatSchema(*s), expected);
  EXPECT_EQ(FormatSchema(*s, {.show_metadata = false}),
            "a: list<item: int32> not null\n\"b\\nc\": dictionary<values=utf8, indices=int8>");
  // The cut keeps UTF-8 characters whole.
  auto t = schema({}, {{"k", "\xc3\xa9\xc3\xa9"}});
  EXPECT_EQ(FormatSchema(*t, {.metadata_value_limit = 3}), "-- schema metadata --\nk: \"é\"... (4 bytes)");
}

}  // namespace
}  // namespace quiver
