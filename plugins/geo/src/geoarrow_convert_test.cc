// Copyright Quiver contributors. Licensed under the Apache License 2.0.
// Conversions between WKB, WKT and native GeoArrow arrays.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "geo_test_util.h"
#include "quiver/arrow/builder.h"
#include "quiver/arrow/validate.h"
#include "quiver_geo/geoarrow.h"

namespace quiver::geo {
namespace {

using testing::RawWkbArray;
using testing::Rows;
using testing::Strings;
using testing::WkbArray;
using testing::WkbOf;
using testing::WktArray;

Rows WkbRows(const Rows& wkts) {
  Rows out;
  for (const auto& w : wkts) out.push_back(w ? std::optional<std::string>(WkbOf(*w)) : std::nullopt);
  return out;
}

struct NativeCase {
  GeoEncoding encoding;
  Dimensions dims;
  Rows rows;
};

// Rows that native arrays represent exactly, so WKB -> native -> WKB gives the same bytes.
const std::vector<NativeCase> kNativeCases = {
    {GeoEncoding::kPoint, Dimensions::kXY, {"POINT (1 2)", std::nullopt, "POINT EMPTY", "POINT (-3 4.5)"}},
    {GeoEncoding::kPoint, Dimensions::kXYZ, {"POINT Z (1 2 3)", "POINT Z EMPTY"}},
    {GeoEncoding::kPoint, Dimensions::kXYM, {"POINT M (1 2 4)", std::nullopt}},
    {GeoEncoding::kPoint, Dimensions::kXYZM, {"POINT ZM (1 2 3 4)"}},
    {GeoEncoding::kLineString, Dimensions::kXY, {"LINESTRING (30 10, 10 30, 40 40)", "LINESTRING EMPTY", std::nullopt}},
    {GeoEncoding::kLineString, Dimensions::kXYZM, {"LINESTRING ZM (30 10 1 5, 10 30 2 6)"}},
    {GeoEncoding::kPolygon, Dimensions::kXY,
     {"POLYGON ((35 10, 45 45, 15 40, 10 20, 35 10), (20 30, 35 35, 30 20, 20 30))", std::nullopt, "POLYGON EMPTY"}},
    {GeoEncoding::kPolygon, Dimensions::kXYZ, {"POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))"}},
    {GeoEncoding::kMultiPoint, Dimensions::kXY, {"MULTIPOINT ((10 40), (40 30))", "MULTIPOINT EMPTY", std::nullopt}},
    {GeoEncoding::kMultiPoint, Dimensions::kXYM, {"MULTIPOINT M ((10 40 1))"}},
    {GeoEncoding::kMultiLineString, Dimensions::kXY,
     {"MULTILINESTRING ((10 10, 20 20, 10 40), (40 40, 30 30))", "MULTILINESTRING (EMPTY, (1 1, 2 2))"}},
    {GeoEncoding::kMultiLineString, Dimensions::kXYZ, {std::nullopt, "MULTILINESTRING Z ((1 1 1, 2 2 2))"}},
    {GeoEncoding::kMultiPolygon, Dimensions::kXY,
     {"MULTIPOLYGON (((30 20, 45 40, 10 40, 30 20)), ((15 5, 40 10, 10 20, 15 5), (1 1, 2 2, 1 2, 1 1)))",
      std::nullopt, "MULTIPOLYGON EMPTY", "MULTIPOLYGON (EMPTY, ((0 0, 1 0, 0 1, 0 0)))"}},
    {GeoEncoding::kMultiPolygon, Dimensions::kXYZM, {"MULTIPOLYGON ZM (((0 0 0 1, 1 0 0 1, 1 1 0 1, 0 0 0 1)))"}},
};

TEST(GeoArrowConvertTest, WkbToNativeToWkbKeepsTheBytes) {
  for (const NativeCase& c : kNativeCases) {
    for (CoordLayout layout : {CoordLayout::kSeparated, CoordLayout::kInterleaved}) {
      SCOPED_TRACE(std::string(ExtensionName(c.encoding)) + " " + std::string(DimensionsName(c.dims)));
      const ArrayPtr wkb = WkbArray(c.rows);
      QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr native, ToNative(*wkb, {.layout = layout}));
      QUIVER_ASSERT_OK(ValidateArrayFull(*native));
      QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowType type, ParseGeoArrowType(*native->type));
      EXPECT_EQ(type.encoding, c.encoding);
      EXPECT_EQ(type.dims, c.dims);
      EXPECT_EQ(type.layout, layout);
      EXPECT_TRUE(native->type->Equals(*NativeType(c.encoding, c.dims, layout)));
      QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr back, ToWkb(*native));
      QUIVER_ASSERT_OK(ValidateArrayFull(*back));
      EXPECT_EQ(Strings(*back), WkbRows(c.rows));
      // Native to native is the identity.
      QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr again, ToNative(*native, {.layout = layout}));
      EXPECT_TRUE(ArrayEquals(*again, *native));
      // Slices of native arrays read the right rows.
      if (c.rows.size() >= 2) {
        QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr tail, SliceArray(native, 1, static_cast<int64_t>(c.rows.size()) - 1));
        QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr tail_wkb, ToWkb(*tail));
        EXPECT_EQ(Strings(*tail_wkb), WkbRows(Rows(c.rows.begin() + 1, c.rows.end())));
      }
    }
  }
}

TEST(GeoArrowConvertTest, WktToWkbToWkt) {
  const Rows rows = {"POINT (1 2)",
                     "LINESTRING Z (30 10 1, 10 30 2)",
                     std::nullopt,
                     "POLYGON ((0 0, 1 0, 1 1, 0 0))",
                     "MULTIPOINT ((1 2), EMPTY)",
                     "MULTILINESTRING M ((10 10 1, 20 20 2), EMPTY)",
                     "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))",
                     "GEOMETRYCOLLECTION (POINT (40 10), GEOMETRYCOLLECTION EMPTY)",
                     "POINT ZM EMPTY",
                     "POINT (0.1 1e-7)"};
  GeoArrowMetadata metadata;
  metadata.crs = "\"EPSG:32633\"";
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkb, ToWkb(*WktArray(rows, metadata)));
  QUIVER_ASSERT_OK(ValidateArrayFull(*wkb));
  EXPECT_EQ(wkb->type->extension_name(), "geoarrow.wkb");
  EXPECT_EQ(wkb->type->extension_metadata(), R"({"crs":"EPSG:32633"})");
  EXPECT_EQ(Strings(*wkb), WkbRows(rows));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkt, ToWkt(*wkb));
  QUIVER_ASSERT_OK(ValidateArrayFull(*wkt));
  EXPECT_EQ(wkt->type->extension_name(), "geoarrow.wkt");
  EXPECT_EQ(Strings(*wkt), rows);
}

TEST(GeoArrowConvertTest, NormalisesBigEndianAndExtendedWkb) {
  const ArrayPtr input = RawWkbArray({testing::FromHex("00 00000001 3FF0000000000000 4000000000000000"),
                                      testing::FromHex("01 010000A0 E6100000 000000000000F03F 0000000000000040 "
                                                       "0000000000000840")});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkb, ToWkb(*input));
  EXPECT_EQ(Strings(*wkb), WkbRows({"POINT (1 2)", "POINT Z (1 2 3)"}));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkt, ToWkt(*input));
  EXPECT_EQ(Strings(*wkt), (Rows{"POINT (1 2)", "POINT Z (1 2 3)"}));
}

TEST(GeoArrowConvertTest, PromotesToMulti) {
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr points,
                              ToNative(*WktArray({"POINT (1 2)", "MULTIPOINT ((3 4), (5 6))", "POINT EMPTY"})));
  EXPECT_EQ(points->type->extension_name(), "geoarrow.multipoint");
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkt, ToWkt(*points));
  EXPECT_EQ(Strings(*wkt), (Rows{"MULTIPOINT ((1 2))", "MULTIPOINT ((3 4), (5 6))", "MULTIPOINT EMPTY"}));
  QUIVER_ASSERT_OK_AND_ASSIGN(
      ArrayPtr lines, ToNative(*WktArray({"MULTILINESTRING ((0 0, 1 1))", "LINESTRING (2 2, 3 3)", "LINESTRING EMPTY"})));
  QUIVER_ASSERT_OK_AND_ASSIGN(wkt, ToWkt(*lines));
  EXPECT_EQ(Strings(*wkt),
            (Rows{"MULTILINESTRING ((0 0, 1 1))", "MULTILINESTRING ((2 2, 3 3))", "MULTILINESTRING (EMPTY)"}));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr polygons,
                              ToNative(*WktArray({"POLYGON ((0 0, 1 0, 0 1, 0 0))", std::nullopt,
                                                  "MULTIPOLYGON (((5 5, 6 5, 5 6, 5 5)), EMPTY)"})));
  QUIVER_ASSERT_OK(ValidateArrayFull(*polygons));
  QUIVER_ASSERT_OK_AND_ASSIGN(wkt, ToWkt(*polygons));
  EXPECT_EQ(Strings(*wkt), (Rows{"MULTIPOLYGON (((0 0, 1 0, 0 1, 0 0)))", std::nullopt,
                                 "MULTIPOLYGON (((5 5, 6 5, 5 6, 5 5)), EMPTY)"}));
}

TEST(GeoArrowConvertTest, DimensionsAreTheUnionOfTheRows) {
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr native, ToNative(*WktArray({"POINT Z (1 2 3)", "POINT M (4 5 6)", "POINT (7 8)"})));
  QUIVER_ASSERT_OK_AND_ASSIGN(GeoArrowType type, ParseGeoArrowType(*native->type));
  EXPECT_EQ(type.dims, Dimensions::kXYZM);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkt, ToWkt(*native));
  EXPECT_EQ(Strings(*wkt), (Rows{"POINT ZM (1 2 3 nan)", "POINT ZM (4 5 nan 6)", "POINT ZM (7 8 nan nan)"}));
  // That text reads back.
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr again, ToNative(*wkt));
  EXPECT_TRUE(again->type->Equals(*native->type));
}

TEST(GeoArrowConvertTest, MixedTypesAreRefused) {
  Result<ArrayPtr> mixed = ToNative(*WktArray({"POINT (1 2)", std::nullopt, "LINESTRING (0 0, 1 1)"}));
  EXPECT_EQ(mixed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(mixed.status().ToString(), "expected geometries of one type (or X and Multi-X) but found Point and LineString");
  Result<ArrayPtr> multi = ToNative(*WktArray({"MULTIPOINT ((1 2))", "LINESTRING (0 0, 1 1)", "POINT (1 1)"}));
  EXPECT_EQ(multi.status().ToString(),
            "expected geometries of one type (or X and Multi-X) but found Point and LineString");
  Result<ArrayPtr> collection = ToNative(*WktArray({"POINT (1 2)", "GEOMETRYCOLLECTION (POINT (1 2))"}));
  EXPECT_EQ(collection.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(collection.status().ToString(),
            "row[1]: expected a geometry type with a native GeoArrow encoding but found GeometryCollection");
}

TEST(GeoArrowConvertTest, NullsOnlyAndEmptyInput) {
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr nulls, ToNative(*WkbArray({std::nullopt, std::nullopt})));
  QUIVER_ASSERT_OK(ValidateArrayFull(*nulls));
  EXPECT_EQ(nulls->type->extension_name(), "geoarrow.point");
  EXPECT_EQ(nulls->null_count, 2);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr empty, ToNative(*WkbArray({}), {.layout = CoordLayout::kInterleaved}));
  QUIVER_ASSERT_OK(ValidateArrayFull(*empty));
  EXPECT_EQ(empty->length, 0);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkb, ToWkb(*nulls));
  EXPECT_EQ(Strings(*wkb), (Rows{std::nullopt, std::nullopt}));
}

// A column's batches are converted one at a time; SummarizeForNative of the others, passed
// as `also`, makes them all one type (a batch of nulls alone would become points).
TEST(GeoArrowConvertTest, OtherBatchesChooseTheTypeToo) {
  auto lines = WkbArray({"LINESTRING Z (0 0 1, 1 1 2)"});
  auto nulls = WkbArray({std::nullopt, std::nullopt});
  QUIVER_ASSERT_OK_AND_ASSIGN(NativeSummary of_lines, SummarizeForNative(*lines));
  EXPECT_EQ(of_lines.types, 1u << 2);
  EXPECT_TRUE(of_lines.z);
  EXPECT_FALSE(of_lines.m);
  QUIVER_ASSERT_OK_AND_ASSIGN(NativeSummary of_nulls, SummarizeForNative(*nulls));
  EXPECT_EQ(of_nulls.types, 0u);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr a, ToNative(*nulls, {.also = of_lines}));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr b, ToNative(*lines, {.also = of_nulls}));
  QUIVER_ASSERT_OK(ValidateArrayFull(*a));
  EXPECT_TRUE(a->type->Equals(*b->type)) << a->type->ToString() << " vs " << b->type->ToString();
  EXPECT_EQ(a->type->extension_name(), "geoarrow.linestring");
  EXPECT_EQ(a->null_count, 2);
  // Points in one batch and lines in another are refused as in one array.
  auto points = WkbArray({"POINT (1 2)"});
  QUIVER_ASSERT_OK_AND_ASSIGN(NativeSummary of_points, SummarizeForNative(*points));
  EXPECT_EQ(ToNative(*lines, {.also = of_points}).status().ToString(),
            "expected geometries of one type (or X and Multi-X) but found Point and LineString");
  // A Multi-X elsewhere promotes this batch's X.
  QUIVER_ASSERT_OK_AND_ASSIGN(NativeSummary of_multi, SummarizeForNative(*WktArray({"MULTIPOINT ((1 2))"})));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr promoted, ToNative(*points, {.also = of_multi}));
  EXPECT_EQ(promoted->type->extension_name(), "geoarrow.multipoint");
}

TEST(GeoArrowConvertTest, MetadataIsKept) {
  GeoArrowMetadata metadata;
  metadata.crs = R"({"type":"GeographicCRS"})";
  metadata.crs_type = "projjson";
  metadata.edges = "spherical";
  const ArrayPtr wkb = WkbArray({"POINT (1 2)"}, large_binary(), metadata);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr native, ToNative(*wkb));
  const std::string expected = R"({"crs":{"type":"GeographicCRS"},"crs_type":"projjson","edges":"spherical"})";
  EXPECT_EQ(native->type->extension_metadata(), expected);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr back, ToWkb(*native));
  EXPECT_EQ(back->type->extension_metadata(), expected);
  EXPECT_EQ(back->type->storage_type()->id(), TypeId::kBinary);
}

// Native arrays from other producers: large_list levels, an unnamed interleaved child,
// and coordinate children that carry their own offsets.
TEST(GeoArrowConvertTest, ReadsHandBuiltNativeArrays) {
  using testing::Unwrap;
  const TypePtr coord = fixed_size_list(field("item", float64()), 2);
  const TypePtr storage = large_list(field("vertices", coord));
  const ArrayPtr values = Unwrap(ArrayFromVector<double>(float64(), {0, 0, 1, 1, 2, 2, 3, 3}));
  const ArrayPtr coords = Unwrap(MakeFixedSizeListArray(coord, 4, values));
  const ArrayPtr lists = Unwrap(MakeListArray(storage, {0, 3, 3, 4}, coords, {true, false, true}));
  const ArrayPtr lines = Unwrap(MakeExtensionArray(extension("geoarrow.linestring", storage), lists));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkt, ToWkt(*lines));
  EXPECT_EQ(Strings(*wkt), (Rows{"LINESTRING (0 0, 1 1, 2 2)", std::nullopt, "LINESTRING (3 3)"}));

  const ArrayPtr xs = Unwrap(SliceArray(Unwrap(ArrayFromVector<double>(float64(), {9, 1, 2})), 1, 2));
  const ArrayPtr ys = Unwrap(SliceArray(Unwrap(ArrayFromVector<double>(float64(), {9, 9, 3, 4})), 2, 2));
  const TypePtr point_storage = struct_({field("x", float64()), field("y", float64())});
  const ArrayPtr points = Unwrap(MakeStructArray(point_storage, {xs, ys}));
  const ArrayPtr ext = Unwrap(MakeExtensionArray(extension("geoarrow.point", point_storage), points));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr point_wkt, ToWkt(*ext));
  EXPECT_EQ(Strings(*point_wkt), (Rows{"POINT (1 3)", "POINT (2 4)"}));
  QUIVER_ASSERT_OK_AND_ASSIGN(BoundingBox box, Bounds(*Unwrap(SliceArray(ext, 1, 1))));
  EXPECT_EQ(box.xmin, 2);
  EXPECT_EQ(box.ymax, 4);
}

TEST(GeoArrowConvertTest, ExtendedWkbTypesAndBounds) {
  const ArrayPtr input = RawWkbArray({testing::FromHex("01 010000A0 E6100000 000000000000F03F 0000000000000040 "
                                                       "0000000000000840"),
                                      testing::FromHex("00 00000002 00000000")});
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr types, GeometryTypes(*input));
  EXPECT_EQ(types->GetValues<int32_t>(1)[0], 1001);
  EXPECT_EQ(types->GetValues<int32_t>(1)[1], 2);
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr native, ToNative(*RawWkbArray({testing::FromHex(
                                                   "01 010000A0 E6100000 000000000000F03F 0000000000000040 "
                                                   "0000000000000840")})));
  QUIVER_ASSERT_OK_AND_ASSIGN(ArrayPtr wkb, ToWkb(*native));
  EXPECT_EQ(Strings(*wkb), WkbRows({"POINT Z (1 2 3)"}));
}

}  // namespace
}  // namespace quiver::geo
