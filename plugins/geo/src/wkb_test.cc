// Copyright Quiver contributors. Licensed under the Apache License 2.0.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/assert_ok_test_util.h"
#include "geo_fixtures_test_util.h"
#include "geo_test_util.h"
#include "quiver_geo/wkb.h"
#include "quiver_geo/wkt.h"

namespace quiver::geo {
namespace {

using testing::FromHex;
using testing::Span;
using testing::ToHex;

// One of every type in every dimension, plus empties (shared with the fuzz seeds).
const std::vector<std::string>& kFixtures = testing::WktFixtures();

std::string Wkb(const std::string& wkt, ByteOrder order = ByteOrder::kLittleEndian) {
  Result<Geometry> g = DecodeWkt(wkt);
  EXPECT_TRUE(g.ok()) << wkt << ": " << g.status().ToString();
  std::string out;
  if (g.ok()) EXPECT_TRUE(EncodeWkb(*g, &out, order).ok());
  return out;
}

std::string Error(std::string_view wkb) {
  Result<WkbSummary> s = VerifyWkb(Span(wkb));
  Result<Geometry> g = DecodeWkb(Span(wkb));
  if (s.ok() || g.ok()) return "OK";
  EXPECT_EQ(s.status().ToString(), g.status().ToString());
  return s.status().ToString();
}

TEST(WkbTest, PointBothByteOrders) {
  const std::string le = FromHex("01 01000000 000000000000F03F 0000000000000040");
  const std::string be = FromHex("00 00000001 3FF0000000000000 4000000000000000");
  for (const std::string& bytes : {le, be}) {
    QUIVER_ASSERT_OK_AND_ASSIGN(Geometry g, DecodeWkb(Span(bytes)));
    EXPECT_EQ(g.type, GeometryType::kPoint);
    EXPECT_EQ(g.dims, Dimensions::kXY);
    EXPECT_EQ(g.coords, (std::vector<double>{1, 2}));
  }
  EXPECT_EQ(ToHex(Wkb("POINT (1 2)")), ToHex(le));
  EXPECT_EQ(ToHex(Wkb("POINT (1 2)", ByteOrder::kBigEndian)), ToHex(be));
}

TEST(WkbTest, IsoDimensionCodes) {
  const std::string z = FromHex("01 E9030000 000000000000F03F 0000000000000040 0000000000000840");
  QUIVER_ASSERT_OK_AND_ASSIGN(WkbSummary s, VerifyWkb(Span(z)));
  EXPECT_EQ(s.dims, Dimensions::kXYZ);
  EXPECT_EQ(ToHex(Wkb("POINT Z (1 2 3)")), ToHex(z));
  EXPECT_EQ(ToHex(Wkb("POINT M (1 2 3)")).substr(0, 10), "01d1070000");
  EXPECT_EQ(ToHex(Wkb("POINT ZM (1 2 3 4)")).substr(0, 10), "01b90b0000");
  EXPECT_EQ(ToHex(Wkb("MULTIPOLYGON Z EMPTY")), "01ee03000000000000");
}

TEST(WkbTest, ExtendedWkbWithSrid) {
  // PostGIS: SELECT ST_AsEWKB('SRID=4326;POINT Z (1 2 3)') is little-endian with flags Z|SRID.
  const std::string ewkb = FromHex("01 010000A0 E6100000 000000000000F03F 0000000000000040 0000000000000840");
  QUIVER_ASSERT_OK_AND_ASSIGN(Geometry g, DecodeWkb(Span(ewkb)));
  EXPECT_EQ(g.dims, Dimensions::kXYZ);
  ASSERT_TRUE(g.srid.has_value());
  EXPECT_EQ(*g.srid, 4326);
  std::string wkt;
  QUIVER_ASSERT_OK(EncodeWkt(g, &wkt));
  EXPECT_EQ(wkt, "SRID=4326;POINT Z (1 2 3)");
  // Big-endian EWKB with M only.
  const std::string be = FromHex("00 40000001 3FF0000000000000 4000000000000000 4008000000000000");
  QUIVER_ASSERT_OK_AND_ASSIGN(Geometry m, DecodeWkb(Span(be)));
  EXPECT_EQ(m.dims, Dimensions::kXYM);
  EXPECT_FALSE(m.srid.has_value());
}

TEST(WkbTest, ByteOrderPerGeometry) {
  // A little-endian MultiPoint holding a big-endian and a little-endian point.
  const std::string bytes = FromHex(
      "01 04000000 02000000"
      "00 00000001 3FF0000000000000 4000000000000000"
      "01 01000000 0000000000000840 0000000000001040");
  QUIVER_ASSERT_OK_AND_ASSIGN(Geometry g, DecodeWkb(Span(bytes)));
  std::string wkt;
  QUIVER_ASSERT_OK(EncodeWkt(g, &wkt));
  EXPECT_EQ(wkt, "MULTIPOINT ((1 2), (3 4))");
}

TEST(WkbTest, EmptyPointIsNaN) {
  const std::string bytes = Wkb("POINT EMPTY");
  EXPECT_EQ(ToHex(bytes), "0101000000000000000000f87f000000000000f87f");
  QUIVER_ASSERT_OK_AND_ASSIGN(WkbSummary s, VerifyWkb(Span(bytes)));
  EXPECT_EQ(s.num_coords, 0);
  EXPECT_TRUE(s.bounds.IsEmpty());
  QUIVER_ASSERT_OK_AND_ASSIGN(Geometry g, DecodeWkb(Span(bytes)));
  EXPECT_TRUE(g.IsEmpty());
  EXPECT_TRUE(g.coords.empty());
}

TEST(WkbTest, FixturesRoundTripInBothByteOrders) {
  for (const std::string& wkt : kFixtures) {
    for (ByteOrder order : {ByteOrder::kLittleEndian, ByteOrder::kBigEndian}) {
      const std::string bytes = Wkb(wkt, order);
      QUIVER_ASSERT_OK_AND_ASSIGN(Geometry g, DecodeWkb(Span(bytes)));
      std::string back;
      QUIVER_ASSERT_OK(EncodeWkt(g, &back));
      EXPECT_EQ(back, wkt);
      std::string again;
      QUIVER_ASSERT_OK(EncodeWkb(g, &again, order));
      EXPECT_EQ(ToHex(again), ToHex(bytes)) << wkt;
    }
  }
}

TEST(WkbTest, SummaryHasTypeDimensionsAndBounds) {
  QUIVER_ASSERT_OK_AND_ASSIGN(WkbSummary s, VerifyWkb(Span(Wkb(kFixtures[12]))));
  EXPECT_EQ(s.type, GeometryType::kPolygon);
  EXPECT_EQ(s.num_coords, 9);
  EXPECT_EQ(s.bounds.xmin, 10);
  EXPECT_EQ(s.bounds.ymin, 10);
  EXPECT_EQ(s.bounds.xmax, 45);
  EXPECT_EQ(s.bounds.ymax, 45);
}

TEST(WkbTest, EveryTruncationIsAnError) {
  for (const std::string& wkt : kFixtures) {
    for (ByteOrder order : {ByteOrder::kLittleEndian, ByteOrder::kBigEndian}) {
      const std::string bytes = Wkb(wkt, order);
      for (size_t n = 0; n < bytes.size(); ++n) {
        Result<WkbSummary> s = VerifyWkb(Span(std::string_view(bytes).substr(0, n)));
        ASSERT_FALSE(s.ok()) << wkt << " cut at " << n;
        EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
        EXPECT_FALSE(DecodeWkb(Span(std::string_view(bytes).substr(0, n))).ok());
      }
    }
  }
}

TEST(WkbTest, PinnedErrors) {
  EXPECT_EQ(Error(""), "expected 1 byte (byte order) at byte 0 but found 0");
  EXPECT_EQ(Error(FromHex("07 01000000")), "expected byte order 0 or 1 at byte 0 but found 7");
  EXPECT_EQ(Error(FromHex("01 0100")), "expected 4 bytes (geometry type) at byte 1 but found 2");
  EXPECT_EQ(Error(FromHex("01 11000000")), "expected a WKB geometry type at byte 1 but found 17");
  EXPECT_EQ(Error(FromHex("01 A10F0000")), "expected a WKB geometry type at byte 1 but found 4001");
  EXPECT_EQ(Error(FromHex("01 E9030080")), "expected a WKB geometry type at byte 1 but found 2147484649");
  EXPECT_EQ(Error(FromHex("01 00000000")), "expected a WKB geometry type at byte 1 but found 0");
  EXPECT_EQ(Error(FromHex("01 01000000 000000000000F03F")),
            "expected 16 bytes (point coordinates) at byte 5 but found 8");
  EXPECT_EQ(Error(FromHex("01 02000000 E8030000 000000000000F03F 0000000000000040")),
            "expected at most 1 points (by the 16 bytes left) at byte 5 but found 1000");
  EXPECT_EQ(Error(FromHex("01 03000000 FFFFFFFF")), "expected at most 0 rings (by the 0 bytes left) at byte 5 but found 4294967295");
  EXPECT_EQ(Error(FromHex("01 07000000 02000000 01 07000000 00000000")),
            "expected at most 1 parts (by the 9 bytes left) at byte 5 but found 2");
  EXPECT_EQ(Error(Wkb("POINT (1 2)") + "\x01"), "expected the end of the WKB at byte 21 but found 1 more bytes");
  EXPECT_EQ(Error(FromHex("01 04000000 01000000 01 02000000 00000000")),
            "expected a Point at byte 9 but found LineString");
  EXPECT_EQ(Error(FromHex("01 07000000 01000000 01 EA030000 00000000")),
            "expected XY coordinates at byte 9 but found XYZ");
  EXPECT_EQ(Error(FromHex("01 01000020 E6100000")), "expected 16 bytes (point coordinates) at byte 9 but found 0");
}

TEST(WkbTest, NestingDepthIsLimited) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) bytes += FromHex("01 07000000 01000000");
  bytes += FromHex("01 07000000 00000000");
  Result<WkbSummary> s = VerifyWkb(Span(bytes));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(s.status().message(), "expected geometry nesting depth <= 32 at byte 288 but found 33");
  GeoLimits deep;
  deep.max_nesting_depth = 41;
  QUIVER_ASSERT_OK(VerifyWkb(Span(bytes), deep).status());
}

// Every single-byte change of every fixture: VerifyWkb and DecodeWkb agree, and a value
// that decodes re-encodes (as ISO) without error.
TEST(WkbTest, ByteFlipsNeverCrashAndBothStagesAgree) {
  int accepted = 0;
  for (const std::string& wkt : kFixtures) {
    const std::string bytes = Wkb(wkt, ByteOrder::kBigEndian);
    for (size_t i = 0; i < bytes.size(); ++i) {
      for (uint8_t value : {0x00, 0x01, 0x02, 0x07, 0x20, 0x80, 0xE9, 0xFF}) {
        std::string mutated = bytes;
        mutated[i] = static_cast<char>(value);
        Result<WkbSummary> s = VerifyWkb(Span(mutated));
        Result<Geometry> g = DecodeWkb(Span(mutated));
        ASSERT_EQ(s.ok(), g.ok()) << wkt << " byte " << i;
        if (!g.ok()) {
          EXPECT_EQ(s.status().ToString(), g.status().ToString());
          continue;
        }
        ++accepted;
        EXPECT_EQ(s->num_coords, g->NumCoords());
        std::string out;
        QUIVER_ASSERT_OK(EncodeWkb(*g, &out));
        std::string text;
        QUIVER_ASSERT_OK(EncodeWkt(*g, &text));
      }
    }
  }
  EXPECT_GT(accepted, 0);
}

TEST(WkbTest, EncodeRejectsInconsistentGeometries) {
  Geometry g;
  g.coords = {1, 2, 3};
  std::string out = "keep";
  Status st = EncodeWkb(g, &out);
  EXPECT_EQ(st.ToString(), "expected 2 ordinates in a point but found 3");
  EXPECT_EQ(out, "keep");
  Geometry multi;
  multi.type = GeometryType::kMultiPoint;
  multi.parts.emplace_back();
  multi.parts[0].type = GeometryType::kLineString;
  EXPECT_EQ(EncodeWkb(multi, &out).ToString(), "expected Point parts in a MultiPoint but found LineString");
}

}  // namespace
}  // namespace quiver::geo
