// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/value_json.h"

#include <gtest/gtest.h>

#include <cmath>

#include "handles/handles_test_util.h"

namespace quiver::handles {
namespace {

using testing::Must;
using testing::Utf8Array;

std::string All(const ArrayPtr& a) {
  std::string out = "[";
  for (int64_t i = 0; i < a->length; ++i) {
    if (i > 0) out.push_back(',');
    AppendValueJson(&out, *a, i);
  }
  return out + "]";
}

TEST(ValueJsonTest, Scalars) {
  EXPECT_EQ(All(Must(ArrayFromVector<int32_t>(int32(), {1, -2, 3}, {true, false, true}))), "[1,null,3]");
  EXPECT_EQ(All(Must(ArrayFromVector<uint64_t>(uint64(), {18446744073709551615u}))), "[\"18446744073709551615\"]");
  EXPECT_EQ(All(Must(ArrayFromVector<float>(float32(), {0.1f, -INFINITY}))), "[0.1,\"-Infinity\"]");
  EXPECT_EQ(All(Must(ArrayFromVector<int64_t>(timestamp(TimeUnit::kMilli, "UTC"), {1700000000000}))),
            "[\"1700000000000\"]");
  EXPECT_EQ(All(Utf8Array({"x", "\"q\""})), "[\"x\",\"\\\"q\\\"\"]");
  BinaryBuilder bin(binary());
  ASSERT_TRUE(bin.Append(std::string_view("\x00\xff", 2)).ok());
  EXPECT_EQ(All(Must(bin.Finish())), "[\"00ff\"]");
  BooleanBuilder bools;
  ASSERT_TRUE(bools.Append(true).ok());
  ASSERT_TRUE(bools.AppendNull().ok());
  EXPECT_EQ(All(Must(bools.Finish())), "[true,null]");
}

TEST(ValueJsonTest, NestedAndSliced) {
  auto values = Must(ArrayFromVector<int32_t>(int32(), {1, 2, 3, 4}));
  auto lists = Must(MakeListArray(list(int32()), {0, 1, 1, 4}, values, {true, false, true}));
  EXPECT_EQ(All(lists), "[[1],null,[2,3,4]]");
  EXPECT_EQ(All(Must(SliceArray(lists, 2, 1))), "[[2,3,4]]");
  auto st = Must(MakeStructArray({field("a", int32()), field("s", utf8())},
                                 {Must(ArrayFromVector<int32_t>(int32(), {7, 8})), Utf8Array({"p", "q"})}));
  EXPECT_EQ(All(Must(SliceArray(st, 1, 1))), "[{\"a\":8,\"s\":\"q\"}]");
  auto dict = Must(MakeDictionaryArray(dictionary(int8(), utf8()), Must(ArrayFromVector<int8_t>(int8(), {1, 0, 1})),
                                       Utf8Array({"lo", "hi"})));
  EXPECT_EQ(All(dict), "[\"hi\",\"lo\",\"hi\"]");
  auto ree = Must(MakeRunEndEncodedArray(Must(ArrayFromVector<int32_t>(int32(), {2, 5})), Utf8Array({"a", "b"})));
  EXPECT_EQ(All(ree), "[\"a\",\"a\",\"b\",\"b\",\"b\"]");
  EXPECT_EQ(All(Must(SliceArray(ree, 1, 2))), "[\"a\",\"b\"]");
  auto m = Must(MakeMapArray(map(utf8(), int32()), {0, 2}, Utf8Array({"k1", "k2"}),
                             Must(ArrayFromVector<int32_t>(int32(), {1, 2}))));
  EXPECT_EQ(All(m), "[[{\"key\":\"k1\",\"value\":1},{\"key\":\"k2\",\"value\":2}]]");
}

TEST(ValueJsonTest, UnionsNameTheirChild) {
  auto type = sparse_union({field("i", int32()), field("s", utf8())}, {3, 7});
  auto u = Must(MakeSparseUnionArray(type, {7, 3}, {Must(ArrayFromVector<int32_t>(int32(), {1, 2})), Utf8Array({"a", "b"})}));
  EXPECT_EQ(All(u), "[[1,\"a\"],[0,2]]");
}

TEST(ValueJsonTest, RowsJsonRange) {
  auto t = testing::SampleTable();
  EXPECT_EQ(*RowsJson(*t, 2, 0), "[]");
  EXPECT_EQ(*RowsJson(*t, 4, 0), "[]");
  EXPECT_EQ(RowsJson(*t, 3, 2).status().message(), "expected rows [3, 3 + 2) within [0, 4) but they are outside");
  EXPECT_EQ(ColumnJson(*t, 1), "[\"a\",null,\"c\",\"d\"]");
}

}  // namespace
}  // namespace quiver::handles
