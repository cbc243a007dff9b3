// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Writer options and metadata: exact errors for bad options and encodings, statistics in
// each sort order, the page index, key-value metadata, row-group and page splitting,
// streaming through a Sink, slices, empty tables and all-null columns.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/builder_test_util.h"
#include "core/sample_arrays_test_util.h"
#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"

namespace quiver::parquet {
namespace {

using quiver::testing::Unwrap;

TablePtr MakeTable(std::vector<std::pair<std::string, ArrayPtr>> columns, KeyValueMetadata metadata = {}) {
  std::vector<FieldPtr> fields;
  std::vector<ArrayPtr> arrays;
  for (auto& [name, a] : columns) {
    fields.push_back(field(name, a->type));
    arrays.push_back(a);
  }
  auto s = schema(fields, std::move(metadata));
  const int64_t n = arrays.empty() ? 0 : arrays[0]->length;
  return Unwrap(Table::Make(s, {Unwrap(RecordBatch::Make(s, n, arrays))}));
}

std::string Error(const Status& st) { return st.ToString(); }

template <typename T>
std::string Bytes(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof(T));
}

std::unique_ptr<FileReader> Reopen(const Table& t, const WriteOptions& o = {}) {
  auto bytes = Unwrap(WriteTable(t, o));
  return Unwrap(FileReader::Open(bytes));
}

TEST(WriteOptionsTest, ExactErrors) {
  auto check = [](WriteOptions o, StatusCode code, const std::string& message) {
    Status st = o.Validate();
    EXPECT_EQ(st.code(), code) << st.ToString();
    EXPECT_EQ(st.message(), message);
  };
  check(WriteOptions{.compression = static_cast<Compression>(42)}, StatusCode::kInvalidArgument,
        "expected WriteOptions.compression to be a known codec but found 42");
  check(WriteOptions{.compression = Compression::kLzo}, StatusCode::kUnsupported,
        "expected WriteOptions.compression to be a codec Quiver can write but found LZO");
  check(WriteOptions{.compression = Compression::kGzip, .compression_level = 10}, StatusCode::kInvalidArgument,
        "expected WriteOptions.compression_level in [0, 9] for GZIP but found 10");
  check(WriteOptions{.compression = Compression::kZstd, .compression_level = 23}, StatusCode::kInvalidArgument,
        "expected WriteOptions.compression_level in [-131072, 22] for ZSTD but found 23");
  check(WriteOptions{.compression = Compression::kBrotli, .compression_level = -1}, StatusCode::kInvalidArgument,
        "expected WriteOptions.compression_level in [0, 11] for BROTLI but found -1");
  check(WriteOptions{.compression_level = 1}, StatusCode::kInvalidArgument,
        "expected no WriteOptions.compression_level for SNAPPY but found 1");
  check(WriteOptions{.page_version = 3}, StatusCode::kInvalidArgument,
        "expected WriteOptions.page_version 1 or 2 but found 3");
  check(WriteOptions{.row_group_rows = 0}, StatusCode::kInvalidArgument,
        "expected WriteOptions.row_group_rows > 0 but found 0");
  check(WriteOptions{.data_page_bytes = -1}, StatusCode::kInvalidArgument,
        "expected WriteOptions.data_page_bytes > 0 but found -1");
  WriteOptions o;
  o.columns = {{"x", ColumnWriteOptions{.encoding = Encoding::kRleDictionary}}};
  check(o, StatusCode::kInvalidArgument,
        "expected WriteOptions.columns['x'].encoding PLAIN, RLE, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, "
        "DELTA_BYTE_ARRAY or BYTE_STREAM_SPLIT but found RLE_DICTIONARY");
  o.columns = {{"x", ColumnWriteOptions{.compression = Compression::kLz4Raw, .compression_level = 13}}};
  check(o, StatusCode::kInvalidArgument,
        "expected WriteOptions.columns['x'].compression_level in [0, 12] for LZ4_RAW but found 13");
  EXPECT_TRUE(WriteOptions{}.Validate().ok());
}

TEST(WriteOptionsTest, EncodingNotValidForTheColumnNamesIt) {
  auto t = MakeTable({{"d", quiver::testing::Float64s({1.0})}, {"s", quiver::testing::Utf8s({"a"})}});
  WriteOptions o;
  o.columns = {{"d", ColumnWriteOptions{.encoding = Encoding::kDeltaBinaryPacked}}};
  auto r = WriteTable(*t, o);
  EXPECT_EQ(Error(r.status()),
            "column['d']: expected an encoding valid for DOUBLE (float64) but found DELTA_BINARY_PACKED");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  o.columns = {{"s", ColumnWriteOptions{.encoding = Encoding::kByteStreamSplit}}};
  EXPECT_EQ(Error(WriteTable(*t, o).status()),
            "column['s']: expected an encoding valid for BYTE_ARRAY (utf8) but found BYTE_STREAM_SPLIT");
  o.columns = {{"nope", ColumnWriteOptions{.dictionary = false}}};
  EXPECT_EQ(Error(WriteTable(*t, o).status()), "expected a column named 'nope' in WriteOptions.columns but found none");
}

TEST(WriteOptionsTest, UnsupportedTypesNameTheColumn) {
  auto t = MakeTable({{"i", quiver::testing::MonthDayNanos({{1, 2, 3}})}});
  auto r = WriteTable(*t);
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(Error(r.status()), "column['i']: expected a type Parquet can store but found interval_month_day_nano");
}

// Unvalidated input can hold a decimal beyond its precision; when it does not fit the
// FIXED_LEN_BYTE_ARRAY width of the precision the write fails instead of dropping bytes.
// (Found by the Parquet fuzz target's read-write-read check.)
TEST(WriteOptionsTest, DecimalTooWideForItsPrecisionIsRefused) {
  using namespace quiver::testing;
  const uint64_t minus = ~uint64_t{0};
  auto t = MakeTable({{"d", FixedWidthArray<uint64_t>(decimal128(4, 1), 1, {static_cast<uint64_t>(int64_t{-36831}), minus})}});
  auto r = WriteTable(*t);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Error(r.status()), "column['d']: expected a decimal128(4, 1) value that fits 2 bytes but found -3683.1");
  // Beyond the precision yet within the width: written and read back unchanged.
  auto fits = MakeTable(
      {{"d", FixedWidthArray<uint64_t>(decimal128(4, 1), 2, {static_cast<uint64_t>(int64_t{-30000}), minus, 12345, 0})}});
  auto back = ReadTable(Unwrap(WriteTable(*fits)));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(ArrayEquals(*(*back)->batches()[0]->column(0), *fits->batches()[0]->column(0)));
}

TEST(WriterStatisticsTest, EachSortOrder) {
  using namespace quiver::testing;
  auto t = MakeTable({
      {"i", Int32s({3, -5, std::nullopt, 7})},
      {"u", Array<uint32_t>(uint32(), {1u, 0xFFFFFFFFu, std::nullopt, 5u})},
      {"s", Utf8s({"b", "\xc3\xa9", std::nullopt, "a"})},
      {"f", Float64s({1.0, NAN, -0.0, std::nullopt})},
      {"z", Float64s({0.0, 0.0, NAN, NAN})},
      {"n", Float64s({NAN, NAN, std::nullopt, NAN})},
      {"dec", Decimals(decimal128(5, 0), {"-3", "2", std::nullopt, "-100"})},
  });
  auto reader = Reopen(*t);
  const auto& cols = reader->metadata().row_groups[0].columns;
  auto stats = [&](int c) { return *cols[static_cast<size_t>(c)].meta_data->statistics; };
  EXPECT_EQ(stats(0).min_value, Bytes<int32_t>(-5));
  EXPECT_EQ(stats(0).max_value, Bytes<int32_t>(7));
  EXPECT_EQ(stats(0).min, Bytes<int32_t>(-5));  // legacy fields: signed order only
  EXPECT_EQ(stats(0).null_count, 1);
  EXPECT_EQ(stats(1).min_value, Bytes<uint32_t>(1));
  EXPECT_EQ(stats(1).max_value, Bytes<uint32_t>(0xFFFFFFFFu));
  EXPECT_FALSE(stats(1).min.has_value());
  EXPECT_EQ(stats(2).min_value, "a");
  EXPECT_EQ(stats(2).max_value, "\xc3\xa9");
  EXPECT_FALSE(stats(2).max.has_value());
  EXPECT_EQ(stats(3).min_value, Bytes<double>(-0.0));
  EXPECT_EQ(stats(3).max_value, Bytes<double>(1.0));
  EXPECT_TRUE(std::signbit(*reinterpret_cast<const double*>(stats(3).min_value->data())));
  EXPECT_EQ(stats(4).min_value, Bytes<double>(-0.0));  // zeros: min -0, max +0
  EXPECT_EQ(stats(4).max_value, Bytes<double>(0.0));
  EXPECT_FALSE(stats(5).min_value.has_value());  // only NaNs: no bounds
  EXPECT_EQ(stats(5).null_count, 1);
  // Decimals: big-endian two's complement in 3 bytes (precision 5), signed order.
  EXPECT_EQ(stats(6).min_value, std::string("\xff\xff\x9c", 3));
  EXPECT_EQ(stats(6).max_value, std::string("\x00\x00\x02", 3));
  // The column index has the same bounds per page; all-NaN chunks have none.
  auto ci = Unwrap(reader->ReadColumnIndex(0, 0));
  ASSERT_TRUE(ci.has_value());
  EXPECT_EQ(ci->min_values, std::vector<std::string>{Bytes<int32_t>(-5)});
  EXPECT_EQ(ci->null_counts, std::vector<int64_t>{1});
  EXPECT_FALSE(Unwrap(reader->ReadColumnIndex(0, 5)).has_value());
  auto oi = Unwrap(reader->ReadOffsetIndex(0, 5));
  ASSERT_TRUE(oi.has_value());
  EXPECT_EQ(oi->page_locations.size(), 1u);
}

TEST(WriterStatisticsTest, LongByteArraysAreTruncatedAndRoundedUp) {
  using namespace quiver::testing;
  auto t = MakeTable({{"s", Utf8s({std::string(10, 'a'), std::string("zz\xff\xff\xff", 5)})},
                      {"m", Utf8s({std::string(8, '\xff'), std::string(9, '\xff')})}});
  WriteOptions o;
  o.max_statistics_bytes = 3;
  auto reader = Reopen(*t, o);
  const Statistics s = *reader->metadata().row_groups[0].columns[0].meta_data->statistics;
  EXPECT_EQ(s.min_value, "aaa");
  EXPECT_EQ(s.max_value, "z{");
  EXPECT_EQ(s.is_min_value_exact, false);
  EXPECT_EQ(s.is_max_value_exact, false);
  const Statistics m = *reader->metadata().row_groups[0].columns[1].meta_data->statistics;
  EXPECT_FALSE(m.max_value.has_value());  // 0xff... cannot be rounded up
}

TEST(WriterStatisticsTest, OffPerColumnAndBoundaryOrder) {
  using namespace quiver::testing;
  auto t = MakeTable({{"a", Int64s({1, 2, 3, 4, 5, 6})}, {"b", Int64s({6, 5, 4, 3, 2, 1})}});
  WriteOptions o;
  o.dictionary = false;
  o.data_page_bytes = 16;  // two PLAIN values per page
  o.columns = {{"b", ColumnWriteOptions{.statistics = false}}};
  auto reader = Reopen(*t, o);
  const auto& cols = reader->metadata().row_groups[0].columns;
  EXPECT_FALSE(cols[1].meta_data->statistics.has_value());
  auto ci = Unwrap(reader->ReadColumnIndex(0, 0));
  ASSERT_TRUE(ci.has_value());
  EXPECT_EQ(ci->null_pages.size(), 3u);
  EXPECT_EQ(ci->boundary_order, BoundaryOrder::kAscending);
  EXPECT_FALSE(Unwrap(reader->ReadColumnIndex(0, 1)).has_value());
  auto oi = Unwrap(reader->ReadOffsetIndex(0, 1));
  ASSERT_TRUE(oi.has_value());
  ASSERT_EQ(oi->page_locations.size(), 3u);
  EXPECT_EQ(oi->page_locations[2].first_row_index, 4);
  o.page_index = false;
  auto plain = Reopen(*t, o);
  EXPECT_FALSE(Unwrap(plain->ReadOffsetIndex(0, 0)).has_value());
}

TEST(WriterMetadataTest, KeyValuesCreatedByAndArrowSchema) {
  auto t = MakeTable({{"x", quiver::testing::Int32s({1})}}, {{"schema_key", "1"}});
  WriteOptions o;
  o.metadata = {{"k", "v"}};
  o.created_by = "me";
  auto reader = Reopen(*t, o);
  const FileMetaData& md = reader->metadata();
  EXPECT_EQ(md.created_by, "me");
  ASSERT_EQ(md.key_value_metadata.size(), 3u);
  EXPECT_EQ(md.key_value_metadata[0], (std::pair<std::string, std::string>{"schema_key", "1"}));
  EXPECT_EQ(md.key_value_metadata[1], (std::pair<std::string, std::string>{"k", "v"}));
  EXPECT_EQ(md.key_value_metadata[2].first, "ARROW:schema");
  EXPECT_EQ(reader->schema()->metadata(), (KeyValueMetadata{{"schema_key", "1"}, {"k", "v"}}));
  o.store_arrow_schema = false;
  EXPECT_EQ(Reopen(*t, o)->metadata().key_value_metadata.size(), 2u);
}

TEST(WriterMetadataTest, FieldIdsFromArrowMetadata) {
  auto s = schema({field("a", int32(), true, {{"PARQUET:field_id", "7"}}),
                   field("l", list(field("item", int32(), true, {{"PARQUET:field_id", "-2"}}))),
                   field("b", int32(), true, {{"PARQUET:field_id", "x"}})});
  auto batch = Unwrap(RecordBatch::Make(
      s, 0,
      {quiver::testing::Int32s({}), Unwrap(MakeArrayOfNulls(s->field(1)->type(), 0)), quiver::testing::Int32s({})}));
  auto reader = Reopen(*Unwrap(Table::Make(s, {batch})));
  const auto& e = reader->metadata().schema;
  ASSERT_EQ(e.size(), 6u);  // root, a, l, list, element, b
  EXPECT_EQ(e[1].field_id, 7);
  EXPECT_FALSE(e[2].field_id.has_value());
  EXPECT_EQ(e[4].field_id, -2);
  EXPECT_FALSE(e[5].field_id.has_value());
}

TEST(WriterMetadataTest, GeometryFieldMetadataRoundTrips) {
  KeyValueMetadata geo = {
      {"PARQUET:logical_type", "GEOGRAPHY"}, {"PARQUET:crs", "OGC:CRS84"}, {"PARQUET:algorithm", "1"}};
  auto s = schema({field("g", binary(), true, geo)});
  auto batch = Unwrap(RecordBatch::Make(s, 1, {quiver::testing::Strings(binary(), {"wkb"})}));
  auto reader = Reopen(*Unwrap(Table::Make(s, {batch})), WriteOptions{.store_arrow_schema = false});
  const LogicalType& lt = reader->metadata().schema[1].logical_type;
  EXPECT_EQ(lt.kind, LogicalType::Kind::kGeography);
  EXPECT_EQ(lt.crs, "OGC:CRS84");
  EXPECT_EQ(lt.algorithm, 1);
  // Read back as GeoArrow's WKB type (geoparquet_test.cc has the mapping).
  EXPECT_EQ(reader->schema()->field(0)->type()->extension_metadata(),
            R"({"crs":"OGC:CRS84","crs_type":"authority_code","edges":"vincenty"})");
}

TEST(WriterLayoutTest, RowGroupsByRowsAndBytes) {
  std::vector<std::optional<int64_t>> v;
  for (int i = 0; i < 1000; ++i) v.push_back(i % 7 == 0 ? std::nullopt : std::optional<int64_t>(i));
  auto t = MakeTable({{"x", quiver::testing::Int64s(v)}});
  auto r1 = Reopen(*t, WriteOptions{.row_group_rows = 300});
  ASSERT_EQ(r1->num_row_groups(), 4);
  EXPECT_EQ(r1->metadata().row_groups[3].num_rows, 100);
  auto r2 = Reopen(*t, WriteOptions{.row_group_bytes = 1000});
  EXPECT_GT(r2->num_row_groups(), 5);
  EXPECT_EQ(r2->num_rows(), 1000);
  auto back = Unwrap(r2->ReadTable());
  EXPECT_EQ(back->num_rows(), 1000);
}

TEST(WriterLayoutTest, StreamingBatchesThroughASink) {
  auto s = schema({field("x", int32()), field("s", utf8())});
  io::BufferSink sink;
  auto w = Unwrap(FileWriter::Open(&sink, s, WriteOptions{.row_group_rows = 5}));
  for (int b = 0; b < 4; ++b) {
    std::vector<std::optional<int32_t>> xs;
    std::vector<std::optional<std::string>> ss;
    for (int i = 0; i < 3; ++i) {
      xs.push_back(b * 3 + i);
      ss.push_back(std::to_string(b * 3 + i));
    }
    auto batch = Unwrap(RecordBatch::Make(s, 3, {quiver::testing::Int32s(xs), quiver::testing::Utf8s(ss)}));
    ASSERT_TRUE(w->WriteBatch(*batch).ok());
  }
  auto other = schema({field("y", int32())});
  auto bad = Unwrap(RecordBatch::Make(other, 1, {quiver::testing::Int32s({1})}));
  EXPECT_EQ(w->WriteBatch(*bad).code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(w->Finish().ok());
  EXPECT_EQ(w->Finish().ToString(), "expected an open Parquet writer but found a finished one");
  auto reader = Unwrap(FileReader::Open(Unwrap(sink.Finish())));
  EXPECT_EQ(reader->num_row_groups(), 3);
  EXPECT_EQ(reader->metadata().row_groups[0].num_rows, 5);
  auto back = Unwrap(reader->ReadTable());
  EXPECT_EQ(back->num_rows(), 12);
}

TEST(WriterLayoutTest, EmptyTableAndAllNullColumns) {
  auto empty = MakeTable({{"x", quiver::testing::Int32s({})}, {"s", quiver::testing::Utf8s({})}});
  auto reader = Reopen(*empty);
  EXPECT_EQ(reader->num_rows(), 0);
  EXPECT_EQ(reader->num_row_groups(), 0);
  auto back = Unwrap(reader->ReadTable());
  EXPECT_EQ(back->num_rows(), 0);
  EXPECT_TRUE(back->schema()->Equals(*empty->schema()));
  auto nulls = MakeTable({{"x", quiver::testing::Int32s({std::nullopt, std::nullopt})},
                          {"s", quiver::testing::Utf8s({std::nullopt, std::nullopt})}});
  for (int version : {1, 2}) {
    for (Encoding e : {Encoding::kPlain, Encoding::kDeltaLengthByteArray, Encoding::kDeltaByteArray}) {
      WriteOptions o{.page_version = version};
      o.columns = {{"s", ColumnWriteOptions{.encoding = e}}};
      auto bytes = Unwrap(WriteTable(*nulls, o));
      auto t = Unwrap(ReadTable(bytes));
      ASSERT_EQ(t->num_rows(), 2);
      EXPECT_EQ(t->batches()[0]->column(1)->GetNullCount(), 2);
    }
  }
}

TEST(WriterLayoutTest, NonNullableFieldWithNullsIsRefused) {
  auto s = schema({field("x", int32(), /*nullable=*/false)});
  auto batch = Unwrap(RecordBatch::Make(s, 2, {quiver::testing::Int32s({1, std::nullopt})}));
  auto t = Unwrap(Table::Make(s, {batch}));
  EXPECT_EQ(Error(WriteTable(*t).status()), "column['x']: expected no nulls in non-nullable field 'x' but found one");
}

// A column of distinct values stops dictionary encoding within a few thousand values of the
// dictionary outgrowing dictionary_page_bytes (not after a whole estimated data page), and
// the page it stops in ends at a row boundary, also in a list column.
TEST(WriterLayoutTest, DictionaryFallsBackSoonAfterItsLimit) {
  std::vector<std::optional<int64_t>> v;
  for (int64_t i = 0; i < 100000; ++i) v.push_back(i % 10 == 3 ? std::nullopt : std::optional<int64_t>(i * 7919));
  auto flat = quiver::testing::Int64s(v);
  std::vector<int64_t> offsets{0};
  for (int64_t i = 0; offsets.back() < 100000; ++i) offsets.push_back(std::min<int64_t>(100000, offsets.back() + i % 5));
  auto lists = Unwrap(MakeListArray(list(field("item", int64())), offsets, flat));
  for (const ArrayPtr& column : {flat, lists}) {
    SCOPED_TRACE(column->type->ToString());
    auto t = MakeTable({{"x", column}});
    WriteOptions o;
    o.dictionary_page_bytes = 8000;  // 1000 int64 values
    auto reader = Unwrap(FileReader::Open(Unwrap(WriteTable(*t, o))));
    const ColumnMetaData& m = *reader->metadata().row_groups[0].columns[0].meta_data;
    ASSERT_TRUE(m.dictionary_page_offset.has_value());
    auto oi = Unwrap(reader->ReadOffsetIndex(0, 0));
    ASSERT_TRUE(oi.has_value());
    ASSERT_GE(oi->page_locations.size(), 2u);
    // The first page looked up 4096 values (then the dictionary was past its limit), plus
    // the rest of the row it stopped in; the second page is PLAIN.
    const int64_t second = oi->page_locations[1].first_row_index;
    EXPECT_GT(second, 0);
    EXPECT_LE(second, column == flat ? 4096 * 10 / 9 + 1 : 4096);
    EXPECT_NE(std::find(m.encodings.begin(), m.encodings.end(), Encoding::kPlain), m.encodings.end());
    EXPECT_NE(std::find(m.encodings.begin(), m.encodings.end(), Encoding::kRleDictionary), m.encodings.end());
    auto back = Unwrap(reader->ReadTable());
    ASSERT_EQ(back->num_rows(), t->num_rows());
    int64_t at = 0;
    for (const auto& batch : back->batches()) {
      EXPECT_TRUE(ArrayEquals(*batch->column(0), *Unwrap(SliceArray(column, at, batch->num_rows()))));
      at += batch->num_rows();
    }
  }
}

TEST(WriterLayoutTest, SlicedNestedColumns) {
  for (const auto& sample : quiver::testing::SampleArrays()) {
    if (sample.name != "list" && sample.name != "large_list" && sample.name != "struct" && sample.name != "map" &&
        sample.name != "list_of_struct" && sample.name != "utf8" && sample.name != "binary_view") {
      continue;
    }
    SCOPED_TRACE(sample.name);
    const ArrayPtr& a = sample.array;
    for (int64_t off = 0; off < a->length; ++off) {
      ArrayPtr slice = Unwrap(SliceArray(a, off, a->length - off));
      auto t = MakeTable({{"c", slice}});
      auto back = Unwrap(ReadTable(Unwrap(WriteTable(*t))));
      ASSERT_EQ(back->num_rows(), slice->length);
      ASSERT_EQ(back->batches().size(), 1u);
      EXPECT_TRUE(ArrayEquals(*back->batches()[0]->column(0), *slice));
    }
  }
}

}  // namespace
}  // namespace quiver::parquet
