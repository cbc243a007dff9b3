// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "quiver/arrow/type.h"

#include <gtest/gtest.h>

namespace quiver {
namespace {

TEST(DataType, ToStringOfEveryType) {
  const std::vector<std::pair<TypePtr, std::string>> cases = {
      {null(), "null"},
      {boolean(), "bool"},
      {int8(), "int8"},
      {uint64(), "uint64"},
      {float16(), "float16"},
      {float64(), "float64"},
      {decimal32(9, 2), "decimal32(9, 2)"},
      {decimal64(18, 0), "decimal64(18, 0)"},
      {decimal128(38, 10), "decimal128(38, 10)"},
      {decimal256(76, -3), "decimal256(76, -3)"},
      {date32(), "date32[day]"},
      {date64(), "date64[ms]"},
      {time32(TimeUnit::kMilli), "time32[ms]"},
      {time64(TimeUnit::kNano), "time64[ns]"},
      {timestamp(TimeUnit::kMicro), "timestamp[us]"},
      {timestamp(TimeUnit::kSecond, "Europe/Paris"), "timestamp[s, tz=Europe/Paris]"},
      {duration(TimeUnit::kNano), "duration[ns]"},
      {interval_year_month(), "interval_year_month"},
      {interval_day_time(), "interval_day_time"},
      {interval_month_day_nano(), "interval_month_day_nano"},
      {binary(), "binary"},
      {utf8(), "utf8"},
      {large_binary(), "large_binary"},
      {large_utf8(), "large_utf8"},
      {binary_view(), "binary_view"},
      {utf8_view(), "utf8_view"},
      {fixed_size_binary(16), "fixed_size_binary[16]"},
      {list(int32()), "list<item: int32>"},
      {large_list(field("x", utf8(), false)), "large_list<x: utf8 not null>"},
      {fixed_size_list(float32(), 3), "fixed_size_list<item: float32>[3]"},
      {list_view(int16()), "list_view<item: int16>"},
      {large_list_view(int16()), "large_list_view<item: int16>"},
      {struct_({field("a", int32()), field("b", utf8())}), "struct<a: int32, b: utf8>"},
      {map(utf8(), int64()), "map<utf8, int64>"},
      {map(utf8(), int64(), true), "map<utf8, int64, keys_sorted>"},
      {sparse_union({field("i", int32()), field("s", utf8())}), "sparse_union<i: int32=0, s: utf8=1>"},
      {dense_union({field("i", int32()), field("s", utf8())}, {5, 7}), "dense_union<i: int32=5, s: utf8=7>"},
      {dictionary(int8(), utf8()), "dictionary<values=utf8, indices=int8>"},
      {dictionary(uint32(), utf8(), true), "dictionary<values=utf8, indices=uint32, ordered>"},
      {run_end_encoded(int32(), float64()), "run_end_encoded<run_ends: int32 not null, values: float64>"},
      {extension("geoarrow.wkb", binary(), "{}"), "extension<geoarrow.wkb>[binary]"},
  };
  for (const auto& [type, text] : cases) {
    EXPECT_EQ(type->ToString(), text);
  }
}

TEST(DataType, LayoutsFollowTheColumnarFormat) {
  EXPECT_EQ(null()->layout().num_buffers, 0);
  EXPECT_EQ(boolean()->layout().buffers[1].kind, BufferKind::kBitmap);
  auto i32 = int32()->layout();
  ASSERT_EQ(i32.num_buffers, 2);
  EXPECT_EQ(i32.buffers[0].kind, BufferKind::kValidity);
  EXPECT_EQ(i32.buffers[1].byte_width, 4);
  EXPECT_EQ(decimal256(40, 2)->layout().buffers[1].byte_width, 32);
  EXPECT_EQ(interval_month_day_nano()->layout().buffers[1].byte_width, 16);
  EXPECT_EQ(fixed_size_binary(7)->layout().buffers[1].byte_width, 7);
  auto lu = large_utf8()->layout();
  ASSERT_EQ(lu.num_buffers, 3);
  EXPECT_EQ(lu.buffers[1].kind, BufferKind::kOffsets64);
  EXPECT_TRUE(utf8_view()->layout().variadic);
  EXPECT_EQ(list_view(int8())->layout().buffers[2].kind, BufferKind::kSizes32);
  EXPECT_EQ(sparse_union({field("a", int8())})->layout().num_buffers, 1);
  EXPECT_EQ(dense_union({field("a", int8())})->layout().num_buffers, 2);
  EXPECT_EQ(run_end_encoded(int16(), utf8())->layout().num_buffers, 0);
  EXPECT_EQ(dictionary(int16(), utf8())->layout().buffers[1].byte_width, 2);
  EXPECT_EQ(extension("x", int64())->layout().buffers[1].byte_width, 8);
}

TEST(DataType, EqualityIsStructural) {
  EXPECT_TRUE(list(int32())->Equals(*list(int32())));
  EXPECT_FALSE(list(int32())->Equals(*list(int64())));
  EXPECT_FALSE(list(field("a", int32()))->Equals(*list(field("b", int32()))));
  EXPECT_FALSE(timestamp(TimeUnit::kMilli)->Equals(*timestamp(TimeUnit::kMilli, "UTC")));
  EXPECT_FALSE(decimal128(10, 2)->Equals(*decimal128(10, 3)));
  EXPECT_FALSE(dictionary(int8(), utf8())->Equals(*dictionary(int8(), utf8(), true)));
  EXPECT_FALSE(sparse_union({field("a", int8())})->Equals(*dense_union({field("a", int8())})));
  auto with_md = field("a", int32(), true, {{"k", "v"}});
  auto without = field("a", int32());
  EXPECT_TRUE(with_md->Equals(*without));
  EXPECT_FALSE(with_md->Equals(*without, /*check_metadata=*/true));
}

TEST(Schema, LookupAndPrint) {
  auto s = schema({field("id", int64(), false), field("name", utf8())}, {{"origin", "test"}});
  EXPECT_EQ(s->GetFieldIndex("name"), 1);
  EXPECT_EQ(s->GetFieldIndex("missing"), -1);
  EXPECT_EQ(s->ToString(), "id: int64 not null\nname: utf8\n-- schema metadata --\norigin: test");
}

struct InvalidTypeCase {
  TypePtr type;
  StatusCode code;
  std::string message;
};

TEST(ValidateType, RejectsBadParameters) {
  const std::vector<InvalidTypeCase> cases = {
      {decimal32(10, 2), StatusCode::kInvalidInput, "expected decimal32 precision in [1, 9] but found 10"},
      {decimal128(0, 0), StatusCode::kInvalidInput, "expected decimal128 precision in [1, 38] but found 0"},
      {decimal256(77, 0), StatusCode::kInvalidInput, "expected decimal256 precision in [1, 76] but found 77"},
      {decimal64(5, 6), StatusCode::kInvalidInput, "expected decimal64 scale <= precision 5 but found 6"},
      {time32(TimeUnit::kNano), StatusCode::kInvalidInput, "expected time32 unit s or ms but found ns"},
      {time64(TimeUnit::kSecond), StatusCode::kInvalidInput, "expected time64 unit us or ns but found s"},
      {fixed_size_binary(-1), StatusCode::kInvalidInput, "expected fixed_size_binary byte width >= 0 but found -1"},
      {fixed_size_list(int8(), -2), StatusCode::kInvalidInput, "expected fixed_size_list size >= 0 but found -2"},
      {sparse_union({field("a", int8()), field("b", int8())}, {1, 1}), StatusCode::kInvalidInput,
       "union type code 1 appears twice"},
      {dense_union({field("a", int8())}, {1, 2}), StatusCode::kInvalidInput,
       "expected 1 union type codes (one per child) but found 2"},
      {dense_union({field("a", int8())}, {-3}), StatusCode::kInvalidInput,
       "expected union type codes in [0, 127] but found -3"},
      {dictionary(utf8(), utf8()), StatusCode::kInvalidInput, "expected an integer dictionary index type but found utf8"},
      {run_end_encoded(uint32(), utf8()), StatusCode::kInvalidInput,
       "expected run ends of type int16, int32 or int64 but found uint32"},
      {map(field("entries", struct_({field("k", utf8())}), false), false), StatusCode::kInvalidInput,
       "expected map entries to be a struct of two fields (key, value)"},
      {map(field("entries", struct_({field("k", utf8(), true), field("v", utf8())}), false), false),
       StatusCode::kInvalidInput, "expected map keys to be non-nullable"},
      {extension("a", extension("b", int8())), StatusCode::kInvalidInput,
       "an extension type's storage cannot itself be an extension type"},
      {list(decimal32(20, 1)), StatusCode::kInvalidInput, "child[0]: expected decimal32 precision in [1, 9] but found 20"},
      {struct_({field("a", int8()), field("b", list(time32(TimeUnit::kMicro)))}), StatusCode::kInvalidInput,
       "child[1].child[0]: expected time32 unit s or ms but found us"},
  };
  for (const auto& c : cases) {
    Status s = ValidateType(*c.type);
    EXPECT_EQ(s.code(), c.code) << c.type->ToString();
    EXPECT_EQ(s.ToString(), c.message) << c.type->ToString();
  }
}

TEST(ValidateType, NestingDepthIsLimited) {
  TypePtr t = int32();
  for (int i = 0; i < 10; ++i) t = list(t);
  EXPECT_TRUE(ValidateType(*t, 10).ok());
  Status s = ValidateType(*t, 9);
  EXPECT_EQ(s.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(s.message(), "type nesting is deeper than the limit of 9");
}

TEST(ValidateType, AcceptsEveryWellFormedType) {
  for (const TypePtr& t : {decimal32(9, 9), decimal256(76, 0), time32(TimeUnit::kSecond), time64(TimeUnit::kNano),
                           map(utf8(), list(int8())), dense_union({field("a", int8()), field("b", utf8())}, {0, 127}),
                           dictionary(uint64(), list(utf8())), run_end_encoded(int64(), struct_({field("x", int8())})),
                           extension("e", fixed_size_list(int8(), 0))}) {
    EXPECT_TRUE(ValidateType(*t).ok()) << t->ToString() << ": " << ValidateType(*t).ToString();
  }
}

}  // namespace
}  // namespace quiver
