// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// GeoArrow types, bounds, geometry types and coordinates.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "geo_test_util.h"
#include "quiver/arrow/validate.h"
#include "quiver_geo/geoarrow.h"

namespace quiver::geo {
namespace {

using testing::RawWkbArray;
using testing::Rows;
using testing::WkbArray;
using testing::WkbOf;
using testing::WktArray;

std::vector<std::optional<double>> Doubles(const ArrayData& a) {
  std::vector<std::optional<double>> out;
  for (int64_t i = 0; i < a.length; ++i) {
    out.push_back(a.IsValid(i) ? std::optional<double>(a.GetValues<double>(1)[i]) : std::nullopt);
  }
  return out;
}

TEST(GeoArrowTypeTest, RecognisesEveryEncoding) {
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowType wkb, ParseGeoArrowType(*WkbType({}, large_binary())));
  EXPECT_EQ(wkb.encoding, GeoEncoding::kWkb);
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowType wkt, ParseGeoArrowType(*WktType({}, utf8_view())));
  EXPECT_EQ(wkt.encoding, GeoEncoding::kWkt);
  for (int e = 2; e < 8; ++e) {
    for (int d = 0; d < 4; ++d) {
      for (CoordLayout layout : {CoordLayout::kSeparated, CoordLayout::kInterleaved}) {
        const auto encoding = static_cast<GeoEncoding>(e);
        const auto dims = static_cast<Dimensions>(d);
        QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowType t, ParseGeoArrowType(*NativeType(encoding, dims, layout)));
        EXPECT_EQ(t.encoding, encoding);
        EXPECT_EQ(t.dims, dims);
        EXPECT_EQ(t.layout, layout);
        QUIVER_ASSERT_OK(ValidateType(*NativeType(encoding, dims, layout)));
      }
    }
  }
  EXPECT_EQ(NativeStorageType(GeoEncoding::kMultiPolygon, Dimensions::kXYZ, CoordLayout::kInterleaved)->ToString(),
            "list<polygons: list<rings: list<vertices: fixed_size_list<xyz: float64 not null>[3] not null> not null> "
            "not null>");
  EXPECT_EQ(NativeStorageType(GeoEncoding::kPoint, Dimensions::kXYM, CoordLayout::kSeparated)->ToString(),
            "struct<x: float64 not null, y: float64 not null, m: float64 not null>");
}

TEST(GeoArrowTypeTest, RejectsOtherTypes) {
  EXPECT_EQ(ParseGeoArrowType(*int32()).status().ToString(), "expected a geoarrow extension type but found int32");
  EXPECT_EQ(ParseGeoArrowType(*extension("geoarrow.wkb", utf8())).status().ToString(),
            "expected storage of geoarrow.wkb to be binary, large_binary or binary_view but found utf8");
  EXPECT_EQ(ParseGeoArrowType(*extension("geoarrow.wkt", binary())).status().ToString(),
            "expected storage of geoarrow.wkt to be utf8, large_utf8 or utf8_view but found binary");
  const auto bad = extension("geoarrow.linestring", struct_({field("x", float64()), field("y", float64())}));
  EXPECT_EQ(ParseGeoArrowType(*bad).status().ToString(),
            "expected storage of geoarrow.linestring to be a list of coordinates (struct<x, y[, z][, m]: float64> or "
            "fixed_size_list<float64>[2..4]) but found struct<x: float64, y: float64>");
  const auto wrong_name = extension("geoarrow.point", fixed_size_list(field("xym", float64()), 4));
  EXPECT_FALSE(ParseGeoArrowType(*wrong_name).ok());
  const auto float32s = extension("geoarrow.point", struct_({field("x", float32()), field("y", float32())}));
  EXPECT_FALSE(ParseGeoArrowType(*float32s).ok());
  // Unnamed interleaved children are read by their size.
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowType t,
                              ParseGeoArrowType(*extension("geoarrow.point", fixed_size_list(float64(), 3))));
  EXPECT_EQ(t.dims, Dimensions::kXYZ);
}

TEST(GeoArrowTypeTest, Metadata) {
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowMetadata m,
                              ParseGeoArrowMetadata(R"({"crs": {"id": {"code": 4326}}, "edges": "spherical", "x": 1})"));
  EXPECT_EQ(m.crs, R"({"id": {"code": 4326}})");
  EXPECT_EQ(m.edges, "spherical");
  EXPECT_EQ(SerializeGeoArrowMetadata(m), R"({"crs":{"id": {"code": 4326}},"edges":"spherical"})");
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowMetadata s, ParseGeoArrowMetadata(R"({"crs":"OGC:CRS84","crs_type":"authority_code","edges":"planar"})"));
  EXPECT_EQ(s.crs, "\"OGC:CRS84\"");
  EXPECT_EQ(s.crs_type, "authority_code");
  EXPECT_EQ(s.edges, "");
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowMetadata empty, ParseGeoArrowMetadata(""));
  EXPECT_EQ(SerializeGeoArrowMetadata(empty), "{}");
  EXPECT_EQ(ParseGeoArrowMetadata("[]").status().ToString(),
            "expected GeoArrow metadata to be a JSON object but found array");
  EXPECT_EQ(ParseGeoArrowMetadata(R"({"edges": 1})").status().ToString(),
            "expected 'edges' to be a string but found number");
  EXPECT_EQ(ParseGeoArrowMetadata(R"({"crs": )").status().ToString(), "expected a value at byte 8 but found the end of the text");
  // Malformed metadata makes the type unusable, with the same error.
  EXPECT_EQ(ParseGeoArrowType(*extension("geoarrow.wkb", binary(), "{")).status().code(), StatusCode::kInvalidInput);
}

TEST(GeoArrowTest, GeometryTypesPerRow) {
  const ArrayPtr wkb = WkbArray({"POINT (1 2)", "POINT Z (1 2 3)", std::nullopt, "MULTIPOLYGON ZM EMPTY",
                                 "GEOMETRYCOLLECTION (POINT (1 2))", "LINESTRING M EMPTY"});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr types, GeometryTypes(*wkb));
  QUIVER_ASSERT_OK(ValidateArrayFull(*types));
  ASSERT_EQ(types->length, 6);
  const std::vector<int32_t> expected = {1, 1001, 0, 3006, 7, 2002};
  for (int64_t i = 0; i < 6; ++i) {
    EXPECT_EQ(types->IsValid(i), i != 2);
    if (i != 2) EXPECT_EQ(types->GetValues<int32_t>(1)[i], expected[static_cast<size_t>(i)]);
  }
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr native, ToNative(*WkbArray({"POINT Z (1 2 3)", std::nullopt})));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr native_types, GeometryTypes(*native));
  EXPECT_EQ(native_types->GetValues<int32_t>(1)[0], 1001);
  EXPECT_FALSE(native_types->IsValid(1));
}

TEST(GeoArrowTest, BoundsSkipNullsAndEmpties) {
  const Rows rows = {"POINT (1 2)", std::nullopt, "POINT EMPTY", "LINESTRING (-5 10, 3 -4)", "POLYGON EMPTY",
                     "GEOMETRYCOLLECTION (POINT (100 0), MULTIPOINT ((0 50)))"};
  for (const ArrayPtr& array : {WkbArray(rows), WkbArray(rows, large_binary()), WkbArray(rows, binary_view()),
                                WktArray(rows)}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(BoundingBox box, Bounds(*array));
    EXPECT_EQ(box.xmin, -5);
    EXPECT_EQ(box.ymin, -4);
    EXPECT_EQ(box.xmax, 100);
    EXPECT_EQ(box.ymax, 50);
    QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr per_row, BoundsPerRow(*array));
    QUIVER_ASSERT_OK(ValidateArrayFull(*per_row));
    EXPECT_EQ(per_row->type->ToString(),
              "struct<xmin: float64 not null, ymin: float64 not null, xmax: float64 not null, ymax: float64 not null>");
    EXPECT_EQ(per_row->null_count, 1);
    EXPECT_FALSE(per_row->IsValid(1));
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(Doubles(*per_row->children[0]), (std::vector<std::optional<double>>{1, inf, inf, -5, inf, 0}));
    EXPECT_EQ(Doubles(*per_row->children[3]), (std::vector<std::optional<double>>{2, -inf, -inf, 10, -inf, 50}));
  }
  QUIVER_ASSERT_OK_AND_ASSIGN(BoundingBox none, Bounds(*WkbArray({std::nullopt, "POINT EMPTY"})));
  EXPECT_TRUE(none.IsEmpty());
}

TEST(GeoArrowTest, MalformedRowsAreNamed) {
  const std::string good = WkbOf("POINT (1 2)");
  const ArrayPtr bad = RawWkbArray({good, std::nullopt, good.substr(0, 13), good});
  const std::string expected = "row[2]: expected 16 bytes (point coordinates) at byte 5 but found 8";
  EXPECT_EQ(Bounds(*bad).status().ToString(), expected);
  EXPECT_EQ(BoundsPerRow(*bad).status().ToString(), expected);
  EXPECT_EQ(GeometryTypes(*bad).status().ToString(), expected);
  EXPECT_EQ(ToNative(*bad).status().ToString(), expected);
  EXPECT_EQ(ToWkb(*bad).status().ToString(), expected);
  EXPECT_EQ(ToWkt(*bad).status().ToString(), expected);
  EXPECT_EQ(CoordinatesXY(*bad).status().ToString(), expected);
  const ArrayPtr bad_wkt = WktArray({"POINT (1 2)", "POINT (1 2", std::nullopt});
  EXPECT_EQ(Bounds(*bad_wkt).status().ToString(), "row[1]: expected ')' at position 10 but found the end of the text");
  QUIVER_ASSERT_OK_AND_ASSIGN(BoundingBox empty, Bounds(*WkbArray({})));
  EXPECT_TRUE(empty.IsEmpty());
}

TEST(GeoArrowTest, SlicesCountRowsFromTheSlice) {
  const std::string good = WkbOf("POINT (1 2)");
  const ArrayPtr bad = RawWkbArray({good, good, "\x01"});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr slice, SliceArray(bad, 1, 2));
  EXPECT_EQ(Bounds(*slice).status().ToString(), "row[1]: expected 4 bytes (geometry type) at byte 1 but found 0");
  const ArrayPtr wkb = WkbArray({"POINT (1 2)", "LINESTRING (5 5, 6 6)", "POINT (9 9)", std::nullopt});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr middle, SliceArray(wkb, 1, 1));
  QUIVER_ASSERT_OK_AND_ASSIGN(BoundingBox box, Bounds(*middle));
  EXPECT_EQ(box.xmin, 5);
  EXPECT_EQ(box.xmax, 6);
}

TEST(GeoArrowTest, InvalidArraysAndTypesAreRefused) {
  const ArrayPtr ints = MakeArrayData(int32(), 0, {nullptr, nullptr});
  EXPECT_EQ(Bounds(*ints).status().code(), StatusCode::kInvalidArgument);
  // Offsets that point past the data are caught by ValidateArray before any row is read.
  ArrayPtr wkb = WkbArray({"POINT (1 2)"});
  auto broken = std::make_shared<ArrayData>(*wkb);
  broken->buffers[1] = testing::Unwrap(Buffer::FromVector(std::vector<int32_t>{0, 4000}));
  EXPECT_EQ(Bounds(*broken).status().code(), StatusCode::kInvalidInput);
}

TEST(GeoArrowTest, CoordinatesXY) {
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr promoted, ToNative(*WktArray({"LINESTRING (1 2, 3 4)", std::nullopt})));
  QUIVER_ASSERT_OK_AND_ASSIGN(XYCoordinates c, CoordinatesXY(*promoted));
  EXPECT_EQ(Doubles(*c.xy), (std::vector<std::optional<double>>{1, 2, 3, 4}));
  const ArrayData& offsets = *c.row_offsets;
  ASSERT_EQ(offsets.length, 3);
  EXPECT_EQ(offsets.GetValues<int64_t>(1)[1], 2);
  EXPECT_EQ(offsets.GetValues<int64_t>(1)[2], 2);
  QUIVER_ASSERT_OK_AND_ASSIGN(XYCoordinates w, CoordinatesXY(*WktArray({"POINT Z (1 2 3)", std::nullopt, "POINT EMPTY",
                                                                       "POLYGON ((0 0, 1 0, 1 1, 0 0))"})));
  EXPECT_EQ(Doubles(*w.xy), (std::vector<std::optional<double>>{1, 2, 0, 0, 1, 0, 1, 1, 0, 0}));
  std::vector<int64_t> got(w.row_offsets->GetValues<int64_t>(1), w.row_offsets->GetValues<int64_t>(1) + 5);
  EXPECT_EQ(got, (std::vector<int64_t>{0, 1, 1, 1, 5}));
}

}  // namespace
}  // namespace quiver::geo
