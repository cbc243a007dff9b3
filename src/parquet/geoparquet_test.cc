// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoParquet's `geo` key: written for geoarrow.wkb columns, read back into geoarrow.wkb even
// without ARROW:schema, and ignored with a warning when malformed; a caller's valid `geo`
// value is kept, an invalid one replaced with a warning. GEOMETRY/GEOGRAPHY logical types
// carry what `geo` cannot (edges, authority codes), so crs and edges round-trip; native
// GeoArrow columns use GeoParquet 1.1's native encodings.
#include <gtest/gtest.h>

#include <cstring>

#include "core/builder_test_util.h"
#include "parquet/thrift/metadata_encode.h"
#include "quiver/io/sink.h"
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

// `bytes` with the footer's key-value metadata replaced: files other writers could make.
std::shared_ptr<Buffer> WithKeyValues(const Buffer& bytes, std::vector<std::pair<std::string, std::string>> kv) {
  FileMetaData md = Unwrap(FileReader::Open(Unwrap(Buffer::CopyOf(bytes.span()))))->metadata();
  md.key_value_metadata = std::move(kv);
  uint32_t len = 0;
  std::memcpy(&len, bytes.data() + bytes.size() - 8, 4);
  std::vector<uint8_t> out(bytes.data(), bytes.data() + bytes.size() - 8 - len);
  std::vector<uint8_t> footer;
  thrift::EncodeFileMetaData(md, true, &footer);
  const uint32_t n = static_cast<uint32_t>(footer.size());
  out.insert(out.end(), footer.begin(), footer.end());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(&n);
  out.insert(out.end(), p, p + 4);
  for (char c : std::string("PAR1")) out.push_back(static_cast<uint8_t>(c));
  return Unwrap(Buffer::CopyOf(out));
}

// Writes with a FileWriter, returning the file and the writer's warnings.
std::pair<std::shared_ptr<Buffer>, std::vector<std::string>> WriteWithWarnings(const Table& t, const WriteOptions& o) {
  io::BufferSink sink;
  auto w = Unwrap(FileWriter::Open(&sink, t.schema(), o));
  EXPECT_TRUE(w->WriteTable(t).ok());
  EXPECT_TRUE(w->Finish().ok());
  return {Unwrap(sink.Finish()), w->warnings()};
}

TEST(GeoParquetTest, NoGeoKeyWithoutGeometryAndTheCallersValidOneIsKept) {
  auto plain = quiver::testing::Int32s({1});
  auto s = schema({field("id", int32())});
  auto t = Unwrap(Table::Make(s, {Unwrap(RecordBatch::Make(s, 1, {plain}))}));
  EXPECT_EQ(GeoValue(Unwrap(FileReader::Open(Unwrap(WriteTable(*t))))->metadata()), "(none)");
  const std::string own =
      R"({"version":"1.1.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB",)"
      R"("geometry_types":["Point"],"bbox":[1,2,3,4]}}})";
  WriteOptions o;
  o.metadata = {{"geo", own}};
  auto [bytes, warnings] = WriteWithWarnings(*GeoTable("{}"), o);
  EXPECT_EQ(GeoValue(Unwrap(FileReader::Open(bytes))->metadata()), own);
  EXPECT_TRUE(warnings.empty());
}

TEST(GeoParquetTest, TheCallersInvalidGeoIsReplacedWithAWarning) {
  const std::string core = GeoValue(Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable("{}")))))->metadata());
  struct Case {
    std::string geo, warning;
  };
  const Case cases[] = {
      {"{", "expected a JSON object in the geo metadata but found {"},
      {R"({"columns":{}})", "expected a string 'version' in the geo metadata but found none"},
      {R"({"version":"1.0.0","columns":{}})", "expected a non-empty 'columns' object in the geo metadata but found {}"},
      {R"({"version":"1.1.0","primary_column":"id","columns":{"id":{"encoding":"WKB"}}})",
       R"(expected columns naming top-level binary or extension fields in the geo metadata but found "id")"},
      {R"({"version":"1.1.0","primary_column":"geom","columns":{"geom":{}}})",
       R"(expected a string 'encoding' for column "geom" in the geo metadata but found none)"},
      {R"({"version":"1.1.0","primary_column":"g","columns":{"geom":{"encoding":"WKB"}}})",
       R"(expected a 'primary_column' listed in 'columns' in the geo metadata but found "g")"},
  };
  for (const Case& c : cases) {
    WriteOptions o;
    o.metadata = {{"geo", c.geo}};
    auto [bytes, warnings] = WriteWithWarnings(*GeoTable("{}"), o);
    EXPECT_EQ(GeoValue(Unwrap(FileReader::Open(bytes))->metadata()), core) << c.geo;
    EXPECT_EQ(warnings, std::vector<std::string>{"geo metadata replaced: " + c.warning}) << c.geo;
  }
}

TEST(GeoParquetTest, MalformedOrForeignGeoValuesChangeNothing) {
  auto plain = Unwrap(WriteTable(*GeoTable("{}"), {.store_arrow_schema = false}));
  struct Case {
    std::string geo, warning;
  };
  const Case cases[] = {
      {"{", "geo metadata ignored: expected the geo metadata to be a JSON object but found '{'"},
      {"[1,2]", "geo metadata ignored: expected the geo metadata to be a JSON object but found '[1,2]'"},
      {R"({"columns":3})", "geo metadata ignored: expected a 'columns' object in the geo metadata but found another value"},
      {R"({"version":"1.1.0"})", "geo metadata ignored: expected a 'columns' object in the geo metadata but found none"},
      {R"({"columns":{"geom":)", "geo metadata ignored: expected the geo metadata to be a JSON object but found '{\"columns\":{\"geom\":'"},
      {R"({"columns":{"nope":{"encoding":"WKB"}}})", ""},
      {R"({"columns":{"geom":{"encoding":"point"}}})", ""},
  };
  for (const Case& c : cases) {
    auto reader = Unwrap(FileReader::Open(WithKeyValues(*plain, {{"geo", c.geo}})));
    EXPECT_EQ(reader->schema()->field(1)->type()->id(), TypeId::kBinary) << c.geo;
    EXPECT_EQ(reader->warnings(), c.warning.empty() ? std::vector<std::string>{} : std::vector<std::string>{c.warning})
        << c.geo;
    EXPECT_EQ(Unwrap(reader->ReadTable())->num_rows(), 2) << c.geo;
  }
}

// geoarrow.wkb -> Parquet -> geoarrow.wkb keeps crs and edges without ARROW:schema: `geo`
// says what it can, the GEOMETRY/GEOGRAPHY logical type the rest.
TEST(GeoParquetTest, CrsAndEdgesRoundTripWithoutArrowSchema) {
  struct Case {
    std::string in, logical, back;
  };
  const std::string crs84 = R"("crs":"OGC:CRS84","crs_type":"authority_code")";
  const Case cases[] = {
      {R"({"crs":"OGC:CRS84"})", "none", "{" + crs84 + "}"},
      {R"({"crs":{"id":1}})", "none", R"({"crs":{"id":1}})"},
      {"{}", "none", "{}"},
      {R"({"crs":"EPSG:4326","crs_type":"authority_code"})", "GEOMETRY EPSG:4326",
       R"({"crs":"EPSG:4326","crs_type":"authority_code"})"},
      {R"({"crs":"4326","crs_type":"srid"})", "GEOMETRY srid:4326", R"({"crs":"4326","crs_type":"srid"})"},
      {R"({"crs":"OGC:CRS84","edges":"spherical"})", "GEOGRAPHY 0", "{" + crs84 + R"(,"edges":"spherical"})"},
      {R"({"edges":"karney","crs":{"id":2}})", "GEOGRAPHY 4 {\"id\":2}",
       R"({"crs":{"id":2},"crs_type":"projjson","edges":"karney"})"},
      {R"({"crs":"OGC:CRS84","edges":"vincenty"})", "GEOGRAPHY 1", "{" + crs84 + R"(,"edges":"vincenty"})"},
  };
  for (const Case& c : cases) {
    auto reader = Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable(c.in), {.store_arrow_schema = false}))));
    const LogicalType& lt = reader->metadata().schema[2].logical_type;
    std::string logical = lt.kind == LogicalType::Kind::kGeometry    ? "GEOMETRY " + lt.crs
                          : lt.kind == LogicalType::Kind::kGeography ? "GEOGRAPHY " + std::to_string(lt.algorithm)
                                                                     : "none";
    if (lt.kind == LogicalType::Kind::kGeography && !lt.crs.empty()) logical += " " + lt.crs;
    EXPECT_EQ(logical, c.logical) << c.in;
    const DataType& t = *reader->schema()->field(1)->type();
    ASSERT_EQ(t.id(), TypeId::kExtension) << c.in;
    EXPECT_EQ(t.extension_metadata(), c.back) << c.in;
    EXPECT_TRUE(reader->warnings().empty());
  }
  // Spherical edges are in `geo` too; edges GeoParquet cannot name leave the column out.
  EXPECT_EQ(GeoValue(Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable(R"({"edges":"spherical"})")))))->metadata()),
            R"({"version":"1.1.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB","geometry_types":[],)"
            R"("crs":null,"edges":"spherical"}}})");
  EXPECT_EQ(GeoValue(Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable(R"({"edges":"andoyer"})")))))->metadata()),
            "(none)");
}

TEST(GeoParquetTest, GeometryLogicalTypesOnRequest) {
  WriteOptions o;
  o.store_arrow_schema = false;
  o.geometry_logical_types = true;
  auto reader = Unwrap(FileReader::Open(Unwrap(WriteTable(*GeoTable(R"({"crs":"OGC:CRS84"})"), o))));
  const LogicalType& lt = reader->metadata().schema[2].logical_type;
  EXPECT_EQ(lt.kind, LogicalType::Kind::kGeometry);
  EXPECT_EQ(lt.crs, "");  // OGC:CRS84 is the default
  EXPECT_EQ(reader->schema()->field(1)->type()->extension_metadata(),
            R"({"crs":"OGC:CRS84","crs_type":"authority_code"})");
  // A plain binary hint in ARROW:schema (as from a writer without GeoArrow types) keeps the
  // extension type of the GEOMETRY leaf.
  auto s = schema({field("g", binary(), true, {{"PARQUET:logical_type", "GEOMETRY"}})});
  auto t = Unwrap(Table::Make(s, {Unwrap(RecordBatch::Make(s, 1, {quiver::testing::Strings(binary(), {"x"})}))}));
  auto hinted = Unwrap(FileReader::Open(Unwrap(WriteTable(*t))));
  EXPECT_EQ(hinted->schema()->field(0)->type()->extension_name(), "geoarrow.wkb");
  EXPECT_EQ(hinted->schema()->field(0)->type()->storage_type()->id(), TypeId::kBinary);
}

// GeoParquet 1.1 native encodings: separated coordinates are listed in `geo` with their
// encoding and read back as their geoarrow type without ARROW:schema; interleaved ones are
// left out (GeoParquet cannot store them) and read back as plain lists.
TEST(GeoParquetTest, NativeEncodingsRoundTripWithoutArrowSchema) {
  using quiver::testing::Float64s;
  auto xy = struct_({field("x", float64(), false), field("y", float64(), false)});
  auto point_type = extension("geoarrow.point", xy, R"({"crs":"OGC:CRS84"})");
  auto points = MakeArrayData(point_type, 2, {nullptr}, {Float64s({1, 3}), Float64s({2, 4})}, 0);
  auto coords = MakeArrayData(xy, 3, {nullptr}, {Float64s({1, 3, 5}), Float64s({2, 4, 6})}, 0);
  auto line_type = extension("geoarrow.linestring", list(field("vertices", xy, false)), "{}");
  auto lines = MakeArrayData(line_type, 2, {nullptr, Unwrap(Buffer::FromVector(std::vector<int32_t>{0, 2, 3}))}, {coords}, 0);
  auto flat_type = extension("geoarrow.point", fixed_size_list(field("xy", float64(), false), 2), "{}");
  auto flat = MakeArrayData(flat_type, 2, {nullptr}, {Float64s({1, 2, 3, 4})}, 0);
  auto s = schema({field("pt", point_type), field("line", line_type), field("flat", flat_type)});
  auto t = Unwrap(Table::Make(s, {Unwrap(RecordBatch::Make(s, 2, {points, lines, flat}))}));
  auto reader = Unwrap(FileReader::Open(Unwrap(WriteTable(*t, {.store_arrow_schema = false}))));
  EXPECT_EQ(GeoValue(reader->metadata()),
            R"({"version":"1.1.0","primary_column":"pt","columns":{"pt":{"encoding":"point","geometry_types":[]},)"
            R"("line":{"encoding":"linestring","geometry_types":[],"crs":null}}})");
  const Schema& back = *reader->schema();
  ASSERT_EQ(back.field(0)->type()->id(), TypeId::kExtension);
  EXPECT_EQ(back.field(0)->type()->extension_name(), "geoarrow.point");
  EXPECT_EQ(back.field(0)->type()->extension_metadata(), R"({"crs":"OGC:CRS84","crs_type":"authority_code"})");
  EXPECT_EQ(back.field(0)->type()->storage_type()->ToString(), "struct<x: float64 not null, y: float64 not null>");
  ASSERT_EQ(back.field(1)->type()->id(), TypeId::kExtension);
  EXPECT_EQ(back.field(1)->type()->extension_name(), "geoarrow.linestring");
  EXPECT_EQ(back.field(1)->type()->extension_metadata(), "{}");
  EXPECT_EQ(back.field(2)->type()->id(), TypeId::kList);  // interleaved: a plain list
  auto read = Unwrap(reader->ReadTable());
  const ArrayData& pt = *read->batches()[0]->column(0);
  EXPECT_EQ(pt.type->extension_name(), "geoarrow.point");
  EXPECT_EQ(pt.children[0]->GetValues<double>(1)[1], 3);
  const ArrayData& line = *read->batches()[0]->column(1);
  EXPECT_EQ(line.type->extension_name(), "geoarrow.linestring");
  EXPECT_EQ(line.GetValues<int32_t>(1)[2], 3);
  EXPECT_EQ(line.children[0]->children[1]->GetValues<double>(1)[2], 6);
  // A projection keeps the restored types.
  ReadOptions projected;
  projected.columns = {"line", "pt"};
  auto some = Unwrap(FileReader::Open(Unwrap(WriteTable(*t, {.store_arrow_schema = false})), projected));
  auto some_read = Unwrap(some->ReadTable());
  EXPECT_EQ(some_read->schema()->field(0)->type()->extension_name(), "geoarrow.point");
  EXPECT_EQ(some_read->schema()->field(1)->type()->extension_name(), "geoarrow.linestring");
  EXPECT_EQ(some_read->batches()[0]->column(0)->type->extension_name(), "geoarrow.point");
  EXPECT_EQ(some_read->batches()[0]->column(1)->type->extension_name(), "geoarrow.linestring");
  // Part of a point is not a point: a projection into the column reads its storage.
  projected.columns = {"pt.x"};
  auto part = Unwrap(FileReader::Open(Unwrap(WriteTable(*t, {.store_arrow_schema = false})), projected));
  EXPECT_EQ(Unwrap(part->ReadTable())->schema()->field(0)->type()->ToString(), "struct<x: float64 not null>");
  // A `geo` encoding whose column has another shape changes nothing.
  auto wrong = WithKeyValues(*Unwrap(WriteTable(*t, {.store_arrow_schema = false})),
                             {{"geo", R"({"version":"1.1.0","primary_column":"line","columns":{"line":{"encoding":"polygon"}}})"}});
  EXPECT_EQ(Unwrap(FileReader::Open(wrong))->schema()->field(1)->type()->id(), TypeId::kList);
}

// With ARROW:schema (the default) an interleaved column, which GeoParquet cannot list, still
// comes back exactly: the fixed-size list of its coordinates and its extension type.
TEST(GeoParquetTest, InterleavedComeBackExactlyWithArrowSchema) {
  using quiver::testing::Float64s;
  auto flat_type = extension("geoarrow.point", fixed_size_list(field("xy", float64(), false), 2), "{}");
  auto storage = Unwrap(MakeFixedSizeListArray(flat_type->storage_type(), 3, Float64s({1, 2, 0, 0, 3, 4}), {true, false, true}));
  auto flat = Unwrap(MakeExtensionArray(flat_type, storage));
  auto s = schema({field("flat", flat_type)});
  auto t = Unwrap(Table::Make(s, {Unwrap(RecordBatch::Make(s, 3, {flat}))}));
  auto back = Unwrap(ReadTable(Unwrap(WriteTable(*t))));
  EXPECT_TRUE(back->schema()->Equals(*s)) << back->schema()->ToString();
  const ArrayData& got = *back->batches()[0]->column(0);
  EXPECT_EQ(got.null_count, 1);
  EXPECT_EQ(got.children[0]->GetValues<double>(1)[4], 3);
}

}  // namespace
}  // namespace quiver::parquet
