// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include "parquet/thrift/compact_reader.h"

#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "parquet/testing/file_builder_test_util.h"
#include "parquet/thrift/metadata_decode.h"

namespace quiver::parquet::thrift {
namespace {

using testing::ThriftWriter;

Status SkipAll(const std::vector<uint8_t>& bytes, const ParquetLimits& limits = {}) {
  CompactReader r(bytes, limits);
  return r.Skip(CType::kStruct);
}

TEST(CompactReaderTest, ReadsFieldsWithDeltasAndLongIds) {
  ThriftWriter w;
  w.I32(1, -7);
  w.I64(100, int64_t{1} << 40);
  w.Binary(101, "hi");
  w.Bool(102, true);
  w.End();
  CompactReader r(w.bytes, ParquetLimits{});
  int16_t last = 0;
  FieldHeader fh;
  QUIVER_ASSERT_OK(r.ReadFieldHeader(&last, &fh));
  EXPECT_EQ(fh.id, 1);
  int32_t i32;
  QUIVER_ASSERT_OK(r.ReadI32(fh, "a", &i32));
  EXPECT_EQ(i32, -7);
  QUIVER_ASSERT_OK(r.ReadFieldHeader(&last, &fh));
  EXPECT_EQ(fh.id, 100);
  int64_t i64;
  QUIVER_ASSERT_OK(r.ReadI64(fh, "b", &i64));
  EXPECT_EQ(i64, int64_t{1} << 40);
  QUIVER_ASSERT_OK(r.ReadFieldHeader(&last, &fh));
  std::string s;
  QUIVER_ASSERT_OK(r.ReadString(fh, "c", &s));
  EXPECT_EQ(s, "hi");
  QUIVER_ASSERT_OK(r.ReadFieldHeader(&last, &fh));
  bool b = false;
  QUIVER_ASSERT_OK(r.ReadBoolField(fh, "d", &b));
  EXPECT_TRUE(b);
  QUIVER_ASSERT_OK(r.ReadFieldHeader(&last, &fh));
  EXPECT_TRUE(fh.stop());
}

TEST(CompactReaderTest, TypeMismatchNamesTheField) {
  ThriftWriter w;
  w.Binary(1, "x");
  CompactReader r(w.bytes, ParquetLimits{});
  int16_t last = 0;
  FieldHeader fh;
  QUIVER_ASSERT_OK(r.ReadFieldHeader(&last, &fh));
  int32_t v;
  EXPECT_EQ(r.ReadI32(fh, "SchemaElement.type_length", &v).ToString(),
            "expected SchemaElement.type_length to be i32 but found binary");
}

TEST(CompactReaderTest, StringLimit) {
  ThriftWriter w;
  w.Binary(1, std::string(100, 'x'));
  w.End();
  ParquetLimits limits;
  limits.max_thrift_string_size = 10;
  Status st = SkipAll(w.bytes, limits);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(st.ToString(), "expected thrift string length <= 10 but found 100");
}

TEST(CompactReaderTest, StringPastTheEnd) {
  std::vector<uint8_t> bytes = {0x18, 0x64, 'a'};  // field 1 binary, length 100, 1 byte
  Status st = SkipAll(bytes);
  EXPECT_EQ(st.code(), StatusCode::kTruncated);
  EXPECT_EQ(st.ToString(), "expected thrift string length <= 1 (bytes left) but found 100");
}

TEST(CompactReaderTest, ContainerLimit) {
  ThriftWriter w;
  w.ListHeader(1, 5, 1000);
  for (int i = 0; i < 1000; ++i) w.ZigZag(i);
  w.End();
  ParquetLimits limits;
  limits.max_thrift_container_size = 100;
  EXPECT_EQ(SkipAll(w.bytes, limits).ToString(), "expected thrift list size <= 100 but found 1000");
}

TEST(CompactReaderTest, ListLongerThanInput) {
  std::vector<uint8_t> bytes = {0x19, 0xf5, 0xff, 0xff, 0xff, 0x0f};  // list of 2^25-1 i32
  Status st = SkipAll(bytes);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(st.ToString(), "expected thrift list size <= 1048576 but found 33554431");
  bytes = {0x19, 0xf5, 0xe8, 0x07, 0x01};  // 1000 i32 declared, one byte present
  st = SkipAll(bytes);
  EXPECT_EQ(st.code(), StatusCode::kTruncated);
  EXPECT_EQ(st.ToString(), "expected thrift list size <= 1 (bytes left) but found 1000");
}

TEST(CompactReaderTest, SkipDepthLimit) {
  std::vector<uint8_t> bytes;
  for (int i = 0; i < 100; ++i) bytes.push_back(0x1c);  // field 1: struct, nested
  Status st = SkipAll(bytes);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(st.ToString(), "expected thrift nesting depth <= 32 but found more");
}

TEST(CompactReaderTest, BadFieldType) {
  std::vector<uint8_t> bytes = {0x1d};
  EXPECT_EQ(SkipAll(bytes).ToString(), "expected a thrift field type in [1, 12] but found 13");
}

TEST(CompactReaderTest, OverlongVarint) {
  std::vector<uint8_t> bytes = {0x16, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
  EXPECT_EQ(SkipAll(bytes).ToString(), "expected a varint of at most 64 bits but found more");
}

TEST(CompactReaderTest, EmptyInputIsTruncated) {
  Status st = SkipAll({});
  EXPECT_EQ(st.code(), StatusCode::kTruncated);
}

TEST(MetadataDecodeTest, PageHeaderRequiresSizes) {
  ThriftWriter w;
  w.I32(1, 0);
  w.I32(2, 10);
  w.End();
  int64_t size;
  auto r = DecodePageHeader(w.bytes, ParquetLimits{}, &size);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "expected required field PageHeader.compressed_page_size but it is missing");
}

TEST(MetadataDecodeTest, PageHeaderSkipsUnknownFields) {
  ThriftWriter w;
  w.I32(1, 2);
  w.I32(2, 10);
  w.I32(3, 10);
  w.BeginStruct(7);
  w.I32(1, 3);
  w.I32(2, 0);
  w.End();
  w.Binary(20, "future");
  w.End();
  int64_t size;
  QUIVER_ASSERT_OK_AND_ASSIGN(PageHeader h, DecodePageHeader(w.bytes, ParquetLimits{}, &size));
  EXPECT_EQ(size, static_cast<int64_t>(w.bytes.size()));
  EXPECT_EQ(h.type, PageType::kDictionaryPage);
  ASSERT_TRUE(h.dictionary_page_header);
  EXPECT_EQ(h.dictionary_page_header->num_values, 3);
}

TEST(MetadataDecodeTest, EnumOutOfRange) {
  ThriftWriter w;
  w.I32(1, 9);
  w.End();
  int64_t size;
  auto r = DecodePageHeader(w.bytes, ParquetLimits{}, &size);
  EXPECT_EQ(r.status().ToString(), "expected PageHeader.type in [0, 3] but found 9");
}

TEST(MetadataDecodeTest, OffsetIndex) {
  ThriftWriter w;
  w.ListHeader(1, 12, 2);
  for (int i = 0; i < 2; ++i) {
    w.BeginElem();
    w.I64(1, 100 + i * 50);
    w.I32(2, 50);
    w.I64(3, i * 1000);
    w.End();
  }
  w.End();
  QUIVER_ASSERT_OK_AND_ASSIGN(OffsetIndex oi, DecodeOffsetIndex(w.bytes, ParquetLimits{}));
  ASSERT_EQ(oi.page_locations.size(), 2u);
  EXPECT_EQ(oi.page_locations[1].offset, 150);
  EXPECT_EQ(oi.page_locations[1].first_row_index, 1000);
}

TEST(MetadataDecodeTest, ColumnIndexListsMustAgree) {
  ThriftWriter w;
  w.ListHeader(1, 1, 2);
  w.bytes.push_back(1);
  w.bytes.push_back(2);
  w.ListHeader(2, 8, 1);
  w.Varint(0);
  w.ListHeader(3, 8, 1);
  w.Varint(0);
  w.I32(4, 1);
  w.End();
  auto r = DecodeColumnIndex(w.bytes, ParquetLimits{});
  EXPECT_EQ(r.status().ToString(), "expected 2 entries in every ColumnIndex list but found 1 min and 1 max values");
}

}  // namespace
}  // namespace quiver::parquet::thrift
