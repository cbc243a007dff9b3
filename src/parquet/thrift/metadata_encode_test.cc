// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Every encoded structure decodes back to the same values with the existing decoder.
#include "parquet/thrift/metadata_encode.h"

#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "parquet/thrift/compact_writer.h"
#include "parquet/thrift/metadata_decode.h"

namespace quiver::parquet::thrift {
namespace {

Statistics SomeStats() {
  Statistics s;
  s.min = "a";
  s.max = "z";
  s.null_count = 3;
  s.distinct_count = 2;
  s.min_value = std::string("\0\1", 2);
  s.max_value = std::string(300, 'q');
  s.is_min_value_exact = true;
  s.is_max_value_exact = false;
  return s;
}

void ExpectStatsEq(const Statistics& a, const Statistics& b) {
  EXPECT_EQ(a.min, b.min);
  EXPECT_EQ(a.max, b.max);
  EXPECT_EQ(a.null_count, b.null_count);
  EXPECT_EQ(a.distinct_count, b.distinct_count);
  EXPECT_EQ(a.min_value, b.min_value);
  EXPECT_EQ(a.max_value, b.max_value);
  EXPECT_EQ(a.is_min_value_exact, b.is_min_value_exact);
  EXPECT_EQ(a.is_max_value_exact, b.is_max_value_exact);
}

TEST(MetadataEncodeTest, FileMetaDataRoundTrips) {
  using K = LogicalType::Kind;
  FileMetaData md;
  md.version = 2;
  md.num_rows = 1LL << 40;
  md.created_by = "quiver test";
  md.key_value_metadata = {{"k", "v"}, {"empty", ""}};
  SchemaElement root;
  root.name = "schema";
  root.num_children = 17;
  md.schema.push_back(root);
  std::vector<LogicalType> kinds;
  for (K k : {K::kString, K::kMap, K::kList, K::kEnum, K::kDate, K::kUnknown, K::kJson, K::kBson, K::kUuid, K::kFloat16,
              K::kVariant}) {
    LogicalType lt;
    lt.kind = k;
    kinds.push_back(lt);
  }
  LogicalType dec;
  dec.kind = K::kDecimal;
  dec.precision = 38;
  dec.scale = 9;
  kinds.push_back(dec);
  LogicalType ts;
  ts.kind = K::kTimestamp;
  ts.unit = TimeUnit::kNano;
  ts.is_adjusted_to_utc = true;
  kinds.push_back(ts);
  LogicalType tm;
  tm.kind = K::kTime;
  tm.unit = TimeUnit::kMicro;
  kinds.push_back(tm);
  LogicalType in;
  in.kind = K::kInteger;
  in.bit_width = 16;
  in.is_signed = false;
  kinds.push_back(in);
  LogicalType geo;
  geo.kind = K::kGeography;
  geo.crs = "OGC:CRS84";
  geo.algorithm = 2;
  kinds.push_back(geo);
  for (size_t i = 0; i < kinds.size(); ++i) {
    SchemaElement e;
    e.name = "c" + std::to_string(i);
    e.type = PhysicalType::kFixedLenByteArray;
    e.type_length = 16;
    e.repetition = Repetition::kOptional;
    e.logical_type = kinds[i];
    e.field_id = static_cast<int32_t>(i) * 100;
    if (kinds[i].kind == K::kDecimal) {
      e.converted_type = ConvertedType::kDecimal;
      e.precision = 38;
      e.scale = 9;
    }
    md.schema.push_back(e);
  }
  SchemaElement plain;
  plain.name = "p";
  plain.type = PhysicalType::kInt64;
  plain.repetition = Repetition::kRequired;
  plain.converted_type = ConvertedType::kTimestampMicros;
  md.schema.push_back(plain);
  RowGroup rg;
  rg.num_rows = 5;
  rg.total_byte_size = 123;
  rg.file_offset = 4;
  rg.total_compressed_size = 100;
  rg.ordinal = 0;
  ColumnChunk c;
  c.file_offset = 4;
  c.offset_index_offset = 1000;
  c.offset_index_length = 20;
  c.column_index_offset = 980;
  c.column_index_length = 20;
  ColumnMetaData& m = c.meta_data.emplace();
  m.type = PhysicalType::kByteArray;
  m.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary};
  m.path_in_schema = {"a", "list", "element"};
  m.codec = Compression::kZstd;
  m.num_values = 17;
  m.total_uncompressed_size = 200;
  m.total_compressed_size = 100;
  m.data_page_offset = 50;
  m.dictionary_page_offset = 4;
  m.statistics = SomeStats();
  m.key_value_metadata = {{"x", "y"}};
  for (int i = 0; i < 20; ++i) rg.columns.push_back(c);  // a list longer than 14 elements
  md.row_groups = {rg, rg};
  std::vector<uint8_t> bytes;
  EncodeFileMetaData(md, true, &bytes);
  QUIVER_ASSERT_OK_AND_ASSIGN(FileMetaData back, DecodeFileMetaData(bytes, ParquetLimits{}));
  EXPECT_EQ(back.version, 2);
  EXPECT_EQ(back.num_rows, md.num_rows);
  EXPECT_EQ(back.created_by, md.created_by);
  EXPECT_EQ(back.key_value_metadata, md.key_value_metadata);
  ASSERT_EQ(back.schema.size(), md.schema.size());
  for (size_t i = 0; i < md.schema.size(); ++i) {
    const SchemaElement &a = md.schema[i], &b = back.schema[i];
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.repetition, b.repetition);
    EXPECT_EQ(a.num_children, b.num_children);
    EXPECT_EQ(a.converted_type, b.converted_type);
    EXPECT_EQ(a.field_id, b.field_id);
    EXPECT_EQ(a.logical_type.kind, b.logical_type.kind) << a.name;
    EXPECT_EQ(a.logical_type.precision, b.logical_type.precision);
    EXPECT_EQ(a.logical_type.scale, b.logical_type.scale);
    EXPECT_EQ(a.logical_type.unit, b.logical_type.unit);
    EXPECT_EQ(a.logical_type.is_adjusted_to_utc, b.logical_type.is_adjusted_to_utc);
    EXPECT_EQ(a.logical_type.bit_width, b.logical_type.bit_width);
    EXPECT_EQ(a.logical_type.is_signed, b.logical_type.is_signed);
    EXPECT_EQ(a.logical_type.crs, b.logical_type.crs);
    EXPECT_EQ(a.logical_type.algorithm, b.logical_type.algorithm);
    if (a.type == PhysicalType::kFixedLenByteArray) EXPECT_EQ(a.type_length, b.type_length);
  }
  ASSERT_EQ(back.row_groups.size(), 2u);
  const RowGroup& g = back.row_groups[1];
  EXPECT_EQ(g.num_rows, 5);
  EXPECT_EQ(g.total_byte_size, 123);
  EXPECT_EQ(g.file_offset, 4);
  EXPECT_EQ(g.total_compressed_size, 100);
  EXPECT_EQ(g.ordinal, 0);
  ASSERT_EQ(g.columns.size(), 20u);
  const ColumnChunk& cc = g.columns[19];
  EXPECT_EQ(cc.file_offset, 4);
  EXPECT_EQ(cc.offset_index_offset, 1000);
  EXPECT_EQ(cc.offset_index_length, 20);
  EXPECT_EQ(cc.column_index_offset, 980);
  EXPECT_EQ(cc.column_index_length, 20);
  ASSERT_TRUE(cc.meta_data);
  const ColumnMetaData& bm = *cc.meta_data;
  EXPECT_EQ(bm.type, m.type);
  EXPECT_EQ(bm.encodings, m.encodings);
  EXPECT_EQ(bm.path_in_schema, m.path_in_schema);
  EXPECT_EQ(bm.codec, m.codec);
  EXPECT_EQ(bm.num_values, 17);
  EXPECT_EQ(bm.total_uncompressed_size, 200);
  EXPECT_EQ(bm.total_compressed_size, 100);
  EXPECT_EQ(bm.data_page_offset, 50);
  EXPECT_EQ(bm.dictionary_page_offset, 4);
  EXPECT_EQ(bm.key_value_metadata, m.key_value_metadata);
  ASSERT_TRUE(bm.statistics);
  ExpectStatsEq(*bm.statistics, *m.statistics);
}

TEST(MetadataEncodeTest, PageHeadersRoundTrip) {
  PageHeader v1;
  v1.type = PageType::kDataPage;
  v1.uncompressed_page_size = 100;
  v1.compressed_page_size = 50;
  v1.crc = -5;
  DataPageHeader& d = v1.data_page_header.emplace();
  d.num_values = 10;
  d.encoding = Encoding::kDeltaByteArray;
  d.statistics = SomeStats();
  PageHeader v2;
  v2.type = PageType::kDataPageV2;
  DataPageHeaderV2& d2 = v2.data_page_header_v2.emplace();
  d2.num_values = 9;
  d2.num_nulls = 2;
  d2.num_rows = 3;
  d2.encoding = Encoding::kRleDictionary;
  d2.definition_levels_byte_length = 4;
  d2.repetition_levels_byte_length = 5;
  d2.is_compressed = false;
  PageHeader dict;
  dict.type = PageType::kDictionaryPage;
  DictionaryPageHeader& dd = dict.dictionary_page_header.emplace();
  dd.num_values = 7;
  dd.is_sorted = true;
  for (const PageHeader* h : {&v1, &v2, &dict}) {
    std::vector<uint8_t> bytes;
    EncodePageHeader(*h, &bytes);
    bytes.push_back(0xAB);  // payload follows the header
    int64_t size = 0;
    QUIVER_ASSERT_OK_AND_ASSIGN(PageHeader b, DecodePageHeader(bytes, ParquetLimits{}, &size));
    EXPECT_EQ(size, static_cast<int64_t>(bytes.size()) - 1);
    EXPECT_EQ(b.type, h->type);
    EXPECT_EQ(b.uncompressed_page_size, h->uncompressed_page_size);
    EXPECT_EQ(b.compressed_page_size, h->compressed_page_size);
    EXPECT_EQ(b.crc, h->crc);
    EXPECT_EQ(b.data_page_header.has_value(), h->data_page_header.has_value());
    EXPECT_EQ(b.data_page_header_v2.has_value(), h->data_page_header_v2.has_value());
    EXPECT_EQ(b.dictionary_page_header.has_value(), h->dictionary_page_header.has_value());
  }
  std::vector<uint8_t> bytes;
  EncodePageHeader(v2, &bytes);
  int64_t size = 0;
  QUIVER_ASSERT_OK_AND_ASSIGN(PageHeader b, DecodePageHeader(bytes, ParquetLimits{}, &size));
  const DataPageHeaderV2& e = *b.data_page_header_v2;
  EXPECT_EQ(e.num_values, 9);
  EXPECT_EQ(e.num_nulls, 2);
  EXPECT_EQ(e.num_rows, 3);
  EXPECT_EQ(e.encoding, Encoding::kRleDictionary);
  EXPECT_EQ(e.definition_levels_byte_length, 4);
  EXPECT_EQ(e.repetition_levels_byte_length, 5);
  EXPECT_FALSE(e.is_compressed);
  bytes.clear();
  EncodePageHeader(v1, &bytes);
  QUIVER_ASSERT_OK_AND_ASSIGN(b, DecodePageHeader(bytes, ParquetLimits{}, &size));
  EXPECT_EQ(b.data_page_header->encoding, Encoding::kDeltaByteArray);
  ExpectStatsEq(*b.data_page_header->statistics, SomeStats());
  bytes.clear();
  EncodePageHeader(dict, &bytes);
  QUIVER_ASSERT_OK_AND_ASSIGN(b, DecodePageHeader(bytes, ParquetLimits{}, &size));
  EXPECT_EQ(b.dictionary_page_header->num_values, 7);
  EXPECT_TRUE(b.dictionary_page_header->is_sorted);
}

TEST(MetadataEncodeTest, PageIndexesRoundTrip) {
  ColumnIndex ci;
  for (int i = 0; i < 20; ++i) {
    ci.null_pages.push_back(i % 3 == 0);
    ci.min_values.push_back(i % 3 == 0 ? "" : std::to_string(i));
    ci.max_values.push_back(i % 3 == 0 ? "" : std::to_string(i + 1));
    ci.null_counts.push_back(i);
  }
  ci.boundary_order = BoundaryOrder::kDescending;
  std::vector<uint8_t> bytes;
  EncodeColumnIndex(ci, &bytes);
  QUIVER_ASSERT_OK_AND_ASSIGN(ColumnIndex b, DecodeColumnIndex(bytes, ParquetLimits{}));
  EXPECT_EQ(b.null_pages, ci.null_pages);
  EXPECT_EQ(b.min_values, ci.min_values);
  EXPECT_EQ(b.max_values, ci.max_values);
  EXPECT_EQ(b.null_counts, ci.null_counts);
  EXPECT_EQ(b.boundary_order, ci.boundary_order);
  OffsetIndex oi;
  oi.page_locations = {{4, 100, 0}, {104, 7, 1LL << 33}};
  bytes.clear();
  EncodeOffsetIndex(oi, &bytes);
  QUIVER_ASSERT_OK_AND_ASSIGN(OffsetIndex ob, DecodeOffsetIndex(bytes, ParquetLimits{}));
  ASSERT_EQ(ob.page_locations.size(), 2u);
  EXPECT_EQ(ob.page_locations[1].offset, 104);
  EXPECT_EQ(ob.page_locations[1].compressed_page_size, 7);
  EXPECT_EQ(ob.page_locations[1].first_row_index, 1LL << 33);
}

TEST(CompactWriterTest, LongFieldIdJumpsAndNegativeIds) {
  std::vector<uint8_t> out;
  CompactWriter w(&out);
  w.I32Field(1, -1);
  w.I32Field(40, 2);  // delta over 15: the id follows as a zigzag varint
  w.I32Field(3, 3);   // going back: same
  w.EndStruct();
  EXPECT_EQ(out, (std::vector<uint8_t>{0x15, 0x01, 0x05, 0x50, 0x04, 0x05, 0x06, 0x06, 0x00}));
}

}  // namespace
}  // namespace quiver::parquet::thrift
