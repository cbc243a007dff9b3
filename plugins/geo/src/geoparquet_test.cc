// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "geo_test_util.h"
#include "quiver_geo/geoparquet.h"

namespace quiver::geo {
namespace {

// As written by GeoPandas 1.0 (abridged PROJJSON).
constexpr std::string_view kGeoPandas = R"({"primary_column": "geometry", "columns": {"geometry": {
  "encoding": "WKB", "crs": {"$schema": "https://proj.org/schemas/v0.7/projjson.schema.json",
  "type": "GeographicCRS", "name": "WGS 84", "id": {"authority": "EPSG", "code": 4326}},
  "geometry_types": ["Polygon", "MultiPolygon"], "bbox": [-180.0, -90.0, 180.0, 83.64513]}},
  "version": "1.0.0", "creator": {"library": "geopandas", "version": "1.0.1"}})";

TEST(GeoParquetTest, ParsesGeoPandasMetadata) {
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoParquetMetadata m, ParseGeoParquetMetadata(kGeoPandas));
  EXPECT_EQ(m.version, "1.0.0");
  EXPECT_EQ(m.primary_column, "geometry");
  ASSERT_EQ(m.columns.size(), 1u);
  const GeoParquetColumn& c = m.columns[0];
  EXPECT_EQ(c.name, "geometry");
  EXPECT_EQ(c.encoding, "WKB");
  EXPECT_EQ(c.geometry_types, (std::vector<std::string>{"Polygon", "MultiPolygon"}));
  EXPECT_EQ(c.bbox, (std::vector<double>{-180, -90, 180, 83.64513}));
  EXPECT_EQ(c.crs.substr(0, 12), R"({"$schema": )");
  EXPECT_EQ(c.crs.back(), '}');
  EXPECT_TRUE(c.edges.empty());
}

TEST(GeoParquetTest, WritesAndReadsBack) {
  GeoParquetMetadata m;
  m.primary_column = "geom";
  GeoParquetColumn geom;
  geom.name = "geom";
  geom.geometry_types = {"Point", "LineString Z"};
  geom.bbox = {-1.5, 0, 2, 1e21};
  geom.crs = "null";
  geom.edges = "spherical";
  geom.orientation = "counterclockwise";
  geom.covering = R"({"bbox":{"xmin":["bbox","xmin"]}})";
  GeoParquetColumn other;
  other.name = "pt\"s";
  other.encoding = "point";
  m.columns = {geom, other};
  QUIVER_ASSERT_OK_AND_ASSIGN(std::string json, WriteGeoParquetMetadata(m));
  EXPECT_EQ(json,
            R"({"version":"1.1.0","primary_column":"geom","columns":{"geom":{"encoding":"WKB",)"
            R"("geometry_types":["Point","LineString Z"],"crs":null,"edges":"spherical",)"
            R"("orientation":"counterclockwise","bbox":[-1.5,0,2,1e+21],)"
            R"("covering":{"bbox":{"xmin":["bbox","xmin"]}}},"pt\"s":{"encoding":"point","geometry_types":[]}}})");
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoParquetMetadata back, ParseGeoParquetMetadata(json));
  ASSERT_EQ(back.columns.size(), 2u);
  EXPECT_EQ(back.columns[0].bbox, geom.bbox);
  EXPECT_EQ(back.columns[0].crs, "null");
  EXPECT_EQ(back.columns[0].covering, geom.covering);
  EXPECT_EQ(back.columns[1].name, "pt\"s");
  QUIVER_ASSERT_OK_AND_ASSIGN(std::string again, WriteGeoParquetMetadata(back));
  EXPECT_EQ(again, json);
}

TEST(GeoParquetTest, WriteRejectsInconsistentMetadata) {
  GeoParquetMetadata m;
  m.primary_column = "geom";
  EXPECT_EQ(WriteGeoParquetMetadata(m).status().ToString(),
            "expected primary_column 'geom' to name one of the columns but found no such column");
  m.columns.emplace_back();
  m.columns[0].name = "geom";
  m.columns[0].bbox = {1, 2, 3};
  EXPECT_EQ(WriteGeoParquetMetadata(m).status().ToString(),
            "expected columns['geom'].bbox to have 4 or 6 numbers but found 3");
  m.columns[0].bbox = {1, 2, 3, 1.0 / 0.0};
  EXPECT_EQ(WriteGeoParquetMetadata(m).status().ToString(),
            "expected columns['geom'].bbox to be finite but found inf");
  m.columns[0].bbox.clear();
  m.columns[0].crs = "{oops";
  EXPECT_EQ(WriteGeoParquetMetadata(m).status().code(), StatusCode::kInvalidArgument);
}

std::string Error(std::string_view json) {
  Result<GeoParquetMetadata> m = ParseGeoParquetMetadata(json);
  return m.ok() ? "OK" : m.status().ToString();
}

TEST(GeoParquetTest, MalformedMetadataIsAnError) {
  const std::string col = R"("version":"1.1.0","primary_column":"g","columns":{"g":)";
  EXPECT_EQ(Error(""), "expected a value at byte 0 but found the end of the text");
  EXPECT_EQ(Error("{"), "expected '\"' at byte 1 but found the end of the text");
  EXPECT_EQ(Error(R"({"version" "1"})"), "expected ':' at byte 11 but found '\"'");
  EXPECT_EQ(Error(R"({"version":"1",})"), "expected '\"' at byte 15 but found '}'");
  EXPECT_EQ(Error("{} x"), "expected the end of the JSON at byte 3 but found 'x'");
  EXPECT_EQ(Error(R"("geo")"), "expected the geo metadata to be an object but found string");
  EXPECT_EQ(Error(R"({"version":1})"), "expected version to be a string but found number");
  EXPECT_EQ(Error(R"({"version":"1.0.0","columns":{}})"), "expected primary_column to be a string but found nothing");
  EXPECT_EQ(Error(R"({"version":"1.0.0","primary_column":"g"})"), "expected columns to be an object but found nothing");
  EXPECT_EQ(Error(R"({"version":"1.0.0","primary_column":"g","columns":{}})"),
            "expected primary_column 'g' to name one of the columns but found no such column");
  EXPECT_EQ(Error("{" + col + "[]}}"), "expected columns['g'] to be an object but found array");
  EXPECT_EQ(Error("{" + col + R"({"geometry_types":[]}}})"),
            "expected columns['g'].encoding to be a string but found nothing");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"wkt","geometry_types":[]}}})"),
            "expected columns['g'].encoding to be WKB or a native encoding name but found 'wkt'");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"WKB"}}})"),
            "expected columns['g'].geometry_types to be an array but found nothing");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"WKB","geometry_types":[1]}}})"),
            "expected columns['g'].geometry_types to hold strings but found number");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"WKB","geometry_types":[],"bbox":[1,2]}}})"),
            "expected columns['g'].bbox to have 4 or 6 numbers but found 2");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"WKB","geometry_types":[],"bbox":[1,2,"3",4]}}})"),
            "expected columns['g'].bbox to hold numbers but found string");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"WKB","geometry_types":[],"edges":"flat"}}})"),
            "expected columns['g'].edges to be one of planar|spherical but found 'flat'");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"WKB","geometry_types":[],"orientation":"cw"}}})"),
            "expected columns['g'].orientation to be one of counterclockwise but found 'cw'");
  EXPECT_EQ(Error("{" + col + R"({"encoding":"WKB","geometry_types":[],"epoch":"2020"}}})"),
            "expected columns['g'].epoch to be a number but found string");
  EXPECT_EQ(Error(R"({"a":"\u12"})"), "expected a hex digit at byte 10 but found '\"'");
  EXPECT_EQ(Error(R"({"a":"\ud800"})"), "expected a low surrogate escape at byte 12 but found '\"'");
  EXPECT_EQ(Error("{\"a\":\"\x01\"}"), "expected a string character at byte 6 but found byte 1");
  EXPECT_EQ(Error(R"({"a":-})"), "expected a value at byte 6 but found '}'");
  EXPECT_EQ(Error(R"({"a":1.})"), "expected a digit at byte 7 but found '}'");
  EXPECT_EQ(Error(R"({"a":tru})"), "expected a value at byte 5 but found 't'");
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  Result<GeoParquetMetadata> d = ParseGeoParquetMetadata(deep);
  EXPECT_EQ(d.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(d.status().ToString(), "expected JSON nesting depth <= 32 at byte 32 but found 33");
}

TEST(GeoParquetTest, EveryPrefixOfValidMetadataIsRejected) {
  for (size_t n = 0; n < kGeoPandas.size(); ++n) {
    EXPECT_FALSE(ParseGeoParquetMetadata(kGeoPandas.substr(0, n)).ok()) << n;
  }
}

TEST(GeoParquetTest, ColumnFromGeoArrowAndBack) {
  GeoArrowMetadata metadata;
  metadata.edges = "spherical";
  const ArrayPtr wkb = testing::WkbArray({"POINT (1 2)", std::nullopt, "POINT Z (5 -3 1)", "MULTIPOINT ((0 0))"},
                                         binary(), metadata);
  const Field f("geom", wkb->type);
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoParquetColumn c, GeoParquetColumnFor(f, wkb.get()));
  EXPECT_EQ(c.encoding, "WKB");
  EXPECT_EQ(c.geometry_types, (std::vector<std::string>{"Point", "MultiPoint", "Point Z"}));
  EXPECT_EQ(c.bbox, (std::vector<double>{0, -3, 5, 2}));
  EXPECT_EQ(c.crs, "null");
  EXPECT_EQ(c.edges, "spherical");
  QUIVER_ASSERT_OK_AND_ASSIGN(TypePtr restored, GeoArrowTypeFor(c, binary()));
  EXPECT_EQ(restored->extension_name(), "geoarrow.wkb");
  EXPECT_EQ(restored->extension_metadata(), R"({"edges":"spherical"})");

  GeoParquetColumn defaults;
  defaults.encoding = "polygon";
  const TypePtr storage = NativeStorageType(GeoEncoding::kPolygon, Dimensions::kXY, CoordLayout::kSeparated);
  QUIVER_ASSERT_OK_AND_ASSIGN(TypePtr polygon, GeoArrowTypeFor(defaults, storage));
  EXPECT_EQ(polygon->extension_name(), "geoarrow.polygon");
  EXPECT_EQ(polygon->extension_metadata(), R"({"crs":"OGC:CRS84","crs_type":"authority_code"})");
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoParquetColumn round, GeoParquetColumnFor(Field("p", polygon)));
  EXPECT_EQ(round.encoding, "polygon");
  EXPECT_TRUE(round.crs.empty());
  EXPECT_EQ(GeoArrowTypeFor(defaults, binary()).status().code(), StatusCode::kInvalidArgument);
  defaults.encoding = "WKT";
  EXPECT_EQ(GeoArrowTypeFor(defaults, utf8()).status().ToString(), "expected a GeoParquet encoding but found 'WKT'");
  EXPECT_EQ(GeoParquetColumnFor(Field("w", WktType())).status().ToString(),
            "expected a geoarrow.wkb or native field for GeoParquet but found geoarrow.wkt in 'w'");
  const TypePtr interleaved = NativeType(GeoEncoding::kPoint, Dimensions::kXY, CoordLayout::kInterleaved);
  EXPECT_EQ(GeoParquetColumnFor(Field("pt", interleaved)).status().ToString(),
            "expected separated coordinates for GeoParquet's native encoding but found interleaved ones in 'pt' "
            "(convert it with toNative first)");
}

}  // namespace
}  // namespace quiver::geo
