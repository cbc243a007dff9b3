// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoParquet's `geo` key: written for geoarrow.wkb columns, read back into geoarrow.wkb even
// without ARROW:schema, and ignored when malformed.
#include <gtest/gtest.h>

#include "core/builder_test_util.h"
#include "quiver/parquet/reader.h"
#include "quiver/parquet/writer.h"

namespace quiver::parquet {
namespace {

using quiver::testing::Unwrap;

// A table with a geoarrow.wkb column `geom` (extension metadata `meta`) and an int32 `id`.
TablePtr GeoTable(const std::string& meta) {
  auto wkb = extension("geoarrow.wkb", binary(), meta);
  auto storage = quiver::testing::Utf8s({"\x01\x01\x00\x00\x00", std::nullopt});
  auto geom = std::make_shared<ArrayData>(*storage);
  geom->type = wkb;
  auto ids = quiver::testing::Int32s({1, 2});
  auto s = schema({field("id", int32()), field("geom", wkb)});
  return Unwrap(Table::Make(s, {Unwrap(RecordBatch::Make(s, 2, {ids, geom}))}));
}

std::string GeoValue(const FileMetaData& md) {
  for (const auto& [k, v] : md.key_value_metadata) {
    if (k == "geo") return v;
  }
  return "(none)";
}

TEST(GeoParquetTest, WrittenForWkbColumnsAndReadBackWithoutArrowSchema) {
  auto bytes = Unwrap(WriteTable(*GeoTable("{\"crs\":\"OGC:CRS84\"}"), {.store_arrow_schema = false}));
  auto reader = Unwrap(FileReader::Open(bytes));
  // OGC:CRS84 is GeoParquet's default: no crs member.
  EXPECT_EQ(GeoValue(reader->metadata()),
            "{\"version\":\"1.1.0\",\"primary_column\":\"geom\",\"columns\":{\"geom\":{\"encoding\":\"WKB\","
            "\"geometry_types\":[]}}}");
  const DataType& t = *reader->schema()->field(1)->type();
  ASSERT_EQ(t.id(), TypeId::kExtension);
  EXPECT_EQ(t.extension_name(), "geoarrow.wkb");
  EXPECT_EQ(t.extension_metadata(), "{\"crs\":\"OGC:CRS84\",\"crs_type\":\"authority_code\"}");
  EXPECT_EQ(t.storage_type()->id(), TypeId::kBinary);
  EXPECT_EQ(reader->schema()->field(0)->type()->id(), TypeId::kInt32);
  auto table = Unwrap(reader->ReadTable());
  EXPECT_EQ(table->num_rows(), 2);
}

TEST(GeoParquetTest, CrsMapping) {
  auto geo = [](const std::string& meta) {
    return GeoValue(Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable(meta)))))->metadata());
  };
  const std::string head = "{\"version\":\"1.1.0\",\"primary_column\":\"geom\",\"columns\":{\"geom\":{\"encoding\":\"WKB\",\"geometry_types\":[]";
  EXPECT_EQ(geo("{\"crs\":{\"id\":{\"code\":4326}}}"), head + ",\"crs\":{\"id\":{\"code\":4326}}}}}");
  EXPECT_EQ(geo("{}"), head + ",\"crs\":null}}}");
  EXPECT_EQ(geo("{\"crs\":\"EPSG:32632\"}"), head + ",\"crs\":null}}}");
  // Read back without ARROW:schema: PROJJSON kept, null is unknown.
  WriteOptions o;
  o.store_arrow_schema = false;
  auto reader = Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable("{\"crs\":{\"id\":1}}"), o))));
  EXPECT_EQ(reader->schema()->field(1)->type()->extension_metadata(), "{\"crs\":{\"id\":1}}");
  reader = Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable("{}"), o))));
  EXPECT_EQ(reader->schema()->field(1)->type()->extension_metadata(), "{}");
}

TEST(GeoParquetTest, NoGeoKeyWithoutGeometryAndTheCallersOwnIsKept) {
  auto plain = quiver::testing::Int32s({1});
  auto s = schema({field("id", int32())});
  auto t = Unwrap(Table::Make(s, {Unwrap(RecordBatch::Make(s, 1, {plain}))}));
  EXPECT_EQ(GeoValue(Unwrap(FileReader::Open(Unwrap(WriteTable(*t))))->metadata()), "(none)");
  WriteOptions own;
  own.metadata = {{"geo", "{\"version\":\"1.0.0\",\"columns\":{}}"}};
  EXPECT_EQ(GeoValue(Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable("{}"), own))))->metadata()),
            "{\"version\":\"1.0.0\",\"columns\":{}}");
}

TEST(GeoParquetTest, MalformedOrForeignGeoValuesChangeNothing) {
  for (const char* geo : {"{", "{\"columns\":3}", "{\"columns\":{\"nope\":{\"encoding\":\"WKB\"}}}",
                          "{\"columns\":{\"geom\":{\"encoding\":\"point\"}}}", "[1,2]", "{\"columns\":{\"geom\":"}) {
    WriteOptions o;
    o.store_arrow_schema = false;
    o.metadata = {{"geo", geo}};
    auto reader = Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable("{}"), o))));
    EXPECT_EQ(reader->schema()->field(1)->type()->id(), TypeId::kBinary) << geo;
    EXPECT_EQ(Unwrap(reader->ReadTable())->num_rows(), 2) << geo;
  }
}

}  // namespace
}  // namespace quiver::parquet
