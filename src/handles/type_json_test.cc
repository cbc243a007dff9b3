// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "handles/type_json.h"

#include <gtest/gtest.h>

#include "handles/json_writer.h"

namespace quiver::handles {
namespace {

TEST(ArrowTypeNameTest, FollowsArrowSpelling) {
  EXPECT_EQ(ArrowTypeName(*int64()), "Int64");
  EXPECT_EQ(ArrowTypeName(*utf8()), "Utf8");
  EXPECT_EQ(ArrowTypeName(*boolean()), "Boolean");
  EXPECT_EQ(ArrowTypeName(*timestamp(TimeUnit::kMilli, "UTC")), "Timestamp(ms, \"UTC\")");
  EXPECT_EQ(ArrowTypeName(*timestamp(TimeUnit::kNano)), "Timestamp(ns)");
  EXPECT_EQ(ArrowTypeName(*list(int32())), "List<Int32>");
  EXPECT_EQ(ArrowTypeName(*dictionary(int8(), utf8())), "Dictionary<Int8, Utf8>");
  EXPECT_EQ(ArrowTypeName(*decimal128(10, 2)), "Decimal128(10, 2)");
  EXPECT_EQ(ArrowTypeName(*fixed_size_list(float32(), 3)), "FixedSizeList<Float32, 3>");
  EXPECT_EQ(ArrowTypeName(*struct_({field("a", int32()), field("b", utf8())})), "Struct<a: Int32, b: Utf8>");
  EXPECT_EQ(ArrowTypeName(*map(utf8(), int64())), "Map<Utf8, Int64>");
  EXPECT_EQ(ArrowTypeName(*run_end_encoded(int32(), utf8())), "RunEndEncoded<Int32, Utf8>");
  EXPECT_EQ(ArrowTypeName(*time32(TimeUnit::kSecond)), "Time32(s)");
  EXPECT_EQ(ArrowTypeName(*interval_month_day_nano()), "Interval(MonthDayNano)");
  EXPECT_EQ(ArrowTypeName(*extension("geoarrow.wkb", binary())), "Extension<geoarrow.wkb, Binary>");
}

TEST(TypeJsonTest, NestedWithParameters) {
  std::string out;
  AppendTypeJson(&out, *dictionary(int16(), timestamp(TimeUnit::kMicro, "+01:00"), true));
  EXPECT_EQ(out,
            "{\"id\":\"dictionary\",\"name\":\"Dictionary<Int16, Timestamp(us, \\\"+01:00\\\"), ordered>\","
            "\"ordered\":true,\"indexType\":{\"id\":\"int16\",\"name\":\"Int16\",\"children\":[]},"
            "\"valueType\":{\"id\":\"timestamp\",\"name\":\"Timestamp(us, \\\"+01:00\\\")\",\"unit\":\"us\","
            "\"timezone\":\"+01:00\",\"children\":[]},\"children\":[]}");
}

TEST(TypeJsonTest, SchemaWithMetadata) {
  Schema s({field("x", list(field("item", int32(), false)), true, {{"k", "v"}})}, {{"a", "b\"c"}});
  EXPECT_EQ(SchemaJson(s),
            "{\"fields\":[{\"name\":\"x\",\"nullable\":true,\"metadata\":{\"k\":\"v\"},\"type\":{\"id\":\"list\","
            "\"name\":\"List<Int32>\",\"children\":[{\"name\":\"item\",\"nullable\":false,\"metadata\":{},\"type\":"
            "{\"id\":\"int32\",\"name\":\"Int32\",\"children\":[]}}]}}],\"metadata\":{\"a\":\"b\\\"c\"}}");
}

TEST(JsonStringTest, EscapesAndReplacesInvalidUtf8) {
  std::string out;
  AppendJsonString(&out, std::string_view("a\"\\\n\x01\xc3\xa9\xff\xe2\x82", 10));
  EXPECT_EQ(out, "\"a\\\"\\\\\\n\\u0001\xc3\xa9\\ufffd\\ufffd\\ufffd\"");
}

}  // namespace
}  // namespace quiver::handles
