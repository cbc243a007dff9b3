// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo {
namespace {

std::string Normalize(std::string_view wkt) {
  Result<Geometry> g = DecodeWkt(wkt);
  if (!g.ok()) return g.status().ToString();
  std::string out;
  Status st = EncodeWkt(*g, &out);
  return st.ok() ? out : st.ToString();
}

TEST(WktTest, EveryTypeAndDimension) {
  EXPECT_EQ(Normalize("POINT(1 2)"), "POINT (1 2)");
  EXPECT_EQ(Normalize("point z (1 2 3)"), "POINT Z (1 2 3)");
  EXPECT_EQ(Normalize("Point M (1 2 3)"), "POINT M (1 2 3)");
  EXPECT_EQ(Normalize("POINT ZM (1 2 3 4)"), "POINT ZM (1 2 3 4)");
  EXPECT_EQ(Normalize("POINT (1 2 3)"), "POINT Z (1 2 3)");
  EXPECT_EQ(Normalize("POINT (1 2 3 4)"), "POINT ZM (1 2 3 4)");
  EXPECT_EQ(Normalize("POINTZ(1 2 3)"), "POINT Z (1 2 3)");
  EXPECT_EQ(Normalize("POINTM(1 2 3)"), "POINT M (1 2 3)");
  EXPECT_EQ(Normalize("linestring(0 0,1 1)"), "LINESTRING (0 0, 1 1)");
  EXPECT_EQ(Normalize("POLYGON((0 0,1 0,1 1,0 0),(0.1 0.1,0.2 0.1,0.1 0.2,0.1 0.1))"),
            "POLYGON ((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.1 0.2, 0.1 0.1))");
  EXPECT_EQ(Normalize("MULTIPOINT(1 2, 3 4)"), "MULTIPOINT ((1 2), (3 4))");
  EXPECT_EQ(Normalize("MULTIPOINT((1 2),(3 4))"), "MULTIPOINT ((1 2), (3 4))");
  EXPECT_EQ(Normalize("MULTIPOINT Z (EMPTY, 1 2 3)"), "MULTIPOINT Z (EMPTY, (1 2 3))");
  EXPECT_EQ(Normalize("MULTILINESTRING((0 0,1 1),(2 2,3 3))"), "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))");
  EXPECT_EQ(Normalize("MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))"),
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))");
  EXPECT_EQ(Normalize("GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1 1),GEOMETRYCOLLECTION EMPTY)"),
            "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1), GEOMETRYCOLLECTION EMPTY)");
  EXPECT_EQ(Normalize("GEOMETRYCOLLECTION (POINT EMPTY, POINT (1 2 3))"),
            "GEOMETRYCOLLECTION Z (POINT Z EMPTY, POINT Z (1 2 3))");
}

TEST(WktTest, EmptiesAndWhitespace) {
  for (const char* empty : {"POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY", "MULTIPOINT EMPTY",
                            "MULTILINESTRING EMPTY", "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY"}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(Geometry g, DecodeWkt(empty));
    EXPECT_TRUE(g.IsEmpty()) << empty;
    EXPECT_EQ(g.dims, Dimensions::kXY);
    EXPECT_EQ(Normalize(empty), empty);
  }
  EXPECT_EQ(Normalize("point zm empty"), "POINT ZM EMPTY");
  EXPECT_EQ(Normalize(" \t\nPOINT\n(\t1\r\n2 )  "), "POINT (1 2)");
}

TEST(WktTest, Numbers) {
  EXPECT_EQ(Normalize("POINT (0.1 -2.5e-3)"), "POINT (0.1 -0.0025)");
  EXPECT_EQ(Normalize("POINT (+1 .5)"), "POINT (1 0.5)");
  EXPECT_EQ(Normalize("POINT (1e21 -1E-7)"), "POINT (1e+21 -1e-7)");
  EXPECT_EQ(Normalize("POINT (0.30000000000000004 123456789.123)"), "POINT (0.30000000000000004 123456789.123)");
}

TEST(WktTest, Srid) {
  QUIVER_ASSERT_OK_AND_ASSIGN(Geometry g, DecodeWkt("SRID=4326;POINT (1 2)"));
  ASSERT_TRUE(g.srid.has_value());
  EXPECT_EQ(*g.srid, 4326);
  EXPECT_EQ(Normalize("srid=3857; point(1 2)"), "SRID=3857;POINT (1 2)");
  EXPECT_EQ(Normalize("SRID=-1;POINT (1 2)"), "SRID=-1;POINT (1 2)");
}

// Found by geo_fuzz (tests/regressions/geo/polygon_empty_ring_not_wkt.bin): WKB can hold
// a polygon ring without points, which EncodeWkt wrote as "()" and DecodeWkt then refused.
TEST(WktTest, PolygonRingWithoutPointsIsEmptyBothWays) {
  Geometry g;
  g.type = GeometryType::kPolygon;
  g.rings = {{}, {0, 0, 1, 0, 0, 0}};
  std::string text;
  QUIVER_ASSERT_OK(EncodeWkt(g, &text));
  EXPECT_EQ(text, "POLYGON (EMPTY, (0 0, 1 0, 0 0))");
  QUIVER_ASSERT_OK_AND_ASSIGN(Geometry back, DecodeWkt(text));
  ASSERT_EQ(back.rings.size(), 2u);
  EXPECT_TRUE(back.rings[0].empty());
  EXPECT_EQ(back.rings[1], g.rings[1]);
  EXPECT_EQ(Normalize("MULTIPOLYGON ((empty), EMPTY)"), "MULTIPOLYGON ((EMPTY), EMPTY)");
}

// Seen while writing geo_fuzz's WKB -> WKT rule: an EWKB SRID of INT32_MIN was written as
// SRID=-2147483648; and that text was refused.
TEST(WktTest, SridCoversEveryInt32) {
  EXPECT_EQ(Normalize("SRID=-2147483648;POINT (1 2)"), "SRID=-2147483648;POINT (1 2)");
  EXPECT_EQ(Normalize("SRID=2147483647;POINT (1 2)"), "SRID=2147483647;POINT (1 2)");
  EXPECT_EQ(Normalize("SRID=2147483648;POINT (1 2)"),
            "expected an SRID (a 32-bit integer) at position 5 but found '2147483648'");
  EXPECT_EQ(Normalize("SRID=-2147483649;POINT (1 2)"),
            "expected an SRID (a 32-bit integer) at position 5 but found '-2147483649'");
}

TEST(WktTest, PinnedErrors) {
  EXPECT_EQ(Normalize(""), "expected a geometry type (POINT, LINESTRING, ...) at position 0 but found the end of the text");
  EXPECT_EQ(Normalize("POINTS (1 2)"), "expected a geometry type (POINT, LINESTRING, ...) at position 0 but found 'POINTS'");
  EXPECT_EQ(Normalize("POINT 1 2"), "expected '(' or EMPTY at position 6 but found '1'");
  EXPECT_EQ(Normalize("POINT (1)"), "expected a number at position 8 but found ')'");
  EXPECT_EQ(Normalize("POINT (1 2"), "expected ')' at position 10 but found the end of the text");
  EXPECT_EQ(Normalize("POINT (1 2))"), "expected the end of the text at position 11 but found ')'");
  EXPECT_EQ(Normalize("POINT (1.2.3 4)"), "expected a number at position 7 but found '1.2.3'");
  EXPECT_EQ(Normalize("POINT (1-2)"), "expected a number at position 7 but found '1-2'");
  EXPECT_EQ(Normalize("POINT (nanx 1)"), "expected a number at position 7 but found 'nanx'");
  EXPECT_EQ(Normalize("POINT (nan -inf)"), "POINT (nan -inf)");
  EXPECT_EQ(Normalize("POINT (1 2 3 4 5)"), "expected at most 4 ordinates at position 15 but found '5'");
  EXPECT_EQ(Normalize("POINT Z (1 2)"), "expected 3 ordinates (XYZ) at position 9 but found 2");
  EXPECT_EQ(Normalize("LINESTRING (0 0, 1 1 1)"), "expected 2 ordinates (XY) at position 17 but found 3");
  EXPECT_EQ(Normalize("GEOMETRYCOLLECTION Z (POINT M (1 2 3))"),
            "expected XYZ like the rest of the geometry at position 22 but found XYM");
  EXPECT_EQ(Normalize("POLYGON (0 0, 1 1)"), "expected '(' at position 9 but found '0'");
  EXPECT_EQ(Normalize("MULTIPOINT (1 2, x)"), "expected '(', EMPTY or a coordinate at position 17 but found 'x'");
  EXPECT_EQ(Normalize("MULTILINESTRING (0 0)"), "expected '(' or EMPTY at position 17 but found '0'");
  EXPECT_EQ(Normalize("GEOMETRYCOLLECTION (1 2)"),
            "expected a geometry type (POINT, LINESTRING, ...) at position 20 but found '1'");
  EXPECT_EQ(Normalize("SRID=abc;POINT (1 2)"), "expected an SRID (a 32-bit integer) at position 5 but found 'abc'");
  EXPECT_EQ(Normalize("SRID=99999999999;POINT (1 2)"),
            "expected an SRID (a 32-bit integer) at position 5 but found '99999999999'");
  EXPECT_EQ(Normalize("SRID=4326 POINT (1 2)"), "expected ';' after the SRID at position 9 but found ' '");
  EXPECT_EQ(Normalize("POINT (1 2) \x01"), "expected the end of the text at position 12 but found byte 1");
}

TEST(WktTest, NestingDepthIsLimited) {
  std::string wkt;
  for (int i = 0; i < 40; ++i) wkt += "GEOMETRYCOLLECTION (";
  wkt += "POINT (1 2)";
  for (int i = 0; i < 40; ++i) wkt += ")";
  Result<Geometry> g = DecodeWkt(wkt);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(g.status().message(), "expected geometry nesting depth <= 32 at position 640 but found 33");
}

TEST(WktTest, EveryPrefixOfValidTextIsRejectedOrParsed) {
  const std::string wkt = "SRID=1;GEOMETRYCOLLECTION Z (MULTIPOLYGON Z (((0 0 1, 1 0 1, 1 1 1, 0 0 1))), POINT Z (1 2 3))";
  for (size_t n = 0; n < wkt.size(); ++n) {
    Result<Geometry> g = DecodeWkt(std::string_view(wkt).substr(0, n));
    EXPECT_FALSE(g.ok()) << n;
  }
  QUIVER_ASSERT_OK(DecodeWkt(wkt).status());
}

// Every single-character change of a valid text parses or fails cleanly, and whatever
// parses writes out and parses again to the same text.
TEST(WktTest, CharacterChangesNeverCrash) {
  const std::string wkt = "GEOMETRYCOLLECTION (MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), EMPTY), MULTIPOINT (1 2, (3 4)))";
  for (size_t i = 0; i < wkt.size(); ++i) {
    for (char c : {'(', ')', ',', ' ', '1', 'e', '-', '.', 'Z', 'x', '\0'}) {
      std::string mutated = wkt;
      mutated[i] = c;
      Result<Geometry> g = DecodeWkt(mutated);
      if (!g.ok()) continue;
      std::string out;
      QUIVER_ASSERT_OK(EncodeWkt(*g, &out));
      EXPECT_EQ(Normalize(out), out) << mutated;
    }
  }
}

}  // namespace
}  // namespace quiver::geo
