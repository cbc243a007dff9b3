// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Reading crafted files with the newer LogicalType annotations (FLOAT16, JSON, BSON, ENUM,
// GEOMETRY, GEOGRAPHY, VARIANT) and deprecated BIT_PACKED definition levels.
#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "parquet/testing/file_builder_test_util.h"
#include "quiver/arrow/pretty_print.h"
#include "quiver/parquet/reader.h"

namespace quiver::parquet {
namespace {

using testing::BuildFile;
using testing::FileSpec;
using testing::PageSpec;
using testing::PlainStrings;
using testing::PlainValues;
using testing::V1Levels;

// parquet.thrift LogicalType union member ids.
constexpr int kLtEnum = 4, kLtJson = 12, kLtBson = 13, kLtFloat16 = 15, kLtVariant = 16, kLtGeometry = 17,
              kLtGeography = 18;

Result<TablePtr> Read(const std::vector<uint8_t>& file) { return ReadTable(*Buffer::CopyOf(file)); }

std::string Text(const Table& t) {
  PrettyPrintOptions o;
  o.show_metadata = false;
  return FormatTable(t, o);
}

// One optional BYTE_ARRAY leaf "b" annotated with `element`'s logical type, holding
// "ab", null, "" in one PLAIN v1 page.
FileSpec BinaryLeafFile(FileSpec::Element element) {
  FileSpec f;
  element.name = "b";
  element.type = static_cast<int>(PhysicalType::kByteArray);
  element.repetition = static_cast<int>(Repetition::kOptional);
  f.schema = {{"schema", -1, 0, 1}, element};
  PageSpec p;
  p.num_values = 3;
  p.body = testing::Concat({V1Levels({1, 0, 1}, 1), PlainStrings({"ab", ""})});
  f.row_groups = {{3, {testing::Chunk({p})}}};
  return f;
}

FileSpec::Element Logical(int id) {
  FileSpec::Element e;
  e.logical = id;
  return e;
}

TEST(ParquetLogicalTypeTest, Float16FromFixedLenByteArray2) {
  FileSpec f;
  f.columns = {{"h", PhysicalType::kFixedLenByteArray, Repetition::kOptional, ConvertedType::kNone, 2, kLtFloat16}};
  PageSpec p;
  p.num_values = 5;
  // Little-endian halves: 1, -2, 0.5, -0 (one null in between).
  p.body = testing::Concat({V1Levels({1, 1, 0, 1, 1}, 1), {0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38, 0x00, 0x80}});
  f.row_groups = {{5, {testing::Chunk({p})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  ASSERT_EQ(t->schema()->field(0)->type()->id(), TypeId::kFloat16);
  EXPECT_TRUE(t->schema()->field(0)->metadata().empty());
  EXPECT_EQ(Text(*t), "h: float16\n----\nh: [[1, -2, null, 0.5, -0]]");
  ASSERT_EQ(t->batches().size(), 1u);
  const ArrayData& a = *t->batches()[0]->column(0);
  const uint16_t* bits = a.GetValues<uint16_t>(1);
  EXPECT_EQ(bits[0], 0x3C00);
  EXPECT_EQ(bits[1], 0xC000);
  EXPECT_EQ(bits[3], 0x3800);
  EXPECT_EQ(bits[4], 0x8000);
  EXPECT_FALSE(a.IsValid(2));
}

TEST(ParquetLogicalTypeTest, Float16OfTheWrongWidthIsFixedSizeBinary) {
  FileSpec f;
  f.columns = {{"h", PhysicalType::kFixedLenByteArray, Repetition::kRequired, ConvertedType::kNone, 4, kLtFloat16}};
  PageSpec p;
  p.num_values = 1;
  p.body = {0x00, 0x3C, 0x00, 0x00};
  f.row_groups = {{1, {testing::Chunk({p})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(t->schema()->field(0)->type()->ToString(), "fixed_size_binary[4]");
}

TEST(ParquetLogicalTypeTest, JsonAndEnumAreUtf8BsonIsBinary) {
  struct Case {
    int logical;
    const char* type;
  };
  for (Case c : {Case{kLtJson, "utf8"}, Case{kLtEnum, "utf8"}, Case{kLtBson, "binary"}}) {
    SCOPED_TRACE(c.logical);
    QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(BinaryLeafFile(Logical(c.logical)))));
    const Field& fld = *t->schema()->field(0);
    EXPECT_EQ(fld.type()->ToString(), c.type);
    EXPECT_TRUE(fld.nullable());
    // The reader keeps no trace of the annotation in the field metadata.
    EXPECT_TRUE(fld.metadata().empty());
    const ArrayData& a = *t->batches()[0]->column(0);
    ASSERT_EQ(a.length, 3);
    const int32_t* off = a.GetValues<int32_t>(1);
    EXPECT_EQ(std::vector<int32_t>(off, off + 4), (std::vector<int32_t>{0, 2, 2, 2}));
    EXPECT_EQ(std::string(a.buffers[2]->data_as<char>(), 2), "ab");
    EXPECT_TRUE(a.IsValid(0));
    EXPECT_FALSE(a.IsValid(1));
    EXPECT_TRUE(a.IsValid(2));
  }
}

TEST(ParquetLogicalTypeTest, LegacyJsonBsonEnumConvertedTypes) {
  struct Case {
    ConvertedType converted;
    const char* type;
  };
  for (Case c : {Case{ConvertedType::kJson, "utf8"}, Case{ConvertedType::kEnum, "utf8"},
                 Case{ConvertedType::kBson, "binary"}}) {
    FileSpec::Element e;
    e.converted = static_cast<int>(c.converted);
    QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(BinaryLeafFile(e))));
    EXPECT_EQ(t->schema()->field(0)->type()->ToString(), c.type);
    EXPECT_TRUE(t->schema()->field(0)->metadata().empty());
  }
}

TEST(ParquetLogicalTypeTest, JsonOnANonBinaryLeafIsThePhysicalType) {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt32, Repetition::kRequired, ConvertedType::kNone, 0, kLtJson}};
  PageSpec p;
  p.num_values = 2;
  p.body = PlainValues<int32_t>({4, -5});
  f.row_groups = {{2, {testing::Chunk({p})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(Text(*t), "x: int32 not null\n----\nx: [[4, -5]]");
}

// GEOMETRY/GEOGRAPHY byte arrays read as GeoArrow's WKB type with crs and edges.
TEST(ParquetLogicalTypeTest, GeometryIsGeoArrowWkbInCrs84) {
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(BinaryLeafFile(Logical(kLtGeometry)))));
  const Field& fld = *t->schema()->field(0);
  ASSERT_EQ(fld.type()->id(), TypeId::kExtension);
  EXPECT_EQ(fld.type()->extension_name(), "geoarrow.wkb");
  EXPECT_EQ(fld.type()->storage_type()->id(), TypeId::kBinary);
  EXPECT_EQ(fld.type()->extension_metadata(), R"({"crs":"OGC:CRS84","crs_type":"authority_code"})");
  EXPECT_TRUE(fld.metadata().empty());
  const ArrayData& a = *t->batches()[0]->column(0);
  EXPECT_EQ(std::string(a.buffers[2]->data_as<char>(), 2), "ab");
  EXPECT_FALSE(a.IsValid(1));
}

TEST(ParquetLogicalTypeTest, GeometryCrsForms) {
  struct Case {
    std::string crs, metadata;
  };
  const Case cases[] = {
      {"OGC:CRS84", R"({"crs":"OGC:CRS84","crs_type":"authority_code"})"},
      {"EPSG:4326", R"({"crs":"EPSG:4326","crs_type":"authority_code"})"},
      {"srid:3857", R"({"crs":"3857","crs_type":"srid"})"},
      {R"({"type":"GeographicCRS","name":"x"})", R"({"crs":{"type":"GeographicCRS","name":"x"},"crs_type":"projjson"})"},
      {"projjson:crs_key", R"({"crs":"projjson:crs_key"})"},
      {"GEOGCRS[\"WGS 84\"]", R"({"crs":"GEOGCRS[\"WGS 84\"]"})"},
  };
  for (const Case& c : cases) {
    FileSpec::Element e = Logical(kLtGeometry);
    e.crs = c.crs;
    QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(BinaryLeafFile(e))));
    EXPECT_EQ(t->schema()->field(0)->type()->extension_metadata(), c.metadata) << c.crs;
  }
}

TEST(ParquetLogicalTypeTest, GeographyEdgesFromTheAlgorithm) {
  const char* names[] = {"spherical", "vincenty", "thomas", "andoyer", "karney"};
  for (int a = -1; a <= 4; ++a) {
    FileSpec::Element e = Logical(kLtGeography);
    e.crs = "srid:4326";
    e.algorithm = a;  // -1: absent, which means SPHERICAL
    QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(BinaryLeafFile(e))));
    const Field& fld = *t->schema()->field(0);
    ASSERT_EQ(fld.type()->id(), TypeId::kExtension);
    EXPECT_EQ(fld.type()->extension_metadata(),
              std::string(R"({"crs":"4326","crs_type":"srid","edges":")") + names[a < 0 ? 0 : a] + "\"}");
    EXPECT_TRUE(fld.metadata().empty());
  }
}

TEST(ParquetLogicalTypeTest, GeographyWithAnUnknownAlgorithmStaysBinaryWithMetadata) {
  FileSpec::Element e = Logical(kLtGeography);
  e.crs = "srid:4326";
  e.algorithm = 9;  // a newer format's algorithm
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(BinaryLeafFile(e))));
  const Field& fld = *t->schema()->field(0);
  EXPECT_EQ(fld.type()->id(), TypeId::kBinary);
  EXPECT_EQ(fld.metadata(), (KeyValueMetadata{{"PARQUET:logical_type", "GEOGRAPHY"},
                                              {"PARQUET:crs", "srid:4326"},
                                              {"PARQUET:algorithm", "9"}}));
}

TEST(ParquetLogicalTypeTest, LargeTypesOptionAppliesToGeometry) {
  ReadOptions o;
  o.large_types = true;
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, ReadTable(*Buffer::CopyOf(BuildFile(BinaryLeafFile(Logical(kLtGeometry)))), o));
  const DataType& type = *t->schema()->field(0)->type();
  ASSERT_EQ(type.id(), TypeId::kExtension);
  EXPECT_EQ(type.storage_type()->id(), TypeId::kLargeBinary);
  EXPECT_EQ(type.extension_name(), "geoarrow.wkb");
}

TEST(ParquetLogicalTypeTest, BitPackedDefinitionLevels) {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt32, Repetition::kOptional}};
  PageSpec p;
  p.num_values = 10;
  p.def_encoding = Encoding::kBitPacked;
  // Levels 1 0 1 1 0 1 1 1 0 1, MSB first, padded to whole bytes: no length prefix.
  p.body = testing::Concat({{0xB7, 0x40}, PlainValues<int32_t>({10, 20, 30, 40, 50, 60, 70})});
  f.row_groups = {{10, {testing::Chunk({p})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  EXPECT_EQ(Text(*t), "x: int32\n----\nx: [[10, null, 20, 30, null, 40, 50, 60, null, 70]]");
}

TEST(ParquetLogicalTypeTest, BitPackedDefinitionLevelsTruncated) {
  FileSpec f;
  f.columns = {{"x", PhysicalType::kInt32, Repetition::kOptional}};
  PageSpec p;
  p.num_values = 10;
  p.def_encoding = Encoding::kBitPacked;
  p.body = {0xFF};
  f.row_groups = {{10, {testing::Chunk({p})}}};
  auto r = Read(BuildFile(f));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("expected 2 bytes of BIT_PACKED levels but found 1"), std::string::npos)
      << r.status().ToString();
}

TEST(ParquetLogicalTypeTest, VariantIsItsPhysicalStruct) {
  FileSpec f;
  FileSpec::Element v;
  v.name = "v";
  v.repetition = static_cast<int>(Repetition::kOptional);
  v.num_children = 2;
  v.logical = kLtVariant;
  const int ba = static_cast<int>(PhysicalType::kByteArray);
  f.schema = {{"schema", -1, 0, 1}, v, {"metadata", ba, 0, 0}, {"value", ba, 0, 0}};
  PageSpec m, val;
  m.num_values = val.num_values = 2;
  m.body = testing::Concat({V1Levels({1, 0}, 1), PlainStrings({std::string("\x01\x00\x00", 3)})});
  val.body = testing::Concat({V1Levels({1, 0}, 1), PlainStrings({std::string("\x0c\x2a", 2)})});
  f.row_groups = {{2, {testing::Chunk({m}), testing::Chunk({val})}}};
  QUIVER_ASSERT_OK_AND_ASSIGN(auto t, Read(BuildFile(f)));
  const Field& fld = *t->schema()->field(0);
  EXPECT_EQ(fld.type()->ToString(), "struct<metadata: binary not null, value: binary not null>");
  EXPECT_TRUE(fld.nullable());
  EXPECT_EQ(fld.metadata(), (KeyValueMetadata{{"PARQUET:logical_type", "VARIANT"}}));
  const ArrayData& a = *t->batches()[0]->column(0);
  ASSERT_EQ(a.length, 2);
  EXPECT_TRUE(a.IsValid(0));
  EXPECT_FALSE(a.IsValid(1));
  ASSERT_EQ(a.children.size(), 2u);
  const ArrayData& md = *a.children[0];
  const ArrayData& vd = *a.children[1];
  EXPECT_EQ(std::string(md.buffers[2]->data_as<char>(), static_cast<size_t>(md.GetValues<int32_t>(1)[1])),
            std::string("\x01\x00\x00", 3));
  EXPECT_EQ(std::string(vd.buffers[2]->data_as<char>(), static_cast<size_t>(vd.GetValues<int32_t>(1)[1])),
            std::string("\x0c\x2a", 2));
}

}  // namespace
}  // namespace quiver::parquet
