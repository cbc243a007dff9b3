// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Exact Dremel levels of written leaves: null list vs empty list vs null element, null
// structs, maps, wrappers and slices.
#include "parquet/arrow/levels.h"

#include <gtest/gtest.h>

#include <cstring>

#include "core/builder_test_util.h"
#include "core/sample_arrays_test_util.h"

namespace quiver::parquet::arrow {
namespace {

struct Shredded {
  std::vector<uint16_t> def, rep;
  std::vector<int32_t> ints;  // INT32 leaves
  int16_t max_def = 0, max_rep = 0;
};

std::vector<Shredded> Shred(const ArrayPtr& a, bool nullable = true) {
  Schema s({field("c", a->type, nullable)});
  WriteSchema ws = quiver::testing::Unwrap(MakeWriteSchema(s));
  std::vector<LeafChunk> chunks;
  for (const WriteLeaf& leaf : ws.leaves) chunks.emplace_back(leaf);
  EXPECT_TRUE(AppendLevels(ws, ws.roots[0], *a, &chunks).ok());
  std::vector<Shredded> out;
  for (size_t i = 0; i < chunks.size(); ++i) {
    Shredded x;
    x.def = chunks[i].def;
    x.rep = chunks[i].rep;
    x.max_def = ws.leaves[i].max_def;
    x.max_rep = ws.leaves[i].max_rep;
    if (ws.leaves[i].type == PhysicalType::kInt32) {
      x.ints.resize(static_cast<size_t>(chunks[i].values.count));
      if (!x.ints.empty()) std::memcpy(x.ints.data(), chunks[i].values.data.data(), x.ints.size() * 4);
    }
    out.push_back(std::move(x));
  }
  return out;
}

ArrayPtr Sample(const std::string& name) {
  for (auto& s : quiver::testing::SampleArrays()) {
    if (s.name == name) return s.array;
  }
  return nullptr;
}

using V = std::vector<uint16_t>;

TEST(LevelsTest, NullListEmptyListAndNullElement) {
  // [[1, 2], null, [], [3, null, 5], [6]]
  auto x = Shred(Sample("list"));
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].max_def, 3);
  EXPECT_EQ(x[0].max_rep, 1);
  EXPECT_EQ(x[0].def, (V{3, 3, 0, 1, 3, 2, 3, 3}));
  EXPECT_EQ(x[0].rep, (V{0, 1, 0, 0, 0, 1, 1, 0}));
  EXPECT_EQ(x[0].ints, (std::vector<int32_t>{1, 2, 3, 5, 6}));
}

TEST(LevelsTest, NullStructAndNullField) {
  // struct<a: int32, b: utf8>, slot 2 null; a = [1, null, (3), 4]
  auto x = Shred(Sample("struct"));
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0].def, (V{2, 1, 0, 2}));
  EXPECT_EQ(x[0].ints, (std::vector<int32_t>{1, 4}));
  EXPECT_EQ(x[1].def, (V{2, 2, 0, 1}));
}

TEST(LevelsTest, MapKeysAreRequired) {
  // [{a: 1, b: null}, null, {}, {c: 3}]
  auto x = Shred(Sample("map"));
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0].max_def, 2);
  EXPECT_EQ(x[0].def, (V{2, 2, 0, 1, 2}));
  EXPECT_EQ(x[0].rep, (V{0, 1, 0, 0, 0}));
  EXPECT_EQ(x[1].max_def, 3);
  EXPECT_EQ(x[1].def, (V{3, 2, 0, 1, 3}));
  EXPECT_EQ(x[1].ints, (std::vector<int32_t>{1, 3}));
}

TEST(LevelsTest, NestedListsRepeatAtTheirLevel) {
  // list<struct<k: utf8, v: list<int8>>>: [[{p, [1]}, {q, null}], [{r, [2, 3]}]]
  auto x = Shred(Sample("list_of_struct"));
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[1].max_rep, 2);
  EXPECT_EQ(x[1].max_def, 6);
  EXPECT_EQ(x[1].def, (V{6, 3, 6, 6}));
  EXPECT_EQ(x[1].rep, (V{0, 1, 0, 2}));
  EXPECT_EQ(x[1].ints, (std::vector<int32_t>{1, 2, 3}));
}

TEST(LevelsTest, RunEndEncodedAndSlices) {
  // run-end encoded [10, 10, null, 30, 30, 30], sliced to [10, null, 30]
  auto ree = quiver::testing::Slice(Sample("run_end_encoded_int16"), 1, 3);
  auto x = Shred(ree);
  EXPECT_EQ(x[0].def, (V{1, 0, 1}));
  EXPECT_EQ(x[0].ints, (std::vector<int32_t>{10, 30}));
  auto list = quiver::testing::Slice(Sample("list"), 3, 2);  // [[3, null, 5], [6]]
  x = Shred(list);
  EXPECT_EQ(x[0].def, (V{3, 2, 3, 3}));
  EXPECT_EQ(x[0].rep, (V{0, 1, 1, 0}));
  EXPECT_EQ(x[0].ints, (std::vector<int32_t>{3, 5, 6}));
}

TEST(LevelsTest, RequiredFieldRefusesNulls) {
  Schema s({field("c", int32(), false)});
  WriteSchema ws = quiver::testing::Unwrap(MakeWriteSchema(s));
  std::vector<LeafChunk> chunks;
  chunks.emplace_back(ws.leaves[0]);
  EXPECT_EQ(ws.leaves[0].max_def, 0);
  EXPECT_EQ(AppendLevels(ws, ws.roots[0], *quiver::testing::Int32s({1, std::nullopt}), &chunks).ToString(),
            "expected no nulls in non-nullable field 'c' but found one");
}

}  // namespace
}  // namespace quiver::parquet::arrow
