// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Reading crafted files: values, nulls, dictionaries, codecs, data page v2, selection, and
// every corrupt input with its exact error.
#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "core/str_cat.h"
#include "parquet/testing/file_builder_test_util.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/parquet/reader.h"

namespace quiver::parquet {
namespace {

using testing::BuildFile;
using testing::ChunkSpec;
using testing::ColumnSpec;
using testing::FileSpec;
using testing::PageSpec;
using testing::PlainStrings;
using testing::PlainValues;
using testing::V1Levels;
using internal::StrCat;

std::shared_ptr<Buffer> Bytes(const std::vector<uint8_t>& v) { return *Buffer::CopyOf(v); }

Result<TablePtr> Read(const std::vector<uint8_t>& file, const ReadOptions& options = {}) {
  return ReadTable(Bytes(file), options);
}

std::string Text(const Table& t) {
  PrettyPrintOptions o;
  o.show_metadata = false;
  return FormatTable(t, o);
}

// One INT32 column "x": required with `values`, in one PLAIN page.
FileSpec Int32File(const std::vector<int32_t>& values, Compression codec = Compression::kUncompressed) {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt32}};
  PageSpec p;
  p.num_values = static_cast<int32_t>(values.size());
  p.body = PlainValues(values);
  f.row_groups = {{static_cast<int64_t>(values.size()), {testing::Chunk({p}, codec)}}};
  return f;
}

// Optional UTF8 column "s" with a dictionary page and RLE_DICTIONARY indices.
FileSpec DictFile(const std::vector<std::string>& dict, const std::vector<uint32_t>& indices,
                  const std::vector<uint32_t>& defs, int bit_width = 1) {
  FileSpec f;
  f.columns = {{"s", PhysicalType::kByteArray, Repetition::kOptional, ConvertedType::kUtf8}};
  PageSpec d;
  d.type = PageType::kDictionaryPage;
  d.num_values = static_cast<int32_t>(dict.size());
  d.body = PlainStrings(dict);
  PageSpec p;
  p.num_values = static_cast<int32_t>(defs.size());
  p.encoding = Encoding::kRleDictionary;
  std::vector<uint8_t> idx = {static_cast<uint8_t>(bit_width)};
  auto runs = testing::RleRuns(indices, bit_width > 32 ? 32 : bit_width);
  idx.insert(idx.end(), runs.begin(), runs.end());
  p.body = testing::Concat({V1Levels(defs, 1), idx});
  f.row_groups = {{static_cast<int64_t>(defs.size()), {testing::Chunk({d, p})}}};
  return f;
}

TEST(ParquetReaderTest, ReadsRequiredInt32) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(Int32File({1, -2, 3}))));
  EXPECT_EQ(Text(*t), "x: int32 not null\n----\nx: [[1, -2, 3]]");
}

TEST(ParquetReaderTest, ReadsEveryTestCodec) {
  for (Compression c : {Compression::kSnappy, Compression::kGzip, Compression::kZstd, Compression::kLz4Raw}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(Int32File({7, 8, 9, 10}, c))));
    EXPECT_EQ(t->num_rows(), 4) << CompressionName(c);
  }
}

TEST(ParquetReaderTest, ReadsDictionaryWithNulls) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(DictFile({"a", "bc"}, {1, 0, 1}, {1, 0, 1, 1}))));
  EXPECT_EQ(Text(*t), "s: utf8\n----\ns: [[\"bc\", null, \"a\", \"bc\"]]");
}

TEST(ParquetReaderTest, ReadsDictionaryAsDictionaryArray) {
  ReadOptions o;
  o.read_dictionary = true;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(DictFile({"a", "bc"}, {1, 0, 1}, {1, 0, 1, 1})), o));
  EXPECT_EQ(t->schema()->field(0)->type()->ToString(), "dictionary<values=utf8, indices=int32>");
  EXPECT_EQ(Text(*t), "s: dictionary<values=utf8, indices=int32>\n----\ns: [[\"bc\", null, \"a\", \"bc\"]]");
}

TEST(ParquetReaderTest, AllNullPage) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(DictFile({}, {}, {0, 0, 0}))));
  EXPECT_EQ(Text(*t), "s: utf8\n----\ns: [[null, null, null]]");
}

TEST(ParquetReaderTest, DataPageV2) {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt64, Repetition::kOptional}};
  PageSpec p;
  p.type = PageType::kDataPageV2;
  p.num_values = 3;
  p.num_nulls = 1;
  p.num_rows = 3;
  auto defs = testing::RleRuns({1, 0, 1}, 1);
  p.def_bytes = static_cast<int32_t>(defs.size());
  p.body = testing::Concat({defs, PlainValues<int64_t>({5, 6})});
  f.row_groups = {{3, {testing::Chunk({p}, Compression::kZstd)}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(Text(*t), "x: int64\n----\nx: [[5, null, 6]]");
}

TEST(ParquetReaderTest, WrongDictionaryPageOffsetIsIgnored) {
  FileSpec f = DictFile({"a", "bc"}, {1, 0, 1}, {1, 0, 1, 1});
  // Some writers put 0; others omit it and point data_page_offset at the dictionary page.
  f.row_groups[0].chunks[0].dictionary_page_offset_override = 0;
  f.row_groups[0].chunks[0].data_page_offset_at_start = true;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(t->num_rows(), 4);
  f.row_groups[0].chunks[0].dictionary_page_offset_override = -1;
  QUIVER_ASSERT_OK_AND_ASSIGN(t, Read(BuildFile(f)));
  EXPECT_EQ(t->num_rows(), 4);
}

TEST(ParquetReaderTest, OffsetLimitAndBatchSize) {
  FileSpec f = Int32File({0, 1, 2, 3, 4});
  f.row_groups.push_back(Int32File({5, 6, 7}).row_groups[0]);
  ReadOptions o;
  o.offset = 3;
  o.limit = 4;
  o.batch_size = 1;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f), o));
  EXPECT_EQ(Text(*t), "x: int32 not null\n----\nx: [[3], [4], [5], [6]]");
  o = {};
  o.row_groups = {1};
  QUIVER_ASSERT_OK_AND_ASSIGN(t, Read(BuildFile(f), o));
  EXPECT_EQ(Text(*t), "x: int32 not null\n----\nx: [[5, 6, 7]]");
}

TEST(ParquetReaderTest, PredicatePrunesNothingWithoutStatistics) {
  ReadOptions o;
  o.predicate = Predicate{"x", Predicate::Op::kGt, int64_t{100}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(Bytes(BuildFile(Int32File({1, 2}))), o));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto groups, reader->SelectedRowGroups());
  EXPECT_EQ(groups, std::vector<int>{0});
}

std::string Int32Bytes(int32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }

TEST(ParquetReaderTest, PredicatePrunesRowGroupsByStatistics) {
  FileSpec f = Int32File({1, 2, 3});
  f.row_groups.push_back(Int32File({10, 11, 12}).row_groups[0]);
  f.row_groups[0].chunks[0].min_value = Int32Bytes(1);
  f.row_groups[0].chunks[0].max_value = Int32Bytes(3);
  f.row_groups[1].chunks[0].min_value = Int32Bytes(10);
  f.row_groups[1].chunks[0].max_value = Int32Bytes(12);
  ReadOptions o;
  o.predicate = Predicate{"x", Predicate::Op::kGt, int64_t{5}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(Bytes(BuildFile(f)), o));
  QUIVER_ASSERT_OK_AND_ASSIGN(auto groups, reader->SelectedRowGroups());
  EXPECT_EQ(groups, std::vector<int>{1});
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, reader->ReadTable());
  EXPECT_EQ(Text(*t), "x: int32 not null\n----\nx: [[10, 11, 12]]");
  ASSERT_TRUE(reader->metadata().row_groups[1].columns[0].meta_data->statistics);
  EXPECT_EQ(*reader->metadata().row_groups[1].columns[0].meta_data->statistics->min_value, Int32Bytes(10));
  o.predicate = Predicate{"x", Predicate::Op::kEq, int64_t{2}};
  QUIVER_ASSERT_OK_AND_ASSIGN(reader, FileReader::Open(Bytes(BuildFile(f)), o));
  QUIVER_ASSERT_OK_AND_ASSIGN(groups, reader->SelectedRowGroups());
  EXPECT_EQ(groups, std::vector<int>{0});
  o.predicate = Predicate{"nope", Predicate::Op::kEq, int64_t{2}};
  QUIVER_ASSERT_OK_AND_ASSIGN(reader, FileReader::Open(Bytes(BuildFile(f)), o));
  EXPECT_EQ(reader->SelectedRowGroups().status().ToString(), "expected a leaf column 'nope' for the predicate");
}

TEST(ParquetReaderTest, UnknownColumnIsAnError) {
  ReadOptions o;
  o.columns = {"nope"};
  auto r = Read(BuildFile(Int32File({1})), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "expected a column named 'nope' but found none");
}

// Nested: optional list<optional int32> in the three-level layout.
TEST(ParquetReaderTest, ThreeLevelList) {
  FileSpec f;
  f.schema = {{"schema", -1, 0, 1}, {"l", -1, 1, 1, 3}, {"list", -1, 2, 1}, {"element", 1, 1, 0}};
  // Rows: [1, null], null, [], [2]
  PageSpec p;
  p.num_values = 5;
  p.body = testing::Concat({V1Levels({0, 1, 0, 0, 0}, 1), V1Levels({3, 2, 0, 1, 3}, 2), PlainValues<int32_t>({1, 2})});
  f.row_groups = {{4, {testing::Chunk({p})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(Text(*t), "l: list<element: int32>\n----\nl: [[[1, null], null, [], [2]]]");
}

// Legacy two-level list: repeated primitive directly under the LIST group.
TEST(ParquetReaderTest, TwoLevelList) {
  FileSpec f;
  f.schema = {{"schema", -1, 0, 1}, {"l", -1, 0, 1, 3}, {"array", 1, 2, 0}};
  PageSpec p;
  p.num_values = 4;
  p.body = testing::Concat({V1Levels({0, 1, 0, 0}, 1), V1Levels({1, 1, 0, 1}, 1), PlainValues<int32_t>({1, 2, 3})});
  f.row_groups = {{3, {testing::Chunk({p})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(Text(*t), "l: list<array: int32 not null> not null\n----\nl: [[[1, 2], [], [3]]]");
}

TEST(ParquetReaderTest, MapWithNullsAndEmpty) {
  FileSpec f;
  f.schema = {{"schema", -1, 0, 1}, {"m", -1, 1, 1, 1}, {"key_value", -1, 2, 2}, {"key", 6, 0, 0, 0}, {"value", 1, 1, 0}};
  PageSpec k;
  k.num_values = 4;
  k.body = testing::Concat({V1Levels({0, 1, 0, 0}, 1), V1Levels({2, 2, 0, 1}, 2), PlainStrings({"a", "b"})});
  PageSpec v;
  v.num_values = 4;
  v.body = testing::Concat({V1Levels({0, 1, 0, 0}, 1), V1Levels({3, 2, 0, 1}, 2), PlainValues<int32_t>({1})});
  f.row_groups = {{3, {testing::Chunk({k}), testing::Chunk({v})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(Text(*t), "m: map<utf8, int32>\n----\nm: [[{\"a\": 1, \"b\": null}, null, {}]]");
}

TEST(ParquetReaderTest, StructWithNullsAndProjection) {
  FileSpec f;
  f.schema = {{"schema", -1, 0, 1}, {"s", -1, 1, 2}, {"a", 1, 1, 0}, {"b", 1, 0, 0}};
  PageSpec a;
  a.num_values = 3;
  a.body = testing::Concat({V1Levels({2, 0, 1}, 2), PlainValues<int32_t>({1})});
  PageSpec b;
  b.num_values = 3;
  b.body = testing::Concat({V1Levels({1, 0, 1}, 1), PlainValues<int32_t>({2, 3})});
  f.row_groups = {{3, {testing::Chunk({a}), testing::Chunk({b})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(Text(*t), "s: struct<a: int32, b: int32 not null>\n----\ns: [[{a: 1, b: 2}, null, {a: null, b: 3}]]");
  ReadOptions o;
  o.columns = {"s.b"};
  QUIVER_ASSERT_OK_AND_ASSIGN(t, Read(BuildFile(f), o));
  EXPECT_EQ(Text(*t), "s: struct<b: int32 not null>\n----\ns: [[{b: 2}, null, {b: 3}]]");
}

// A Source that records which byte ranges were asked for.
class RecordingSource final : public io::Source {
 public:
  explicit RecordingSource(std::shared_ptr<Buffer> data) : inner_(std::move(data)) {}
  int64_t size() const override { return inner_.size(); }
  Result<std::shared_ptr<Buffer>> ReadAt(int64_t offset, int64_t length) const override {
    ranges.emplace_back(offset, length);
    return inner_.ReadAt(offset, length);
  }
  mutable std::vector<std::pair<int64_t, int64_t>> ranges;

 private:
  io::BufferSource inner_;
};

TEST(ParquetReaderTest, FetchesOnlySelectedColumnChunks) {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt32}, {"y", PhysicalType::kInt32}};
  std::vector<int32_t> xs(1000, 1), ys(1000, 2);
  PageSpec px, py;
  px.num_values = py.num_values = 1000;
  px.body = PlainValues(xs);
  py.body = PlainValues(ys);
  f.row_groups = {{1000, {testing::Chunk({px}), testing::Chunk({py})}}};
  auto file = BuildFile(f);
  auto source = std::make_shared<RecordingSource>(Bytes(file));
  ReadOptions o;
  o.columns = {"y"};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto reader, FileReader::Open(source, o));
  const int64_t y_start = reader->metadata().row_groups[0].columns[1].meta_data->data_page_offset;
  const int64_t x_start = reader->metadata().row_groups[0].columns[0].meta_data->data_page_offset;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto batches, reader->MakeBatchReader());
  QUIVER_ASSERT_OK_AND_ASSIGN(auto batch, batches->Next());
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->num_rows(), 1000);
  QUIVER_ASSERT_OK_AND_ASSIGN(batch, batches->Next());
  EXPECT_FALSE(batch);
  for (const auto& [off, len] : source->ranges) {
    EXPECT_FALSE(off <= x_start && x_start < off + len) << "column x was fetched";
  }
  bool fetched_y = false;
  for (const auto& [off, len] : source->ranges) fetched_y |= off <= y_start && y_start < off + len;
  EXPECT_TRUE(fetched_y);
  EXPECT_LT(reader->bytes_read(), static_cast<int64_t>(file.size()) - 4000);
}

TEST(ParquetReaderTest, Int96DecimalAndInterval) {
  FileSpec f;
  f.schema = {{"schema", -1, 0, 3},
              {"t", 3, 0, 0},
              {"d", 7, 0, 0, 5, 3, 2, 5},     // FIXED_LEN_BYTE_ARRAY(3) DECIMAL(5, 2)
              {"i", 7, 0, 0, 21, 12}};        // FIXED_LEN_BYTE_ARRAY(12) INTERVAL
  // 1970-01-02T00:00:01: Julian day 2440589, one second of nanoseconds.
  std::vector<uint8_t> t(12);
  int64_t nanos = 1000000000;
  int32_t day = 2440589;
  std::memcpy(t.data(), &nanos, 8);
  std::memcpy(t.data() + 8, &day, 4);
  PageSpec pt, pd, pi;
  pt.num_values = pd.num_values = pi.num_values = 1;
  pt.body = t;
  pd.body = {0xff, 0xfe, 0x0c};  // -500 -> -5.00
  pi.body = {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0};
  f.row_groups = {{1, {testing::Chunk({pt}), testing::Chunk({pd}), testing::Chunk({pi})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto table, Read(BuildFile(f)));
  EXPECT_EQ(Text(*table),
            "t: timestamp[ns] not null\nd: decimal128(5, 2) not null\ni: interval_month_day_nano not null\n----\n"
            "t: [[1970-01-02T00:00:01.000000000]]\nd: [[-5.00]]\ni: [[1M 2d 3000000ns]]");
}

TEST(ParquetReaderTest, DecimalPrecisionTooLargeForType) {
  FileSpec f;
  f.schema = {{"schema", -1, 0, 1}, {"d", 1, 0, 0, 5, 0, 2, 12}};
  PageSpec p;
  p.num_values = 0;
  f.row_groups = {{0, {testing::Chunk({p})}}};
  auto r = Read(BuildFile(f));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "column['d']: expected DECIMAL precision in [1, 9] for INT32 but found 12");
}

// Errors: each pinned exactly.

Status ReadError(const std::vector<uint8_t>& file, const ReadOptions& o = {}) {
  auto r = Read(file, o);
  return r.ok() ? Status::OK() : r.status();
}

TEST(ParquetBadInputTest, TruncatedFooter) {
  auto file = BuildFile(Int32File({1, 2, 3}));
  file.resize(file.size() - 3);
  Status st = ReadError(file);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.ToString(), "expected magic PAR1 at the end of the file but found '\\x00\\x00\\x00P'");
}

TEST(ParquetBadInputTest, TooSmall) {
  EXPECT_EQ(ReadError({'P', 'A', 'R', '1'}).ToString(), "expected a Parquet file of at least 12 bytes but found 4");
}

TEST(ParquetBadInputTest, FooterLengthBeyondFile) {
  auto file = BuildFile(Int32File({1, 2, 3}));
  uint32_t len = 1000000;
  std::memcpy(file.data() + file.size() - 8, &len, 4);
  EXPECT_EQ(ReadError(file).ToString(),
            StrCat("expected footer length <= ", file.size() - 12, " (file size - 12) but found 1000000"));
}

TEST(ParquetBadInputTest, EncryptedFooter) {
  auto file = BuildFile(Int32File({1}));
  std::memcpy(file.data() + file.size() - 4, "PARE", 4);
  Status st = ReadError(file);
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_EQ(st.ToString(), "expected a plaintext footer (PAR1) but found an encrypted footer (PARE)");
}

TEST(ParquetBadInputTest, BadLeadingMagic) {
  auto file = BuildFile(Int32File({1}));
  file[0] = 'X';
  EXPECT_EQ(ReadError(file).ToString(), "expected magic PAR1 at the start of the file but found 'XAR1'");
}

TEST(ParquetBadInputTest, AbsurdCompressedPageSize) {
  FileSpec f = Int32File({1, 2, 3});
  f.row_groups[0].chunks[0].pages[0].compressed_size = 0x7fffffff;
  EXPECT_EQ(ReadError(BuildFile(f)).ToString(),
            "row_group[0].column['x'].page[0]: expected compressed page size in [0, 12] (bytes left in the column "
            "chunk) but found 2147483647");
}

TEST(ParquetBadInputTest, NegativePageSize) {
  FileSpec f = Int32File({1, 2, 3});
  f.row_groups[0].chunks[0].pages[0].compressed_size = -5;
  EXPECT_EQ(ReadError(BuildFile(f)).ToString(),
            "row_group[0].column['x'].page[0]: expected compressed page size in [0, 12] (bytes left in the column "
            "chunk) but found -5");
}

TEST(ParquetBadInputTest, AbsurdUncompressedPageSize) {
  FileSpec f = Int32File({1, 2, 3}, Compression::kSnappy);
  f.row_groups[0].chunks[0].pages[0].uncompressed_size = 0x7fffffff;
  ReadOptions o;
  o.limits.max_decompressed_size = 1 << 20;
  Status st = ReadError(BuildFile(f), o);
  EXPECT_EQ(st.code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(st.context(), "row_group[0].column['x'].page[0]");
}

TEST(ParquetBadInputTest, DecompressedSizeMismatch) {
  FileSpec f = Int32File({1, 2, 3}, Compression::kSnappy);
  f.row_groups[0].chunks[0].pages[0].uncompressed_size = 13;
  Status st = ReadError(BuildFile(f));
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.context(), "row_group[0].column['x'].page[0]");
}

TEST(ParquetBadInputTest, DictionaryIndexOutOfRange) {
  EXPECT_EQ(ReadError(BuildFile(DictFile({"a", "bc"}, {1, 5, 1}, {1, 1, 1}, 3))).ToString(),
            "row_group[0].column['s'].page[1]: expected dictionary index < 2 but found 5");
}

TEST(ParquetBadInputTest, DictionaryBitWidthOver32) {
  EXPECT_EQ(ReadError(BuildFile(DictFile({"a"}, {0}, {1}, 40))).ToString(),
            "row_group[0].column['s'].page[1]: expected dictionary index bit width <= 32 but found 40");
}

TEST(ParquetBadInputTest, NegativeByteArrayLength) {
  FileSpec f;
  f.columns = {{"b", PhysicalType::kByteArray}};
  PageSpec p;
  p.num_values = 1;
  p.body = PlainValues<int32_t>({-1});
  f.row_groups = {{1, {testing::Chunk({p})}}};
  EXPECT_EQ(ReadError(BuildFile(f)).ToString(),
            "row_group[0].column['b'].page[0]: expected a byte array length >= 0 but found -1");
}

TEST(ParquetBadInputTest, ByteArrayLengthBeyondPage) {
  FileSpec f;
  f.columns = {{"b", PhysicalType::kByteArray}};
  PageSpec p;
  p.num_values = 1;
  p.body = PlainValues<int32_t>({100});
  f.row_groups = {{1, {testing::Chunk({p})}}};
  EXPECT_EQ(ReadError(BuildFile(f)).ToString(),
            "row_group[0].column['b'].page[0]: expected a byte array length <= 0 (bytes left in the page) but found 100");
}

TEST(ParquetBadInputTest, DefinitionLevelAboveMax) {
  EXPECT_EQ(ReadError(BuildFile(DictFile({"a"}, {0}, {1, 3}, 1))).ToString(),
            "row_group[0].column['s'].page[1]: expected definition level <= 1 but found 3");
}

TEST(ParquetBadInputTest, TooFewValues) {
  FileSpec f = Int32File({1, 2, 3});
  f.row_groups[0].chunks[0].pages[0].num_values = 4;
  f.row_groups[0].num_rows = 4;
  EXPECT_EQ(ReadError(BuildFile(f)).ToString(),
            "row_group[0].column['x'].page[0]: expected 16 bytes of PLAIN values but found 12");
}

TEST(ParquetBadInputTest, FewerRowsThanDeclared) {
  FileSpec f = Int32File({1, 2, 3});
  f.row_groups[0].num_rows = 5;
  EXPECT_EQ(ReadError(BuildFile(f)).ToString(),
            "row_group[0].column['x']: expected the column chunk to hold rows [0, 5) but its pages hold rows [0, 3)");
}

TEST(ParquetBadInputTest, Lzo) {
  FileSpec f = Int32File({1});
  f.row_groups[0].chunks[0].codec = Compression::kLzo;
  Status st = ReadError(BuildFile(f));
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_EQ(st.ToString(), "row_group[0].column['x'].page[0]: expected a supported codec but found LZO");
}

TEST(ParquetBadInputTest, MissingRequiredFooterField) {
  // Replace the row_groups field id (4) of FileMetaData by an unknown one (14): skipped,
  // and the required field is then missing.
  auto file = BuildFile(Int32File({1}), [](std::vector<uint8_t>* footer) {
    for (size_t i = 0; i + 1 < footer->size(); ++i) {
      if ((*footer)[i] == 0x19 && (*footer)[i + 1] == 0x1c) {  // delta 1, list; one struct
        (*footer)[i] = 0xa9;  // delta 10 -> id 14
        return;
      }
    }
  });
  EXPECT_EQ(ReadError(file).ToString(), "footer: expected required field FileMetaData.row_groups but it is missing");
}

TEST(ParquetBadInputTest, FooterGarbage) {
  auto file = BuildFile(Int32File({1}), [](std::vector<uint8_t>* footer) { (*footer)[0] = 0x1d; });
  Status st = ReadError(file);
  EXPECT_EQ(st.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(st.context(), "footer");
}

}  // namespace
}  // namespace quiver::parquet
